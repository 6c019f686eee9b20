import { PROFILS, type Profil } from '../../../utils/gar/abonnement';
import { t } from '../../../utils/i18n';
import { fieldAttributes, fieldId, fieldPath } from '../shared/form-fields';
import { profilWord } from './template-words';

interface Props {
  ruleIndex: number;
  caps: Record<Profil, string>;
  invalidPath: string | null;
  onChange(caps: Record<Profil, string>): void;
}

/** Optional ceilings per public, so one template never takes every licence of a shared resource. */
export function TemplateCaps({ ruleIndex, caps, invalidPath, onChange }: Props) {
  const hintId = `${fieldId(fieldPath('rules', ruleIndex, 'caps'))}-aide`;
  return (
    <fieldset class="cg-tpl__plafonds">
      <legend>{t('tplCaps')}</legend>
      <p id={hintId} class="cg-aide">
        {t('tplCapsHint')}
      </p>
      <div class="cg-tpl__ligne">
        {PROFILS.map((profil) => (
          <label key={profil} class="cg-tpl__champ cg-tpl__champ--court">
            <span>{profilWord(profil)}</span>
            <input
              {...fieldAttributes(fieldPath('rules', ruleIndex, 'caps', profil), invalidPath, hintId)}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={caps[profil]}
              onInput={(event) => onChange({ ...caps, [profil]: event.currentTarget.value })}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
