import { SCHOOL_A } from './console-api';
import { expect, test } from './fixtures';
import { clickTab, countOf, logIn, readStore, replaceStore, textOf } from './pages';

/**
 * The popup in Firefox answers « what ends soon? » from what the console showed
 * (tests/e2e/scenario-05-staff-meeting.spec.ts), in French.
 */

const SCHOOL_B = '0290009C';

test('after a visit to the console, the popup lists the school’s soonest end dates, in French', async ({
  tab,
  openExtensionPage,
}) => {
  await logIn(tab);
  // What earlier visits left in the memory is forgotten: the popup must answer from this one.
  const options = await openExtensionPage(tab, 'options.html');
  expect(await textOf(options, 'h1')).toBe('Réglages de Compagnon GAR');
  await replaceStore(options, 'seenSubscriptions', []);
  await clickTab(tab, 'ressources');
  await expect.poll(() => countOf(tab, '#contenu [data-cg-fin-hote]')).toBe(35);
  await expect
    .poll(async () => (await readStore<{ uai: string }>(options, 'seenSubscriptions')).length)
    .toBe(35);
  await options.close();

  const popup = await openExtensionPage(tab, 'popup.html');
  expect(await textOf(popup, 'h1')).toBe('Compagnon GAR');
  expect(await textOf(popup, 'h2#cg-titre-fins')).toBe('Dates de fin');
  const school = `section[aria-label="Établissement ${SCHOOL_A}"]`;
  await popup.waitForSelector(school);
  expect(await countOf(popup, `section[aria-label="Établissement ${SCHOOL_B}"]`)).toBe(0);
  const maths = `${school} li[data-id-abonnement="ABO-1-MATHS-6E-1"]`;
  expect(await textOf(popup, `${maths} [data-cg-fin]`)).toBe('⚠ expire dans 5 j');
  expect(await textOf(popup, `${maths} a`)).toBe('Maths 6e — manuel numérique');
  expect(await popup.$eval(`${maths} a`, (link) => link.getAttribute('href'))).toBe(
    'https://affectation.gar.education.fr/ressources/ABO-1-MATHS-6E-1',
  );
  expect(await textOf(popup, `${school} li[data-id-abonnement="ABO-1-ANGLAIS-5E-1"] [data-cg-fin]`)).toBe(
    '✖ expiré depuis 3 j',
  );
  expect(await textOf(popup, school)).toMatch(/Licences encore disponibles : \d+ élèves/);

  // The search, typed as the RA does.
  await popup.type('label.cg-recherche input[type="search"]', 'presse');
  await expect.poll(() => countOf(popup, maths)).toBe(0);
  expect(await textOf(popup, `${school} li.cg-fin-ligne a`)).toMatch(/^Presse junior/);
});
