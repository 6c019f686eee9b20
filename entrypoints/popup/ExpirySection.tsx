import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { downloadText } from '../../components/download';
import { ExpiryBadge } from '../../components/ExpiryBadge';
import { readStore, useReading } from '../../components/use-store';
import { BUCKET_LABELS } from '../../utils/gar/bucket-labels';
import { expiryThresholdsOf } from '../../utils/gar/expiry';
import { parisIsoDay } from '../../utils/gar/paris-time';
import {
  matchesSearch,
  type SchoolSummary,
  type SummaryLine,
  schoolSummaries,
} from '../../utils/gar/school-summary';
import type { SeenSubscription } from '../../utils/gar/seen-subscription';
import type { Settings } from '../../utils/gar/settings';
import { consoleResourceUrl } from '../../utils/hosts/console/page';
import { cachedFormat, t } from '../../utils/i18n';
import { POPUP_FIRST_RENDER_MARK } from '../../utils/perf-marks';
import type { GarDb } from '../../utils/store/db';
import { listSeen } from '../../utils/store/seen-subscriptions';
import { getSettings } from '../../utils/store/settings-store';

/** Lines shown per school before a search: what ended or ends within the second threshold. */
const IMPORTANT_TONES = new Set(['expire', 'urgent', 'proche']);

const SEEN_AGO: Intl.RelativeTimeFormatOptions = { numeric: 'auto' };
const seenAgoFormats = new WeakMap<Intl.RelativeTimeFormatOptions, Map<string, Intl.RelativeTimeFormat>>();

function seenAgo(date: Date, now: Date): string {
  // Built once per language: a formatter costs far more to build than to use.
  const ago = cachedFormat(seenAgoFormats, SEEN_AGO, (locale, o) => new Intl.RelativeTimeFormat(locale, o));
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 60) return ago.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return ago.format(hours, 'hour');
  return ago.format(Math.round(hours / 24), 'day');
}

function Line({ line }: { line: SummaryLine }) {
  const { abonnement, goneSince } = line.entry;
  return (
    <li class="cg-fin-ligne" data-id-abonnement={abonnement.idAbonnement}>
      <ExpiryBadge expiry={line.expiry} />
      <a
        href={consoleResourceUrl(abonnement.idAbonnement)}
        target="_blank"
        rel="noreferrer"
        title={t('popupOpenInConsole')}
      >
        {abonnement.libelleRessource}
      </a>
      {goneSince && <small class="cg-disparu">({t('popupGone')})</small>}
    </li>
  );
}

function School({
  summary,
  query,
  now,
  deliveries,
}: {
  summary: SchoolSummary;
  query: string;
  now: Date;
  /** Deliveries per state, in words (« non livré » → 1). */
  deliveries?: ReadonlyMap<string, number>;
}) {
  const searching = query.trim() !== '';
  const lines = searching
    ? summary.lines.filter((line) => matchesSearch(line.entry.abonnement, query))
    : summary.lines.filter((line) => IMPORTANT_TONES.has(line.expiry.tone));
  const hidden = summary.lines.length - lines.length;
  const free = Object.entries(summary.free).filter(([, count]) => count > 0);
  return (
    <section class="cg-ecole" aria-label={t('popupSchool', summary.uai)} data-uai={summary.uai}>
      <h3>
        {t('popupSchool', summary.uai)} <small>· {t('popupSeenAgo', seenAgo(summary.lastSeenAt, now))}</small>
      </h3>
      {lines.length > 0 ? (
        <ul class="cg-fin-liste">
          {lines.map((line) => (
            <Line key={line.entry.abonnement.idAbonnement} line={line} />
          ))}
        </ul>
      ) : (
        searching && <p class="cg-vide">{t('popupNoMatch')}</p>
      )}
      {!searching && hidden > 0 && <p class="cg-aide">{t('popupMore', String(hidden))}</p>}
      {deliveries && deliveries.size > 0 && (
        <p class="cg-libres" data-cg-livraisons-popup>
          <strong>{t('labelColon', t('popupDeliveries'))}</strong>{' '}
          {[...deliveries].map(([label, count]) => `${count} ${label}`).join(' · ')}
        </p>
      )}
      {free.length > 0 && (
        <p class="cg-libres">
          <strong>{t('labelColon', t('popupFree'))}</strong>{' '}
          {free.map(([bucket, count]) => `${count} ${BUCKET_LABELS[bucket] ?? bucket}`).join(' · ')}
        </p>
      )}
    </section>
  );
}

/**
 * Per school with recorded orders, how many deliveries are in each state — from the subscriptions
 * the console showed last (the popup does not read the console).
 */
