import { t } from '../../../utils/i18n';
import { fieldAttributes, fieldId, fieldPath, focusLater } from '../shared/form-fields';
import { TemplateCaps } from './TemplateCaps';
import { TemplateTargetRow } from './TemplateTargetRow';
import { emptyTarget, type RuleDraft, type TargetDraft } from './template-draft';

interface Props {
  index: number;
  rule: RuleDraft;
  invalidPath: string | null;
  onChange(rule: RuleDraft): void;
  onRemove(): void;
}

/** One rule: which resource (title, and ARK when known), for whom, and how many licences at most. */
export function TemplateRuleEditor({ index, rule, invalidPath, onChange, onRemove }: Props) {
  const path = (...parts: Array<string | number>): string => fieldPath('rules', index, ...parts);
  const arkHintId = `${fieldId(path())}-aide-ark`;
  const addTargetId = `${fieldId(path())}-ajouter-cible`;
  const setTargets = (targets: TargetDraft[]): void => onChange({ ...rule, targets });

  const addTarget = (): void => {
    setTargets([...rule.targets, emptyTarget()]);
    focusLater(fieldId(path('targets', rule.targets.length, 'kind')));
  };
  // The removed row held the focus: it goes to the rule's « Ajouter une cible ».
  const removeTarget = (removed: number): void => {
    setTargets(rule.targets.filter((_, i) => i !== removed));
    focusLater(addTargetId);
  };

  return (
    <fieldset class="cg-tpl__regle">
      <legend>{t('tplRule', String(index + 1))}</legend>
      <div class="cg-tpl__ligne">
        <label class="cg-tpl__champ cg-tpl__champ--large">
          <span>{t('tplResourceTitle')}</span>
          <input
            {...fieldAttributes(path('resource', 'title'), invalidPath)}
            type="text"
            required
            maxLength={255}
            value={rule.title}
            onInput={(event) => onChange({ ...rule, title: event.currentTarget.value })}
          />
        </label>
        <div class="cg-tpl__champ cg-tpl__champ--large">
          <label for={fieldId(path('resource', 'ark'))}>{t('tplResourceArk')}</label>
          <input
            {...fieldAttributes(path('resource', 'ark'), invalidPath, arkHintId)}
            type="text"
            maxLength={255}
            spellcheck={false}
            value={rule.ark}
            onInput={(event) => onChange({ ...rule, ark: event.currentTarget.value })}
          />
          <small id={arkHintId}>{t('tplResourceArkHint')}</small>
        </div>
      </div>
      <fieldset class="cg-tpl__cibles">
        <legend>{t('tplTargets')}</legend>
        {rule.targets.length === 0 ? (
          <p class="cg-aide">{t('tplNoTarget')}</p>
        ) : (
          <ul>
            {rule.targets.map((target, i) => (
              <TemplateTargetRow
                // Rows have no identity of their own; their fields are controlled by the draft.
                key={i}
                ruleIndex={index}
                index={i}
                target={target}
                invalidPath={invalidPath}
                onChange={(changed) => setTargets(rule.targets.map((old, j) => (j === i ? changed : old)))}
                onRemove={() => removeTarget(i)}
              />
            ))}
          </ul>
        )}
        <button id={addTargetId} type="button" class="cg-bouton cg-bouton--secondaire" onClick={addTarget}>
          {t('tplAddTarget')}
        </button>
      </fieldset>
      <TemplateCaps
        ruleIndex={index}
        caps={rule.caps}
        invalidPath={invalidPath}
        onChange={(caps) => onChange({ ...rule, caps })}
      />
      <button type="button" class="cg-bouton cg-bouton--secondaire cg-tpl__retirer" onClick={onRemove}>
        {t('tplRemoveRule', String(index + 1))}
      </button>
    </fieldset>
  );
}
