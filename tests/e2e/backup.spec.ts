import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('the whole store exports as one JSON file and imports back', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const downloadPromise = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Exporter toutes les données' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^compagnon-gar-sauvegarde-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(backup.format).toBe('compagnon-gar-backup');
  expect(Object.keys(backup.stores)).toContain('settings');

  await options.getByTestId('import-sauvegarde').setInputFiles({
    name: 'sauvegarde.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await options.getByRole('button', { name: 'Remplacer les données actuelles par cette sauvegarde' }).click();
  await expect(options.getByText('Sauvegarde importée : les données ont été remplacées.')).toBeVisible();
});

test('a malformed backup is refused in French and changes nothing', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const input = options.getByTestId('import-sauvegarde');

  await input.setInputFiles({
    name: 'casse.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ pas du json'),
  });
  await expect(options.getByText(/Fichier refusé : ce n'est pas un fichier JSON lisible/)).toBeVisible();

  const wrong = { format: 'compagnon-gar-backup', version: 1, stores: { templates: [{ id: 1 }] } };
  await input.setInputFiles({
    name: 'faux.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(wrong)),
  });
  await expect(options.getByRole('status').filter({ hasText: /Fichier refusé/ })).toBeVisible();
  await expect(options.getByRole('button', { name: /Remplacer les données/ })).toHaveCount(0);
  await expect(options.getByRole('checkbox', { name: 'Barre Compagnon GAR' })).toBeChecked();
});
