import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EXTENSION_DIR } from './support/browser';

// The built manifest is what users grant: nobody widens it by accident.
const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8'));

test('the production manifest asks for GAR hosts, alarms, notifications and storage (the calibration file) only', () => {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(['alarms', 'notifications', 'storage']);
  expect(manifest.host_permissions).toEqual(['https://*.gar.education.fr/*']);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect(manifest.optional_host_permissions ?? []).toEqual([]);
});

test('the oldest Chrome it runs on is declared (AbortSignal.any, README « Navigateurs pris en charge »)', () => {
  expect(manifest.minimum_chrome_version).toBe('116');
});

test('content scripts run on the console and the portail only', () => {
  const matches = manifest.content_scripts.flatMap((script: { matches: string[] }) => script.matches);
  expect(matches.sort()).toEqual([
    'https://affectation.gar.education.fr/*',
    'https://portail.gar.education.fr/*',
  ]);
  for (const pattern of matches) expect(pattern).toMatch(/^https:\/\/[a-z-]+\.gar\.education\.fr\/\*$/);
});

test('no remote code and a French default locale', () => {
  expect(manifest.default_locale).toBe('fr');
  expect(manifest.name).toBe('__MSG_extName__');
  const csp = JSON.stringify(manifest.content_security_policy ?? {});
  expect(csp).not.toMatch(/https?:/);
  // The only resources pages may load are the helpers' own stylesheets, under dynamic URLs.
  for (const entry of manifest.web_accessible_resources ?? []) {
    expect(entry.use_dynamic_url).toBe(true);
    for (const resource of entry.resources) expect(resource).toMatch(/^content-scripts\/[a-z]+\.css$/);
    for (const pattern of entry.matches)
      expect(pattern).toMatch(/^https:\/\/[a-z-]+\.gar\.education\.fr\/\*$/);
  }
});
