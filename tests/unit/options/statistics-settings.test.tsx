import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { openGarDb } from '../../../utils/store/db';
import { mergeUsage } from '../../../utils/store/usage-history';
import { UAI_A, usageFact } from '../store/fixtures';

/** The statistics settings weigh the history (a second read of all of it) only once it was read. */

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
});

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const flush = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 20)));
const weighed = () => document.querySelector('[data-cg-stats-stockage]');

describe('StatisticsSettings', () => {
  it('weighs the history only after the section has read it', async () => {
    await mergeUsage(await openGarDb(), UAI_A, [usageFact()], new Date('2025-10-02T08:00:00.000Z'));
    // Imported once getMessage is stubbed: the section's words are read when it loads.
    const { StatisticsSettings } = await import('../../../entrypoints/options/statistics/StatisticsSettings');
    const idle = vi.fn((run: () => void) => setTimeout(run, 0));
    vi.stubGlobal('requestIdleCallback', idle);
    vi.stubGlobal('cancelIdleCallback', (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle));
    const settings = (historyRead: boolean) => (
      <StatisticsSettings version={0} historyRead={historyRead} onChanged={() => undefined} />
    );

    render(settings(false), document.body);
    await flush();
    expect(idle).not.toHaveBeenCalled();
    expect(weighed()).toBeNull();

    render(settings(true), document.body);
    await flush();
    expect(idle).toHaveBeenCalledTimes(1);
    expect(weighed()).not.toBeNull();
  });
});
