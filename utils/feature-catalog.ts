import { consoleFeatures } from '../entrypoints/console.content/features';
import { portailFeatures } from '../entrypoints/portail.content/features';
import type { MessageKey } from './i18n';

/** Every helper the RA can switch off, once each even when it runs on both hosts. */
export function featureLabels(): Map<string, MessageKey> {
  return new Map([...consoleFeatures, ...portailFeatures].map((feature) => [feature.id, feature.label]));
}
