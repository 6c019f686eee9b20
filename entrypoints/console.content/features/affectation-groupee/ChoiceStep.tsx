import { useSignal } from '@preact/signals';
import { Tabs } from '../../../../components/Tabs';
import { PROFILS, type Profil } from '../../../../utils/gar/abonnement';
import { refusalOf } from '../../../../utils/gar/assignment-plan';
import { BUCKET_LABELS } from '../../../../utils/gar/bucket-labels';
import { expiryOf } from '../../../../utils/gar/expiry';
import type { Cible, CibleType, ConsoleSubscription } from '../../../../utils/gar/school';
import { matchesSearch } from '../../../../utils/gar/school-summary';
import {
  countByProfile,
  type PopulationIndex,
  resolveTargets,
  targetHeadCount,
  targetLabel,
} from '../../../../utils/gar/targets';
import { t, tn } from '../../../../utils/i18n';
import { bucketCount, profileCounts, profileWord, refusLabel } from './labels';
import type { BulkState, School } from './state';

function freeLicences(subscription: ConsoleSubscription): string {
  return Object.entries(subscription.compteurs)
    .map(([bucket, { disponibles }]) =>
      disponibles === 'ILLIMITE'
        ? `${t('bulkUnlimited')} (${BUCKET_LABELS[bucket] ?? bucket})`
        : bucketCount(bucket, disponibles),
    )
    .join(' · ');
}

