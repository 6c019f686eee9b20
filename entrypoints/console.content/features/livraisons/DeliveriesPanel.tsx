import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { downloadText } from '../../../../components/download';
import { PanelHeading } from '../../../../components/PanelHeading';
import { ReadyMessage } from '../../../../components/ReadyMessage';
import { describeError } from '../../../../utils/describe-error';
import type { ExpectedOrder } from '../../../../utils/gar/expected-order';
import {
  checkDeliveries,
  type DeliveryLine,
  type DeliveryStatus,
  decisionsOf,
  deliveriesCsv,
  deliveryLabel,
} from '../../../../utils/gar/order-check';
import { parisIsoDay } from '../../../../utils/gar/paris-time';
import type { ConsoleSubscription } from '../../../../utils/gar/school';
import type { SchoolRecord } from '../../../../utils/gar/school-record';
import { t, tn } from '../../../../utils/i18n';
import type { RequestOf } from '../../../../utils/messaging';

export interface DeliveryPorts {
  uai: string;
  subscriptions(): Promise<ConsoleSubscription[]>;
  orders(): Promise<ExpectedOrder[]>;
  school(): Promise<SchoolRecord | null>;
  decide(orderId: string, idAbonnement: string | null): Promise<unknown>;
  /** Opens the settings at one of their sections (`options.html#commandes`). */
  openOptions(section: NonNullable<RequestOf<'options.open'>['section']>): void;
}

const ICONS: Record<DeliveryStatus, string> = {
  livre: '✔',
  livrePartiellement: '◐',
  datesDifferentes: '◷',
  nonLivre: '✖',
  livreSansCommande: '?',
};

function lineTitle(line: DeliveryLine): string {
  return line.order?.resourceTitle ?? line.subscription?.abonnement.libelleRessource ?? '';
}

interface Choice {
  id: string;
  title: string;
}

/** « Livrée sous un autre abonnement ? »: the RA corrects a match the check got wrong, or finds a missing one. */
function OtherSubscription({
  order,
  choices,
  onDecide,
}: {
  order: ExpectedOrder;
  choices: readonly Choice[];
  onDecide(orderId: string, id: string | null): void;
}) {
  return (
    <label class="cg-champ">
      <span>{t('deliveryOther')}</span>
      <select
        data-cg-autre-abonnement
        onChange={(e) => {
          if (e.currentTarget.value) onDecide(order.id, e.currentTarget.value);
        }}
      >
        <option value="">{t('deliveryOtherChoose')}</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.title} ({choice.id})
          </option>
        ))}
      </select>
    </label>
  );
}

function Line({
  line,
  choices,
  onDecide,
}: {
  line: DeliveryLine;
  choices: readonly Choice[];
  onDecide(orderId: string, id: string | null): void;
}) {
  return (
    <li class="cg-carte" data-cg-livraison={line.status}>
      <p>
        <span class={`cg-statut cg-statut--${line.status}`}>
          <span aria-hidden="true">{ICONS[line.status]} </span>
          {deliveryLabel(line.status)}
        </span>{' '}
        <strong>{lineTitle(line)}</strong>
        {line.order?.reference && (
          <span class="cg-detail"> — {t('deliveryOrderRef', line.order.reference)}</span>
        )}
      </p>
      {line.subscription && line.order && (
        <p class="cg-detail">
          {t(
            'deliverySeenAs',
            line.subscription.abonnement.libelleRessource,
            line.subscription.abonnement.idAbonnement,
          )}
          {line.match && ` (${line.match.reason})`}
        </p>
      )}
      {/* « Dates différentes » says which: the two periods, in the check's French words. */}
      {line.status === 'datesDifferentes' && line.dates && (
        <p class="cg-detail" data-cg-periodes>
          {t('deliveryDates', line.dates.commande, line.dates.livre)}
        </p>
      )}
      {line.aConfirmer && line.order && line.subscription && (
        <p class="cg-alerte" data-cg-a-confirmer>
          {t('deliveryToConfirm')}{' '}
          <button
            type="button"
            class="cg-bouton"
            onClick={() =>
              line.order &&
              line.subscription &&
              onDecide(line.order.id, line.subscription.abonnement.idAbonnement)
            }
          >
            {t('deliveryConfirm')}
          </button>{' '}
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            onClick={() => line.order && onDecide(line.order.id, null)}
          >
            {t('deliveryReject')}
          </button>
        </p>
      )}
      {line.order && (line.aConfirmer || line.status === 'nonLivre') && (
        <OtherSubscription order={line.order} choices={choices} onDecide={onDecide} />
      )}
      {line.message && <ReadyMessage text={line.message()} />}
    </li>
  );
}

