import type { ErrorDetail, RiskInputs, RiskInputSpec, RiskModel } from '@/api/types';
import { currentLocale, t } from '@/i18n';
import { enumValueText, formatNumber, localised } from './risk-text';

/**
 * The what-if form, generated from a model's input schema (`GET /risk-models`): which control each
 * input gets, the request body built from what was filled in, and the 422 details put back on the
 * fields. Pure, so the rules are unit-tested; `RiskCalculatorView` only renders them.
 */

export interface ChoiceOption {
  value: string | number;
  label: string;
}

/** One block of questionnaire items: the whole list, or one constitution type of TCM-60. */
export interface AnswerGroup {
  /** Key in the answers object (TCM-60's type name); null when answers are a plain list. */
  key: string | null;
  label: string;
  items: number;
}

export interface RiskFormField {
  name: string;
  kind: RiskInputSpec['kind'];
  required: boolean;
  label: string;
  unit?: string;
  /** Accepted range, shown as a hint only: the API refuses out-of-range values, nothing is clamped here. */
  min?: number;
  max?: number;
  /** The range and the model's note, one line under the control. */
  hint: string;
  /** Enum values; for answers, the item scale. */
  options: ChoiceOption[];
  groups: AnswerGroup[];
}

export type AnswerList = (number | null)[];
export type FieldValue = number | boolean | string | null | AnswerList | Record<string, AnswerList>;
export type RiskFormValues = Record<string, FieldValue>;

interface AnswersSchema {
  items?: number;
  min: number;
  max: number;
  groups?: { name: string; items: number }[];
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The loosely typed `answers` of an input spec, or null when it does not describe a questionnaire. */
export function answersSchema(spec: Pick<RiskInputSpec, 'answers'>): AnswersSchema | null {
  const raw = spec.answers as Partial<AnswersSchema> | undefined;
  if (!raw || !isInteger(raw.min) || !isInteger(raw.max) || raw.min > raw.max) return null;
  const groups = Array.isArray(raw.groups)
    ? raw.groups.filter((group) => typeof group?.name === 'string' && isInteger(group.items) && group.items > 0)
    : undefined;
  if (groups && groups.length > 0) return { min: raw.min, max: raw.max, groups };
  if (isInteger(raw.items) && raw.items > 0) return { min: raw.min, max: raw.max, items: raw.items };
  return null;
}

function rangeHint(spec: RiskInputSpec): string {
  if (spec.min === undefined || spec.max === undefined) return '';
  const range = `${formatNumber(spec.min)}–${formatNumber(spec.max)}`;
  return t('risk.form.range', { range: spec.unit ? `${range} ${spec.unit}` : range });
}

function hintOf(spec: RiskInputSpec, extra = ''): string {
  const separator = currentLocale() === 'en' ? '; ' : '；';
  return [extra || rangeHint(spec), localised(spec.note)].filter(Boolean).join(separator);
}

function toField(spec: RiskInputSpec): RiskFormField {
  const base = {
    name: spec.name,
    kind: spec.kind,
    required: spec.required,
    label: localised(spec.label),
    options: [] as ChoiceOption[],
    groups: [] as AnswerGroup[],
  };
  switch (spec.kind) {
    case 'number':
      return { ...base, unit: spec.unit, min: spec.min, max: spec.max, hint: hintOf(spec) };
    case 'enum':
      return {
        ...base,
        hint: hintOf(spec),
        options: (spec.values ?? []).map((value) => ({ value, label: enumValueText(value) })),
      };
    case 'answers': {
      const schema = answersSchema(spec);
      if (!schema) return { ...base, hint: hintOf(spec) };
      const scale: ChoiceOption[] = [];
      for (let score = schema.min; score <= schema.max; score++) scale.push({ value: score, label: String(score) });
      const groups = schema.groups
        ? schema.groups.map((group) => ({ key: group.name, label: group.name, items: group.items }))
        : [{ key: null, label: base.label, items: schema.items ?? 0 }];
      const count = groups.reduce((sum, group) => sum + group.items, 0);
      return {
        ...base,
        options: scale,
        groups,
        hint: hintOf(spec, t('risk.form.answersHint', { count, min: schema.min, max: schema.max })),
      };
    }
    default:
      return { ...base, hint: hintOf(spec) };
  }
}

/** Required inputs first (in the model's order), then the optional ones. */
export function formFields(model: Pick<RiskModel, 'inputs'>): RiskFormField[] {
  const fields = model.inputs.map(toField);
  return [...fields.filter((field) => field.required), ...fields.filter((field) => !field.required)];
}

function emptyValue(field: RiskFormField): FieldValue {
  if (field.kind !== 'answers') return null;
  const [first] = field.groups;
  if (first && first.key === null) return Array<number | null>(first.items).fill(null);
  return Object.fromEntries(field.groups.map((group) => [group.key!, Array<number | null>(group.items).fill(null)]));
}

export function emptyValues(fields: RiskFormField[]): RiskFormValues {
  return Object.fromEntries(fields.map((field) => [field.name, emptyValue(field)]));
}

/** Every list of answers of a field value (one list, or one per group). */
function answerLists(value: FieldValue): AnswerList[] {
  if (Array.isArray(value)) return [value];
  if (value && typeof value === 'object') return Object.values(value);
  return [];
}

/** Items of a questionnaire not answered yet. */
export function unansweredCount(value: FieldValue): number {
  return answerLists(value).reduce((sum, list) => sum + list.filter((answer) => answer === null).length, 0);
}

export function isEmpty(field: RiskFormField, value: FieldValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (field.kind === 'answers') return answerLists(value).every((list) => list.every((answer) => answer === null));
  return typeof value === 'number' && Number.isNaN(value);
}

/**
 * Why a field cannot be sent, or null. Required inputs must be given; a questionnaire must be
 * answered in full. Ranges are the API's to check (it names the accepted range).
 */
export function fieldProblem(field: RiskFormField, value: FieldValue | undefined): string | null {
  if (isEmpty(field, value)) return field.required ? t('risk.form.required', { label: field.label }) : null;
  if (field.kind === 'answers') {
    const open = unansweredCount(value!);
    if (open > 0) return t('risk.form.unanswered', { count: open });
  }
  return null;
}

/** The evaluate body: filled inputs only, so an empty optional field is absent rather than null. */
export function requestBody(fields: RiskFormField[], values: RiskFormValues): RiskInputs {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (isEmpty(field, value)) continue;
    // Copies, not the form's reactive arrays.
    if (Array.isArray(value)) body[field.name] = [...value];
    else if (value && typeof value === 'object')
      body[field.name] = Object.fromEntries(Object.entries(value).map(([group, list]) => [group, [...list]]));
    else body[field.name] = value;
  }
  return body as RiskInputs;
}

