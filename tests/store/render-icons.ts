/**
 * `npx tsx tests/store/render-icons.ts` — draws the extension's icons (public/icon/*.png) from
 * tests/store/icon.svg (and icon-16.svg), at each size the manifest lists, with Debian's Chromium. Run it after
 * changing the drawing, look at the 16 px one, and commit both.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumExecutable } from '../e2e/support/browser';

const SIZES = [16, 32, 48, 128] as const;
/** The 16 px one is drawn on its own grid: the large drawing's details blur at that size. */
const drawing = (size: number): string =>
  readFileSync(resolve(import.meta.dirname, size === 16 ? 'icon-16.svg' : 'icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: chromiumExecutable() });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${drawing(size)}`,
    );
    await page.screenshot({ path: resolve('public/icon', `${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
