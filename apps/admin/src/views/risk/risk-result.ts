import type { RiskModel, RiskRefusal } from '@/api/types';
import { t } from '@/i18n';
import {
  detailKeyText,
  enumValueText,
  formatNumber,
  inputLabel,
  inputSpec,
  isBilingual,
  listSeparator,
  localised,
  yesNo,
} from './risk-text';

/**
 * How a result reads: its category colour, the inputs used with labels and units, what is missing
 * or refused, and the rule-specific `details` as label/value rows.
 */

export type TagType = 'success' | 'warning' | 'danger' | 'info';

/**
 * Colour of a category code, from the codes the models return (§2–§7 of the clinical spec): the
 * favourable end green, intermediate bands amber, the adverse end red. Display only; an unknown
 * code is neutral.
 */
const CATEGORY_TAG: Record<string, TagType> = {
  // Favourable.
  normal: 'success',
  low: 'success',
  minimal: 'success',
  ideal: 'success',
  appropriate: 'success',
  no: 'success',
  not_high: 'success',
  not_low: 'success',
  below_diabetes_threshold: 'success',
  pinghe: 'success',
  // Intermediate.
  high_normal: 'warning',
  medium: 'warning',
  mild: 'warning',
  moderate: 'warning',
  slightly_elevated: 'warning',
  borderline_high: 'warning',
  ifg: 'warning',
  igt: 'warning',
  ifg_igt: 'warning',
  underweight: 'warning',
  overweight: 'warning',
  pre_central_obesity: 'warning',
  indeterminate: 'warning',
  qixu: 'warning',
  yangxu: 'warning',
  yinxu: 'warning',
  tanshi: 'warning',
  shire: 'warning',
  xueyu: 'warning',
  qiyu: 'warning',
  tebing: 'warning',
  // Adverse.
  high: 'danger',
  very_high: 'danger',
  grade_1: 'danger',
  grade_2: 'danger',
  grade_3: 'danger',
  hypertension: 'danger',
  diabetes_range: 'danger',
  hyperglycaemia: 'danger',
  obese: 'danger',
  central_obesity: 'danger',
  abdominal_obesity: 'danger',
  moderately_severe: 'danger',
  severe: 'danger',
  yes: 'danger',
  above_threshold: 'danger',
  hypercholesterolaemia: 'danger',
  hypertriglyceridaemia: 'danger',
  mixed_hyperlipidaemia: 'danger',
  low_hdl: 'danger',
  high_tg: 'danger',
};

export function categoryTagType(code: string | null | undefined): TagType {
  return (code && CATEGORY_TAG[code]) || 'info';
}

export interface ReadableRow {
  label: string;
  value: string;
}

/** One stored or computed input for reading: `是`, `一级亲属`, `5.2`, `9 题：0 1 2 …`. */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return enumValueText(value);
  if (isBilingual(value)) return localised(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('common.none');
    if (value.every((item) => typeof item === 'number' || item === null))
      return value.map((item) => (item === null ? '—' : formatNumber(item))).join(' ');
    return value.map(readableValue).join(listSeparator());
  }
  return JSON.stringify(value);
}

/**
 * The inputs a result used, labelled with the model's input labels and units, in the model's
 * input order; inputs the model does not list (derived ones) follow under their field name.
 */
export function inputRows(model: RiskModel | undefined, inputsUsed: Record<string, unknown>): ReadableRow[] {
  const order = model?.inputs.map((input) => input.name) ?? [];
  const names = Object.keys(inputsUsed).sort((a, b) => {
    const [ia, ib] = [order.indexOf(a), order.indexOf(b)];
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
  });
  return names.map((name) => {
    const value = inputsUsed[name];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isBilingual(value)) {
      const groups = Object.entries(value as Record<string, unknown>).map(([group, list]) => `${group} ${readableValue(list)}`);
      return { label: inputLabel(model, name), value: groups.join('；') };
    }
    const unit = inputSpec(model, name)?.unit;
    const text = readableValue(value);
    return { label: inputLabel(model, name), value: unit && typeof value === 'number' ? `${text} ${unit}` : text };
  });
}

/**
 * `缺少 总胆固醇、高密度脂蛋白胆固醇`. Fields the model lists read by their label; an item of a
 * questionnaire (`answers[8]`) by the API's own message, which names the item.
 */
export function missingText(model: RiskModel | undefined, missing: readonly RiskRefusal[]): string {
  if (missing.length === 0) return '';
  const parts = missing.map((refusal) =>
    inputSpec(model, refusal.field) ? inputLabel(model, refusal.field) : localised(refusal.message),
  );
  return t('risk.result.missing', { fields: [...new Set(parts)].join(listSeparator()) });
}

/** Why a computation was refused: each reason in the current language. */
export function refusalTexts(refusals: readonly RiskRefusal[]): string[] {
  return refusals.filter((refusal) => refusal.code !== 'MISSING_INPUT').map((refusal) => localised(refusal.message));
}

/** An element of a list in `details` is named by its label, or else the first of these it has (`types[].type` → 平和质). */
const NAME_KEYS = ['type', 'name', 'test', 'analyte', 'item'];
/** Machine codes beside a label say nothing more to a reader. */
const CODE_KEYS = new Set(['code', 'category', 'judgement', 'component']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isBilingual(value);
}

/** `{ category, label }`: a finding, read as its label. */
function isFinding(value: unknown): value is { label: { zh: string; en: string } } {
  return (
    isPlainObject(value) &&
    isBilingual(value['label']) &&
    Object.keys(value).every((key) => key === 'label' || CODE_KEYS.has(key))
  );
}

function elementName(element: Record<string, unknown>, index: number): { name: string; key?: string } {
  if (isBilingual(element['label'])) return { name: localised(element['label']), key: 'label' };
  for (const key of NAME_KEYS) {
    const value = element[key];
    if (typeof value === 'string') return { name: value, key };
  }
  return { name: `#${index + 1}` };
}

class DetailReader {
  readonly rows: ReadableRow[] = [];

  constructor(private readonly model: RiskModel | undefined) {}

  /** A model input (`fpgMmol` in glucose tests) reads as its label; other keys from the admin's wording. */
  keyText(key: string): string {
    return inputSpec(this.model, key) ? inputLabel(this.model, key) : detailKeyText(key);
  }

  collect(value: unknown, path: string[], skip?: string): void {
    if (isFinding(value)) {
      this.push(path, localised(value.label));
    } else if (Array.isArray(value) && value.length > 0 && value.every(isFinding)) {
      this.push(path, value.map((finding) => localised(finding.label)).join(listSeparator()));
    } else if (isPlainObject(value)) {
      const labelled = isBilingual(value['label']) || isBilingual(value['judgementLabel']);
      for (const [key, nested] of Object.entries(value)) {
        if (key === skip || (labelled && CODE_KEYS.has(key))) continue;
        this.collect(nested, [...path, this.keyText(key)]);
      }
    } else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      value.forEach((element, index) => {
        const { name, key } = elementName(element, index);
        this.collect(element, [...path, name], key);
      });
    } else {
      this.push(path, readableValue(value));
    }
  }

  private push(path: string[], value: string): void {
    this.rows.push({ label: path.join(' › '), value });
  }
}

/**
 * `details` as label/value rows: nested objects flattened into `收缩压 › 分类` paths, lists of
 * objects named by their label or type, findings and bilingual texts in the current language.
 */
export function detailRows(model: RiskModel | undefined, details: Record<string, unknown>): ReadableRow[] {
  const reader = new DetailReader(model);
  for (const [key, value] of Object.entries(details)) reader.collect(value, [reader.keyText(key)]);
  return reader.rows;
}
