import type { BilingualText, RiskInputSpec, RiskModel } from '@/api/types';
import { currentLocale, i18n, t } from '@/i18n';

/**
 * Wording shared by the calculator and the client's 风险评估 tab. The API sends every label in both
 * languages; these pick the current one, so anything computed from them follows the language switch.
 */

export function localised(text: BilingualText | null | undefined): string {
  if (!text) return '';
  return currentLocale() === 'en' ? text.en : text.zh;
}

export function isBilingual(value: unknown): value is BilingualText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as BilingualText).zh === 'string' && typeof (value as BilingualText).en === 'string';
}

/** A message key built from data (a trigger, a warning code), or `fallback` when the admin has no wording for it. */
function known(key: string, fallback: string): string {
  return i18n.global.te(key) ? t(key) : fallback;
}

/** Keys may not contain `.`; `report.ingested` and `tag-rule.saved` become `report_ingested`, `tag_rule_saved`. */
const keyPart = (code: string) => code.replace(/[.-]/g, '_');

export function triggerText(trigger: string): string {
  return known(`risk.triggers.${keyPart(trigger)}`, trigger);
}

export function warningText(code: string): string {
  return known(`risk.warnings.${keyPart(code)}`, code);
}

/** `male` → 男, `first_degree` → 一级亲属; unknown values as sent. */
export function enumValueText(value: string): string {
  return known(`risk.enumValues.${keyPart(value)}`, value);
}

/** A label for one segment of a `details` path (`isolatedSystolicHypertension` → 单纯收缩期高血压). */
export function detailKeyText(key: string): string {
  return known(`risk.detailKeys.${keyPart(key)}`, key);
}

export function yesNo(value: boolean): string {
  return value ? t('risk.form.yes') : t('risk.form.no');
}

/** A number for reading: converted values carry float noise, so at most 4 decimals. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

export function inputSpec(model: RiskModel | undefined, name: string): RiskInputSpec | undefined {
  return model?.inputs.find((input) => input.name === name);
}

/** `收缩压`, or the field name when the model does not list it. */
export function inputLabel(model: RiskModel | undefined, name: string): string {
  const spec = inputSpec(model, name);
  return spec ? localised(spec.label) : name;
}

export function listSeparator(): string {
  return t('common.listSeparator');
}
