import { readFile } from 'node:fs/promises';
import { expect, test, WORKED_CALIBRATION } from './fixtures';

/**
 * The fichier d'étalonnage in the options page: a maintainer sends it to a school whose console
 * differs from the built-in model; the RA imports it, sees which one is in use, and can go back.
 */

test('import refused with the faulty field named, then imported, shown and reverted', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  const section = options.getByTestId('etalonnage');
  await expect(section.getByTestId('etalonnage-profil')).toHaveText(
    "Profil en usage : profil intégré (aucun fichier d'étalonnage).",
  );
  const input = section.getByTestId('etalonnage-fichier');

  const broken = JSON.parse(await readFile(WORKED_CALIBRATION, 'utf8'));
  broken.console.ancres.resourceRow = [{ css: 'tr[[' }];
  await input.setInputFiles({
    name: 'etalonnage.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(section.getByRole('status')).toHaveText(
    "Le fichier « etalonnage.json » n'a pas été importé : champ « console.ancres.resourceRow[0].css » : sélecteur CSS invalide. Rien n'a été modifié.",
  );
  await expect(section.getByTestId('etalonnage-profil')).toContainText('profil intégré');

  await input.setInputFiles(WORKED_CALIBRATION);
  await expect(section.getByRole('status')).toContainText(
    '« Simulateur, seconde apparence (--variante) » enregistré',
  );
  const shown = section.getByTestId('etalonnage-profil');
  await expect(shown).toContainText('Simulateur, seconde apparence (--variante)');
  await expect(shown).toContainText('3 décembre 2026');

  // Still there when the page is opened again.
  await options.reload();
  await expect(options.getByTestId('etalonnage-profil')).toContainText('Simulateur, seconde apparence');

  await options.getByRole('button', { name: 'Revenir au profil intégré' }).click();
  await expect(options.getByTestId('etalonnage-profil')).toContainText('profil intégré');
  await expect(options.getByRole('button', { name: 'Revenir au profil intégré' })).toHaveCount(0);
});
