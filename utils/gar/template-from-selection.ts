import type { Cible, ConsoleSubscription } from './school';
import type { TemplateRule, TemplateTarget } from './template-record';

/**
 * A bulk assignment turned into template rules — « Enregistrer comme modèle »: each subscription
 * becomes its resource (ARK and title, never its idAbonnement, which changes every year) and the
 * targets become rules that survive a school year. A person chosen by name cannot: templates keep
 * rules, not names (DOMAIN.md §9), so such targets are returned apart for the panel to say so.
 */

function ruleTarget(cible: Cible): TemplateTarget | undefined {
  switch (cible.type) {
    case 'division':
    case 'groupe':
    case 'matiere':
      return { kind: cible.type, code: cible.code };
    case 'mef':
      return { kind: 'divisionsDuNiveau', mef: cible.code };
    case 'profil':
      return { kind: 'profil', value: cible.code as Extract<TemplateTarget, { kind: 'profil' }>['value'] };
    case 'personne':
      return undefined;
  }
}

export function rulesFromSelection(
  subscriptions: readonly ConsoleSubscription[],
  cibles: readonly Cible[],
): { rules: TemplateRule[]; personnesIgnorees: number } {
  const targets = cibles.flatMap((cible) => {
    const target = ruleTarget(cible);
    return target ? [target] : [];
  });
  const rules = subscriptions.map(({ abonnement }) => ({
    resource: {
      ...(abonnement.typeIdRessource.toLowerCase() === 'ark' ? { ark: abonnement.idRessource } : {}),
      title: abonnement.libelleRessource,
    },
    targets,
  }));
  return { rules, personnesIgnorees: cibles.length - targets.length };
}