/** `answers.气虚质[2]` → `气虚质#2`, `answers[8]` → `#8`: how the answers editor finds an item. */
export function answerItemKey(group: string | null, index: number): string {
  return `${group ?? ''}#${index}`;
}

export interface FieldErrors {
  /** By input name: the messages for that field, joined. */
  fields: Record<string, string>;
  /** By `answerItemKey`: the questionnaire items named in the errors. */
  items: Record<string, string>;
  /** Errors naming no field of the form. */
  other: string[];
}

/** The API joins both languages as `zh / en`; keep the current one. */
export function messageInLocale(message: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return currentLocale() === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

const FIELD_PATH = /^([A-Za-z0-9]+)(?:\.([^[\]]+))?(?:\[(\d+)\])?$/;

/** 422 `details` ({ field, code, message }) onto the form's fields and questionnaire items. */
export function fieldErrors(details: readonly ErrorDetail[], fields: RiskFormField[]): FieldErrors {
  const names = new Set(fields.map((field) => field.name));
  const collected = new Map<string, string[]>();
  const items: Record<string, string> = {};
  const other: string[] = [];
  for (const detail of details) {
    const message = messageInLocale(detail.message);
    const match = detail.field ? FIELD_PATH.exec(detail.field) : null;
    const name = match?.[1];
    if (!match || !name || !names.has(name)) {
      other.push(message);
      continue;
    }
    collected.set(name, [...(collected.get(name) ?? []), message]);
    if (match[3] !== undefined) items[answerItemKey(match[2] ?? null, Number(match[3]))] = message;
  }
  const separator = currentLocale() === 'en' ? '; ' : '；';
  return {
    fields: Object.fromEntries([...collected].map(([name, messages]) => [name, messages.join(separator)])),
    items,
    other,
  };
}

function prefillAnswers(field: RiskFormField, stored: unknown): FieldValue | undefined {
  const scaleLow = Number(field.options[0]?.value);
  const scaleHigh = Number(field.options[field.options.length - 1]?.value);
  const fits = (list: unknown, length: number): list is number[] =>
    Array.isArray(list) && list.length === length && list.every((a) => isInteger(a) && a >= scaleLow && a <= scaleHigh);
  const [first] = field.groups;
  if (!first) return undefined;
  if (first.key === null) return fits(stored, first.items) ? [...stored] : undefined;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const byGroup = stored as Record<string, unknown>;
  if (!field.groups.every((group) => fits(byGroup[group.key!], group.items))) return undefined;
  return Object.fromEntries(field.groups.map((group) => [group.key!, [...(byGroup[group.key!] as number[])]]));
}

function prefillValue(field: RiskFormField, stored: unknown): FieldValue | undefined {
  switch (field.kind) {
    case 'number':
      return typeof stored === 'number' && Number.isFinite(stored) ? stored : undefined;
    case 'boolean':
      return typeof stored === 'boolean' ? stored : undefined;
    case 'enum':
      return typeof stored === 'string' && field.options.some((option) => option.value === stored) ? stored : undefined;
    case 'answers':
      return prefillAnswers(field, stored);
    default:
      return undefined;
  }
}

/**
 * Form values from stored inputs (a client's `inputsUsed`, earliest source first, later ones
 * winning): only what fits a field's kind is taken, the rest of the form keeps `base`.
 */
export function prefillValues(
  fields: RiskFormField[],
  base: RiskFormValues,
  sources: readonly Record<string, unknown>[],
): { values: RiskFormValues; filled: string[] } {
  const values = { ...base };
  const filled = new Set<string>();
  for (const source of sources) {
    for (const field of fields) {
      const value = prefillValue(field, source[field.name]);
      if (value === undefined) continue;
      values[field.name] = value;
      filled.add(field.name);
    }
  }
  return { values, filled: fields.map((field) => field.name).filter((name) => filled.has(name)) };
}
