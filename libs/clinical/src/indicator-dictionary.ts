/**
 * The indicator dictionary (`indicators.csv`, described in indicators.md): the typed shape of a row
 * and a pure parser for the file, so that the API seeds it and the browser admin can validate an
 * edited copy with the same code.
 */
import { normaliseName } from './normalise-name';
import { normaliseUnit, type AltUnit } from './normalise-unit';
import { normaliseOrdinal, type ValueType } from './parse-value';
import { parseCsvRecords, type CsvRecord } from './parse-csv';

export type Sex = 'male' | 'female';

/** Inclusive limits in the canonical unit; an absent side has no limit. */
export interface ReferenceInterval {
  readonly low?: number;
  readonly high?: number;
}

/**
 * One entry of the `aliases` column. `尿:葡萄糖` has `context` 尿 (it applies only when the item's
 * category contains 尿); `中性粒细胞[%]` has `unit` % (it applies only when the item's unit normalises
 * to %). Plain aliases have neither.
 */
export interface IndicatorAlias {
  /** The name as written (NFKC applied), without the context prefix or unit suffix. */
  readonly name: string;
  readonly context?: string;
  readonly unit?: string;
}

export interface IndicatorDefinition {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly category: string;
  /** Canonical unit; empty for dimensionless values and for ordinal/text items. */
  readonly unit: string;
  readonly valueType: ValueType;
  readonly loinc?: string;
  readonly limits: Readonly<Record<Sex, ReferenceInterval>>;
  /** Human-readable; for ordinal and text items the `|`-separated normal grades or phrases. */
  readonly refText: string;
  readonly aliases: readonly IndicatorAlias[];
  readonly altUnits: readonly AltUnit[];
  readonly source: string;
}

export class IndicatorCsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`indicators.csv line ${line}: ${message}`);
    this.name = 'IndicatorCsvError';
  }
}

const COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'category',
  'unit',
  'value_type',
  'loinc',
  'ref_low_male',
  'ref_high_male',
  'ref_low_female',
  'ref_high_female',
  'ref_text',
  'aliases',
  'alt_units',
  'source',
] as const;
type Column = (typeof COLUMNS)[number];

const VALUE_TYPES: readonly ValueType[] = ['numeric', 'ordinal', 'text'];
const CODE = /^[A-Z][A-Z0-9_]*$/;
// A plain decimal as the file writes limits and factors (`-1`, `0.0555`, `1.003`).
const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
// A context is written in Chinese (尿:葡萄糖). Requiring Han characters keeps `A:G`, the plain alias
// of the albumin/globulin ratio, from being read as an alias "G" in the context "A".
const CONTEXT_ALIAS = /^(\p{Script=Han}+):(.*)$/u;
const UNIT_SCOPED_ALIAS = /^(.+)\[([^[\]]+)\]$/u;

/**
 * Parses the dictionary file. Columns are found by header name. Every row is validated; the first
 * problem throws an `IndicatorCsvError` naming its line, because a half-read dictionary would map
 * items wrongly rather than not at all.
 */
export function parseIndicatorCsv(text: string): IndicatorDefinition[] {
  const records = parseCsvRecords(text).filter((record) => !isBlank(record));
  const [header, ...rows] = records;
  if (header === undefined) throw new IndicatorCsvError('no header row', 1);

  const position = new Map<string, number>(header.fields.map((name, index) => [name.trim(), index]));
  const missing = COLUMNS.filter((column) => !position.has(column));
  if (missing.length > 0) throw new IndicatorCsvError(`missing columns: ${missing.join(', ')}`, header.line);

  const seenCodes = new Set<string>();
  return rows.map((record) => {
    if (record.fields.length !== header.fields.length) {
      throw new IndicatorCsvError(`${record.fields.length} fields, header has ${header.fields.length}`, record.line);
    }
    const cell = (column: Column): string => (record.fields[position.get(column) as number] ?? '').trim();
    const definition = toDefinition(cell, record.line);
    if (seenCodes.has(definition.code)) throw new IndicatorCsvError(`duplicate code ${definition.code}`, record.line);
    seenCodes.add(definition.code);
    return definition;
  });
}