function SubscriptionPicker({ state, school }: { state: BulkState; school: School }) {
  const query = useSignal('');
  const now = new Date();
  const shown = school.subscriptions.filter(
    (s) => !s.abonnement.supprime && matchesSearch(s.abonnement, query.value),
  );
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(state.selectedIds.value);
    if (on) next.add(id);
    else next.delete(id);
    state.selectedIds.value = next;
  };
  return (
    <fieldset class="cg-choix__colonne">
      <legend>
        {t('bulkSubscriptions')}{' '}
        <span class="cg-compte">({tn(state.selectedIds.value.size, 'bulkSelectedCount')})</span>
      </legend>
      <label class="cg-champ">
        <span>{t('bulkSearchSubscription')}</span>
        <input type="search" value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} />
      </label>
      <ul class="cg-liste-choix" data-cg-liste="abonnements">
        {shown.map((subscription) => {
          const { idAbonnement, libelleRessource } = subscription.abonnement;
          const refus = refusalOf(subscription, now);
          const expiry = expiryOf(subscription.abonnement, now, state.thresholds);
          return (
            <li key={idAbonnement}>
              <label class={refus ? 'cg-option cg-option--refusee' : 'cg-option'}>
                <input
                  type="checkbox"
                  data-cg-abonnement={idAbonnement}
                  checked={state.selectedIds.value.has(idAbonnement)}
                  disabled={refus !== undefined}
                  onChange={(e) => toggle(idAbonnement, e.currentTarget.checked)}
                />
                <span>
                  <strong>{libelleRessource}</strong>
                  <span class="cg-detail">
                    {refus
                      ? refusLabel(refus)
                      : `${expiry.label} — ${t('bulkFree')} ${freeLicences(subscription)}`}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

const TARGET_TABS: ReadonlyArray<readonly [CibleType, Parameters<typeof t>[0]]> = [
  ['division', 'bulkTabDivisions'],
  ['groupe', 'bulkTabGroups'],
  ['mef', 'bulkTabLevels'],
  ['profil', 'bulkTabProfiles'],
  ['matiere', 'bulkTabSubjects'],
  ['personne', 'bulkTabPersons'],
];

/** The codes of one kind of target with their head-count per profile, as the console lists them. */
function optionsOf(
  index: PopulationIndex,
  type: CibleType,
  query: string,
): { code: string; label: string; counts: [Profil, number][] }[] {
  const { population } = index;
  const needle = query.trim().toLocaleLowerCase('fr');
  const listed = (
    items: readonly { code: string; libelle: string }[],
    kind: 'division' | 'groupe' | 'mef' | 'matiere',
  ) =>
    items.map((item) => ({
      code: item.code,
      label: item.libelle && item.libelle !== item.code ? `${item.code} — ${item.libelle}` : item.code,
      counts: targetHeadCount(index, { type: kind, code: item.code }),
    }));
  switch (type) {
    case 'division':
      return listed(population.divisions, 'division');
    case 'groupe':
      return listed(population.groupes, 'groupe');
    case 'mef':
      return listed(population.mefs, 'mef');
    case 'matiere':
      return listed(population.matieres, 'matiere');
    case 'profil':
      return PROFILS.map((profil) => ({
        code: profil,
        label: targetLabel(index, { type: 'profil', code: profil }),
        counts: targetHeadCount(index, { type: 'profil', code: profil }),
      }));
    case 'personne':
      // Searching by name: nobody is listed before the RA types, and at most 30 matches.
      if (needle.length < 2) return [];
      return population.personnes
        .filter((p) => `${p.nom} ${p.prenom}`.toLocaleLowerCase('fr').includes(needle))
        .slice(0, 30)
        .map((p) => ({
          code: p.id,
          label: `${p.nom} ${p.prenom} (${profileWord(p.profil)})`,
          counts: [],
        }));
  }
}

function sameTarget(a: Cible, b: Cible): boolean {
  return a.type === b.type && a.code === b.code;
}

function TargetPicker({ state, school }: { state: BulkState; school: School }) {
  const tab = useSignal<CibleType>('division');
  const query = useSignal('');
  const chosen = state.cibles.value;
  const toggle = (cible: Cible, on: boolean): void => {
    state.cibles.value = on ? [...chosen, cible] : chosen.filter((c) => !sameTarget(c, cible));
  };
  const all = resolveTargets(school.index, { publicCible: [...PROFILS] }, chosen).persons;
  const perProfile = countByProfile(all);
  const options = optionsOf(school.index, tab.value, query.value);
  return (
    <fieldset class="cg-choix__colonne">
      <legend>{t('bulkTargets')}</legend>
      <Tabs
        idPrefix="cg-cibles"
        label={t('bulkTargetKinds')}
        tabs={TARGET_TABS.map(([id, label]) => ({ id, label: t(label) }))}
        selected={tab.value}
        onSelect={(type) => {
          tab.value = type;
          query.value = '';
        }}
        classes={{ list: 'cg-onglets', tab: 'cg-onglet' }}
      >
        {tab.value === 'personne' && (
          <label class="cg-champ">
            <span>{t('bulkSearchPerson')}</span>
            <input type="search" value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} />
          </label>
        )}
        <ul class="cg-liste-choix" data-cg-liste="cibles">
          {options.map((option) => {
            const cible = { type: tab.value, code: option.code };
            return (
              <li key={option.code}>
                <label class="cg-option">
                  <input
                    type="checkbox"
                    data-cg-cible={`${cible.type}:${cible.code}`}
                    checked={chosen.some((c) => sameTarget(c, cible))}
                    onChange={(e) => toggle(cible, e.currentTarget.checked)}
                  />
                  <span class="cg-option__ligne">
                    {option.label}
                    {tab.value !== 'personne' && (
                      <span class="cg-detail" data-cg-effectif>
                        {' '}
                        ({profileCounts(option.counts) || t('bulkNobody')})
                      </span>
                    )}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </Tabs>
      <div class="cg-selection" aria-live="polite" data-cg-selection>
        {chosen.length === 0 ? (
          <p class="cg-detail">{t('bulkNoTarget')}</p>
        ) : (
          <>
            <ul class="cg-puces">
              {chosen.map((cible) => (
                <li key={`${cible.type}:${cible.code}`}>
                  {targetLabel(school.index, cible)}
                  <button
                    type="button"
                    class="cg-puce__retirer"
                    aria-label={t('bulkRemoveTarget', targetLabel(school.index, cible))}
                    onClick={() => toggle(cible, false)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <p>
              <strong>{t('bulkHeadCount')}</strong> {profileCounts(perProfile) || t('bulkNobody')}
            </p>
          </>
        )}
      </div>
    </fieldset>
  );
}

/** Step 1: which subscriptions, for whom — with live head-counts. */
export function ChoiceStep({ state, school }: { state: BulkState; school: School }) {
  const ready = state.selectedIds.value.size > 0 && state.cibles.value.length > 0;
  return (
    <div class="cg-etape">
      <div class="cg-choix">
        <SubscriptionPicker state={state} school={school} />
        <TargetPicker state={state} school={school} />
      </div>
      <div class="cg-pied">
        <button type="button" class="cg-bouton" disabled={!ready} onClick={() => void state.preview()}>
          {t('bulkPreview')}
        </button>
        {!ready && <span class="cg-detail">{t('bulkChooseBoth')}</span>}
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire cg-pied__droite"
          onClick={() => void state.openTemplates()}
        >
          {t('bulkTemplatesApply')}
        </button>
      </div>
    </div>
  );
}
