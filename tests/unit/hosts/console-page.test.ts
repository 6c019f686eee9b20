import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_SELECTORS,
  consoleViewOf,
  currentUai,
  rowEndDate,
  subscriptionIdOf,
  watchCurrentUai,
} from '../../../utils/hosts/console/page';

/** Saved console pages (captured from the simulator on the college seed). */
function savedPage(name: string): Document {
  const html = readFileSync(resolve(import.meta.dirname, 'fixtures', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('reading a saved console page', () => {
  it('reads the current school and the subscription of a row', () => {
    const page = savedPage('console-ressources');
    expect(currentUai(page)).toBe('0561622J');
    const first = page.querySelector(CONSOLE_SELECTORS.resourceRow);
    expect(first && subscriptionIdOf(first)).toBe('ABO-1-MATHS-6E-1');
    expect(first && rowEndDate(first)?.toISOString()).toBe('2026-12-03T22:59:59.000Z');
  });
});

describe('consoleViewOf', () => {
  const view = (path: string) => consoleViewOf(new URL(`https://affectation.gar.education.fr${path}`));

  it('recognises each view of the console', () => {
    expect(view('/')).toBe('tableau-de-bord');
    expect(view('/tableau-de-bord')).toBe('tableau-de-bord');
    expect(view('/ressources')).toBe('ressources');
    expect(view('/ressources/ABO-1-MATHS-6E-1')).toBe('ressource');
    expect(view('/population?type=groupes')).toBe('population');
    expect(view('/population/divisions/6A')).toBe('population-detail');
    expect(view('/recuperation')).toBe('recuperation');
    expect(view('/connexion')).toBe('connexion');
  });

  it('knows nothing of other pages', () => {
    expect(view('/aide/faq')).toBeNull();
    expect(consoleViewOf(new URL('https://portail.gar.education.fr/'))).toBeNull();
  });

  it('recognises the console on any port (the demo serves the simulator on its own)', () => {
    expect(consoleViewOf(new URL('https://affectation.gar.education.fr:8443/ressources'))).toBe('ressources');
  });
});

describe('watchCurrentUai', () => {
  it('calls back when the RA switches school, once per change, until aborted', async () => {
    document.body.innerHTML = '';
    document.body.setAttribute('data-gar-application', 'console');
    document.body.dataset.garUaiCourant = '0561622J';
    const controller = new AbortController();
    let changes = 0;
    watchCurrentUai(document, () => changes++, controller.signal);
    document.body.dataset.garUaiCourant = '0290009C';
    await Promise.resolve();
    document.body.dataset.garUaiCourant = '0290009C';
    await Promise.resolve();
    expect(changes).toBe(1);
    controller.abort();
    document.body.dataset.garUaiCourant = '0561622J';
    await Promise.resolve();
    expect(changes).toBe(1);
  });

  it('does not call back when the console first names its school after loading', async () => {
    document.body.innerHTML = '';
    document.body.setAttribute('data-gar-application', 'console');
    delete document.body.dataset.garUaiCourant;
    const controller = new AbortController();
    let changes = 0;
    watchCurrentUai(document, () => changes++, controller.signal);
    document.body.dataset.garUaiCourant = '0561622J';
    await Promise.resolve();
    expect(changes).toBe(0);
    document.body.dataset.garUaiCourant = '0290009C';
    await Promise.resolve();
    expect(changes).toBe(1);
    controller.abort();
  });
});