function toDefinition(cell: (column: Column) => string, line: number): IndicatorDefinition {
  const code = cell('code');
  if (!CODE.test(code)) throw new IndicatorCsvError(`code "${code}" is not upper-case ASCII`, line);

  const valueType = cell('value_type');
  if (!isValueType(valueType)) throw new IndicatorCsvError(`${code}: value_type "${valueType}"`, line);

  const unit = cell('unit');
  const altUnits = parseAltUnits(cell('alt_units'), code, line);
  checkUnitsAreConsistent(unit, altUnits, code, line);

  const refText = cell('ref_text');
  if (valueType === 'ordinal') checkOrdinalGrades(refText, code, line);

  const loinc = cell('loinc');
  return {
    code,
    nameZh: cell('name_zh'),
    nameEn: cell('name_en'),
    category: cell('category'),
    unit,
    valueType,
    ...(loinc === '' ? {} : { loinc }),
    limits: {
      male: interval(cell('ref_low_male'), cell('ref_high_male'), `${code} male`, line),
      female: interval(cell('ref_low_female'), cell('ref_high_female'), `${code} female`, line),
    },
    refText,
    aliases: parseAliases(cell('aliases'), code, line),
    altUnits,
    source: cell('source'),
  };
}

/** Splits `aliases` on `|` and reads the `context:` prefix and `[unit]` suffix of each entry. */
export function parseAlias(written: string): IndicatorAlias {
  // NFKC first, so a full-width ［％］ or ：written by an editor is recognised too.
  let name = written.normalize('NFKC').trim();
  let context: string | undefined;
  let unit: string | undefined;

  const contextMatch = CONTEXT_ALIAS.exec(name);
  if (contextMatch !== null) {
    context = contextMatch[1];
    name = contextMatch[2] ?? '';
  }
  const unitMatch = UNIT_SCOPED_ALIAS.exec(name);
  if (unitMatch !== null) {
    name = unitMatch[1] ?? '';
    unit = unitMatch[2];
  }
  return { name, ...(context === undefined ? {} : { context }), ...(unit === undefined ? {} : { unit }) };
}

function parseAliases(column: string, code: string, line: number): IndicatorAlias[] {
  return splitList(column).map((written) => {
    const alias = parseAlias(written);
    if (normaliseName(alias.name) === '') throw new IndicatorCsvError(`${code}: empty alias name in "${written}"`, line);
    return alias;
  });
}

function parseAltUnits(column: string, code: string, line: number): AltUnit[] {
  return splitList(column).map((pair) => {
    // Split at the last `*`: units such as `10*9/L*1` contain one themselves.
    const star = pair.lastIndexOf('*');
    const unit = star > 0 ? pair.slice(0, star).trim() : '';
    const factorText = star > 0 ? pair.slice(star + 1).trim() : '';
    const factor = Number(factorText);
    if (unit === '' || !DECIMAL.test(factorText) || !(factor > 0)) {
      throw new IndicatorCsvError(`${code}: alt_units entry "${pair}" is not unit*factor`, line);
    }
    return { unit, factor };
  });
}

// Two spellings of one unit with different factors would make conversion depend on list order.
function checkUnitsAreConsistent(unit: string, altUnits: readonly AltUnit[], code: string, line: number): void {
  const factors = new Map<string, number>();
  if (unit !== '') factors.set(normaliseUnit(unit), 1);
  for (const alt of altUnits) {
    const key = normaliseUnit(alt.unit);
    const known = factors.get(key);
    if (known !== undefined && known !== alt.factor) {
      throw new IndicatorCsvError(`${code}: unit "${alt.unit}" has factors ${known} and ${alt.factor}`, line);
    }
    factors.set(key, alt.factor);
  }
}

function checkOrdinalGrades(refText: string, code: string, line: number): void {
  for (const grade of splitList(refText)) {
    if (!normaliseOrdinal(grade).ok)
      throw new IndicatorCsvError(`${code}: ref_text grade "${grade}" is not an ordinal grade`, line);
  }
}

function interval(lowText: string, highText: string, label: string, line: number): ReferenceInterval {
  const low = limit(lowText, label, line);
  const high = limit(highText, label, line);
  if (low !== undefined && high !== undefined && low > high)
    throw new IndicatorCsvError(`${label}: low ${low} > high ${high}`, line);
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

function limit(text: string, label: string, line: number): number | undefined {
  if (text === '') return undefined;
  if (!DECIMAL.test(text)) throw new IndicatorCsvError(`${label}: limit "${text}" is not a number`, line);
  return Number(text);
}

function splitList(column: string): string[] {
  return column
    .split('|')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function isValueType(text: string): text is ValueType {
  return (VALUE_TYPES as readonly string[]).includes(text);
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}
