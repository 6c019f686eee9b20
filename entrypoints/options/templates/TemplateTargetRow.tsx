import { PROFILS } from '../../../utils/gar/abonnement';
import { t } from '../../../utils/i18n';
import { fieldAttributes, fieldId, fieldPath } from '../shared/form-fields';
import { type TargetDraft, VALUE_KEYS, withKind } from './template-draft';
import { kindWord, profilWord, TARGET_KINDS, targetKindOf, valueExample, valueWord } from './template-words';

interface Props {
  ruleIndex: number;
  index: number;
  target: TargetDraft;
  invalidPath: string | null;
  onChange(target: TargetDraft): void;
  onRemove(): void;
}

/** One target of a rule: its kind, then the code, pattern or public it designates. */
export function TemplateTargetRow({ ruleIndex, index, target, invalidPath, onChange, onRemove }: Props) {
  const kindPath = fieldPath('rules', ruleIndex, 'targets', index, 'kind');
  const valuePath = fieldPath('rules', ruleIndex, 'targets', index, VALUE_KEYS[target.kind]);
  const setValue = (value: string): void => onChange({ ...target, value });
  return (
    <li class="cg-tpl__cible">
      {/* Labels beside, not around, the selects: around, the options' text would join their names. */}
      <div class="cg-tpl__champ">
        <label for={fieldId(kindPath)}>{t('tplTargetKind')}</label>
        <select
          {...fieldAttributes(kindPath, invalidPath)}
          value={target.kind}
          onChange={(event) => onChange(withKind(target, targetKindOf(event.currentTarget.value)))}
        >
          {TARGET_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindWord(kind)}
            </option>
          ))}
        </select>
      </div>
      <div class="cg-tpl__champ">
        <label for={fieldId(valuePath)}>{valueWord(target.kind)}</label>
        {target.kind === 'profil' ? (
          <select
            {...fieldAttributes(valuePath, invalidPath)}
            value={target.value}
            onChange={(event) => setValue(event.currentTarget.value)}
          >
            {PROFILS.map((profil) => (
              <option key={profil} value={profil}>
                {profilWord(profil)}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...fieldAttributes(valuePath, invalidPath)}
            type="text"
            required
            maxLength={100}
            value={target.value}
            placeholder={t('tplExample', valueExample(target.kind))}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        )}
      </div>
      <button
        type="button"
        class="cg-bouton cg-bouton--secondaire"
        aria-label={t('tplRemoveTarget', String(index + 1), String(ruleIndex + 1))}
        onClick={onRemove}
      >
        {t('tplRemove')}
      </button>
    </li>
  );
}