const STATUS_ORDER: readonly DeliveryStatus[] = [
  'nonLivre',
  'livrePartiellement',
  'datesDifferentes',
  'livre',
  'livreSansCommande',
];

function Lines({
  lines,
  choices,
  onDecide,
}: {
  lines: readonly DeliveryLine[];
  choices: readonly Choice[];
  onDecide(orderId: string, id: string | null): Promise<void>;
}) {
  return (
    <ul class="cg-liste-simple cg-cartes">
      {lines.map((line) => (
        <Line
          key={`${line.order?.id ?? ''}-${line.subscription?.abonnement.idAbonnement ?? ''}`}
          line={line}
          choices={choices}
          onDecide={(orderId, id) => void onDecide(orderId, id)}
        />
      ))}
    </ul>
  );
}

/**
 * « Livraisons des commandes », on the console's dashboard: every order the RA recorded against the
 * subscriptions the console shows now — delivered, partly, with other dates, not delivered, or
 * delivered without an order — uncertain matches to confirm, and a message ready to send.
 */
export function DeliveriesPanel({ ports }: { ports: DeliveryPorts }) {
  const lines = useSignal<DeliveryLine[] | null>(null);
  const choices = useSignal<Choice[]>([]);
  const empty = useSignal(false);
  const error = useSignal<string | null>(null);

  const load = async (): Promise<void> => {
    try {
      const [orders, subscriptions, school] = await Promise.all([
        ports.orders(),
        ports.subscriptions(),
        ports.school(),
      ]);
      empty.value = orders.length === 0;
      choices.value = subscriptions
        .filter((subscription) => !subscription.abonnement.supprime)
        .map(({ abonnement }) => ({ id: abonnement.idAbonnement, title: abonnement.libelleRessource }));
      lines.value = checkDeliveries(orders, subscriptions, {
        uai: ports.uai,
        decisions: decisionsOf(school),
      });
      error.value = null;
    } catch (cause) {
      error.value = describeError(cause);
    }
  };
  useEffect(() => {
    void load();
    // The orders are imported in the settings, in another tab: back on this one, they are checked.
    const onReturn = (): void => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onReturn);
    return () => document.removeEventListener('visibilitychange', onReturn);
  }, []);

  const decide = async (orderId: string, idAbonnement: string | null): Promise<void> => {
    await ports.decide(orderId, idAbonnement);
    await load();
  };
  // Problems first, what is fine next; subscriptions without an order (often many) folded away.
  const all = lines.value ?? [];
  const ordered = [...all].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  const unordered = all.filter((line) => line.status === 'livreSansCommande');
  const counts = new Map<DeliveryStatus, number>();
  for (const line of lines.value ?? []) counts.set(line.status, (counts.get(line.status) ?? 0) + 1);

  return (
    <section class="cg-tri cg-synchro" aria-labelledby="cg-titre-livraisons" data-cg-livraisons>
      <PanelHeading id="cg-titre-livraisons">{t('deliveryTitle')}</PanelHeading>
      {error.value && (
        <p class="cg-alerte" role="alert">
          {error.value}
        </p>
      )}
      {empty.value && (
        <p>
          {t('deliveryNoOrders')}{' '}
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            // Where the message sends the RA: « Commandes attendues », not the top of the settings.
            onClick={() => ports.openOptions('commandes')}
          >
            {t('deliveryOpenOptions')}
          </button>
        </p>
      )}
      {lines.value && !empty.value && (
        <div class="cg-synchro__resultat">
          <p data-cg-livraisons-resume>
            {[...counts]
              .map(([status, count]) => `${count} ${deliveryLabel(status).toLowerCase()}`)
              .join(' · ')}
          </p>
          <Lines
            lines={ordered.filter((line) => line.status !== 'livreSansCommande')}
            choices={choices.value}
            onDecide={decide}
          />
          {unordered.length > 0 && (
            <details class="cg-noms" data-cg-sans-commande>
              <summary>{tn(unordered.length, 'deliveryUnordered')}</summary>
              <Lines lines={unordered} choices={choices.value} onDecide={decide} />
            </details>
          )}
          <div class="cg-pied cg-pied--simple">
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() =>
                lines.value &&
                downloadText(
                  `livraisons-${parisIsoDay(new Date())}.csv`,
                  deliveriesCsv(lines.value),
                  'text/csv',
                )
              }
            >
              {t('deliveryExport')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
