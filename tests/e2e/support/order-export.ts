import { expect, type Locator } from '@playwright/test';

/**
 * The school's order export as the accountant's spreadsheet saves it, and the options page's
 * « Commandes attendues » import: choose the file, check its lines, save them.
 */

/** The school year a day falls in, as order exports write it: « 2026-2027 » from September. */
export function schoolYear(now = new Date()): string {
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** Windows-1252 bytes of a CSV, as Excel saves « CSV (séparateur : point-virgule) » in France. */
const WINDOWS_1252_EXTRAS: Readonly<Record<string, number>> = { '’': 0x92, '–': 0x96, '—': 0x97 };

export function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((char) => WINDOWS_1252_EXTRAS[char] ?? char.charCodeAt(0)));
}

/** Chooses an export (the file chooser's input) and checks its lines with the suggested columns. */
export async function checkExport(section: Locator, name: string, csv: string): Promise<Locator> {
  await section.getByTestId('import-commandes').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: windows1252(csv),
  });
  await expect(section.locator('[data-cg-colonnes]')).toContainText(name);
  await section.getByRole('button', { name: 'Vérifier les lignes' }).click();
  return section.locator('[data-cg-import-commandes]');
}

export async function saveChecked(section: Locator): Promise<void> {
  await section.getByRole('button', { name: /^Enregistrer \d+ commande/ }).click();
  await expect(section.locator('[data-cg-import-commandes]')).toHaveCount(0);
}
