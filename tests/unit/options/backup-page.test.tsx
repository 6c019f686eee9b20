import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { BackupPage } from '../../../entrypoints/options/backup/BackupPage';
import { exportStore, MAX_BACKUP_BYTES } from '../../../utils/store/backup';
import { openGarDb } from '../../../utils/store/db';
import { addJournalEntry, putTemplate } from '../../../utils/store/repositories';
import { journalEntry, template } from '../store/fixtures';

/** The backup section, rendered alone on the real (fake-indexeddb) store; texts are their catalogue keys. */

const NOW = new Date('2026-10-01T12:00:00.000Z');

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
});

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
  document.body.innerHTML = '';
});

const flush = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 10)));

async function choose(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="import-sauvegarde"]');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

const status = () => document.querySelector('[role="status"]')?.textContent;

async function storeNow(): Promise<unknown> {
  return exportStore(await openGarDb(), NOW);
}

describe('BackupPage refuses hostile files and changes nothing', () => {
  it('refuses a deeply nested file before parsing it', async () => {
    const db = await openGarDb();
    await putTemplate(db, template({ id: 'kept' }));
    const before = await storeNow();
    render(<BackupPage />, document.body);
    await flush();

    const deep = `{"format":"compagnon-gar-backup","stores":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await choose(new File([deep], 'sauvegarde.json'));
    expect(status()).toBe('optionsImportTooDeep');
    expect(document.querySelector('.cg-confirmation')).toBeNull();
    expect(await storeNow()).toEqual(before);
  });

  it('refuses an oversized file without reading it', async () => {
    const before = await storeNow();
    render(<BackupPage />, document.body);
    await flush();
    const text = vi.fn(async () => '{}');
    await choose({ name: 'enorme.json', size: MAX_BACKUP_BYTES + 1, text });
    expect(status()).toBe('optionsImportTooLarge');
    expect(text).not.toHaveBeenCalled();
    expect(await storeNow()).toEqual(before);
  });

  it('exports without the journal unless the box is ticked', async () => {
    const db = await openGarDb();
    await addJournalEntry(db, journalEntry({ id: 'op', startedAt: new Date().toISOString() }));
    const downloads: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      void (blob as Blob).text().then((content) => downloads.push(content));
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    render(<BackupPage />, document.body);
    await flush();
    const exportButton = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'optionsExport',
    );
    const box = document.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(box?.checked).toBe(false);
    // Each export reads the whole store, then the file: waited for, not timed (a loaded machine).
    await act(() => exportButton?.click());
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    await act(() => box?.click());
    await act(() => exportButton?.click());
    await vi.waitFor(() => expect(downloads).toHaveLength(2));
    expect(downloads.map((content) => 'journal' in JSON.parse(content).stores)).toEqual([false, true]);
  });
});