async function deliveriesBySchool(
  db: GarDb,
  seen: readonly SeenSubscription[],
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  // Loaded apart, after the first render: the popup's end dates must not wait for the order check
  // nor for the other records' repositories.
  const [{ checkDeliveries, decisionsOf, deliveryLabel }, { getSchoolRecord, listOrders }] =
    await Promise.all([import('../../utils/gar/order-check'), import('../../utils/store/repositories')]);
  for (const uai of new Set(seen.map((entry) => entry.uai))) {
    const orders = await listOrders(db, uai);
    if (orders.length === 0) continue;
    const school = await getSchoolRecord(db, uai);
    const subscriptions = seen
      .filter((entry) => entry.uai === uai && entry.goneSince === undefined)
      .map((entry) => ({ abonnement: entry.abonnement, compteurs: entry.counts, version: 0 }));
    const lines = checkDeliveries(orders, subscriptions, {
      uai,
      decisions: decisionsOf(school),
    });
    const counts = new Map<string, number>();
    for (const line of lines) {
      const label = deliveryLabel(line.status).toLowerCase();
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    result.set(uai, counts);
  }
  return result;
}

/** The exports' code (and its CSV library) loads on the first click, not with the popup. */
const loadExports = () => import('../../utils/gar/end-dates-export');

/** What the first screen needs, and nothing more: the rest of the popup loads once it is shown. */
export interface FirstScreen {
  settings: Settings;
  seen: SeenSubscription[];
}

/**
 * Starts the first screen's reads. The settings are asked first so that their answer is not queued
 * behind the hundreds of subscriptions.
 */
export function readFirstScreen(): Promise<FirstScreen> {
  return readStore(async (db) => {
    const [settings, seen] = await Promise.all([getSettings(db), listSeen(db)]);
    return { settings, seen };
  });
}

interface Props {
  /** Started before the first render (see readFirstScreen). */
  firstScreen: Promise<FirstScreen>;
  /** Called once the end dates are on screen (or could not be read): the popup's other parts may load. */
  onSettled(): void;
}

/** "What expires soon?" across every school the RA manages, from what the console showed last. */
export function ExpirySection({ firstScreen, onSettled }: Props) {
  const { data, error } = useReading(firstScreen);
  const deliveries = useSignal<Map<string, Map<string, number>> | null>(null);
  const query = useSignal('');
  const now = new Date();
  const loaded = data.value;
  const thresholds = loaded ? expiryThresholdsOf(loaded.settings) : null;
  const summaries = loaded && thresholds ? schoolSummaries(loaded.seen, now, thresholds) : null;
  const settled = loaded !== null || error.value !== null;
  useEffect(() => {
    if (!settled) return;
    if (loaded) performance.mark(POPUP_FIRST_RENDER_MARK);
    onSettled();
    if (!loaded) return;
    // A failed delivery check leaves the popup as it was: no delivery line.
    readStore((db) => deliveriesBySchool(db, loaded.seen)).then(
      (value) => {
        deliveries.value = value;
      },
      () => undefined,
    );
  }, [settled]);

  return (
    <section aria-labelledby="cg-titre-fins">
      <h2 id="cg-titre-fins">{t('popupExpiryTitle')}</h2>
      {error.value && (
        <p class="cg-erreur" role="alert">
          {error.value}
        </p>
      )}
      {summaries && summaries.length === 0 && <p class="cg-vide">{t('popupExpiryEmpty')}</p>}
      {summaries && summaries.length > 0 && (
        <>
          <label class="cg-recherche">
            <span>{t('popupSearch')}</span>
            <input
              type="search"
              value={query.value}
              onInput={(event) => {
                query.value = event.currentTarget.value;
              }}
            />
          </label>
          {summaries.map((summary) => (
            <School
              key={summary.uai}
              summary={summary}
              query={query.value}
              now={now}
              deliveries={deliveries.value?.get(summary.uai)}
            />
          ))}
          <div class="cg-actions">
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() =>
                void loadExports().then(
                  ({ endDatesIcs }) =>
                    thresholds &&
                    downloadText(
                      `dates-de-fin-${parisIsoDay(now)}.ics`,
                      endDatesIcs(summaries, thresholds, now),
                      'text/calendar',
                    ),
                )
              }
            >
              {t('popupExportIcs')}
            </button>
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() =>
                void loadExports().then(({ endDatesCsv }) =>
                  downloadText(`dates-de-fin-${parisIsoDay(now)}.csv`, endDatesCsv(summaries), 'text/csv'),
                )
              }
            >
              {t('popupExportCsv')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
