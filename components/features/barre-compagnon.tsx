import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { askBackground, settingsOnce } from '../../utils/client';
import type { FeatureDefinition } from '../../utils/features';
import { consoleViewOf } from '../../utils/hosts/console/page';
import { isGarPage } from '../../utils/hosts/hosts';
import { portailViewOf } from '../../utils/hosts/portail/page';
import { activeProfile } from '../../utils/hosts/profile/active';
import { t } from '../../utils/i18n';
import { refusedCalibration, unavailableHere, unrecognizedPage } from '../../utils/page-health';
import { mountShadowUi } from '../mount-shadow-ui';

/**
 * A slim strip at the top of the GAR page: the RA sees at once that the extension is active here,
 * and reaches its settings. It sits in the page's flow, above the site's own header, so it never
 * covers the console's tables; folded, it is a single mark. The choice is remembered for every page.
 */
function BarreCompagnon({ folded: initiallyFolded }: { folded: boolean }) {
  const folded = useSignal(initiallyFolded);
  // The button pressed disappears with the state it stood for: focus moves to its counterpart.
  const toggled = useRef(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (toggled.current) toggle.current?.focus();
  }, [folded.value]);
  const fold = (next: boolean): void => {
    toggled.current = true;
    folded.value = next;
    void askBackground('settings.update', { barFolded: next }).catch(() => undefined);
  };
  const unavailable = unavailableHere.value.map((key) => t(key));
  const pageWarning = unrecognizedPage.value
    ? t('barUnrecognizedPage')
    : unavailable.length > 0
      ? t('barUnavailable', unavailable.join(', '))
      : null;
  // A refused calibration is most likely why the page is not recognised: say that, shortly.
  const warning = refusedCalibration.value ? t('barCalibrationRefused') : pageWarning;
  if (folded.value) {
    // Folded, it still says when a helper is unavailable here: an icon and words, not a colour.
    const label = warning ? `${t('barUnfold')} — ${t('barUnavailableShort')}` : t('barUnfold');
    return (
      <aside class="cg-barre cg-barre--repliee" aria-label={t('barTitle')}>
        <button
          ref={toggle}
          type="button"
          class="cg-barre__deplier"
          aria-expanded="false"
          title={label}
          aria-label={label}
          onClick={() => fold(false)}
        >
          <span aria-hidden="true">{warning ? '◆ ⚠' : '◆'}</span>
        </button>
      </aside>
    );
  }
  return (
    <aside class="cg-barre" aria-label={t('barTitle')}>
      <span class="cg-barre__logo" aria-hidden="true">
        ◆
      </span>
      <span class="cg-barre__titre">
        <strong>{t('barTitle')}</strong> <span class="cg-barre__etat">{t('barActive')}</span>
      </span>
      {warning && (
        <span class="cg-barre__alerte" role="status" data-cg-indisponibles>
          <span aria-hidden="true">⚠ </span>
          {warning}
        </span>
      )}
      <button
        type="button"
        class="cg-bouton cg-bouton--petit"
        onClick={() => void askBackground('options.open', {})}
      >
        {t('barSettings')}
      </button>
      <button
        ref={toggle}
        type="button"
        class="cg-bouton cg-bouton--secondaire cg-bouton--petit"
        aria-expanded="true"
        onClick={() => fold(true)}
      >
        {t('barFold')}
      </button>
    </aside>
  );
}

/** One bar per tab, mounted by the first run: it does not flicker or shift the page at each navigation. */
let mounting: Promise<void> | null = null;

export const barreCompagnon: FeatureDefinition = {
  id: 'barre-compagnon',
  label: 'featureBarreCompagnon',
  // Every page of both sites, the login pages included.
  include: [isGarPage],
  init(context) {
    unrecognizedPage.value = consoleViewOf(context.url) === null && portailViewOf(context.url) === null;
    refusedCalibration.value = activeProfile().refus !== null;
    mounting ??= mountBar(context).catch((error: unknown) => {
      mounting = null;
      throw error;
    });
    return mounting;
  },
};

async function mountBar(context: Parameters<FeatureDefinition['init']>[0]): Promise<void> {
  const { barFolded } = await settingsOnce(context);
  await mountShadowUi(
    context.content,
    {
      name: 'cg-barre-compagnon',
      label: t('barTitle'),
      anchor: 'body',
      append: 'first',
      position: 'inline',
      // The tab's lifetime, not the run's (see above); gone when the extension is reloaded.
      signal: context.content.signal,
      onError: context.fail,
    },
    () => <BarreCompagnon folded={barFolded} />,
  );
}
