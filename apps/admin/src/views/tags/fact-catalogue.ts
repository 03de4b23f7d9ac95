import type { FactField } from '@/api/types';
import { currentLocale, i18n, t } from '@/i18n';
import { fromJsonLogic, type ConditionGroup, type ConditionRow, type Operator } from './condition-logic';

/**
 * How the builder and the tag evidence show the API's fact catalogue (`GET /tag-rules/facts`):
 * labels in the current language, the select's groups, the choices of a coded fact, and a fact
 * value as staff read it.
 */

/** The catalogue names its groups in Chinese; these are their i18n keys. */
const GROUP_KEYS: Record<string, string> = {
  基本信息: 'tags.factGroups.basic',
  计算值: 'tags.factGroups.derived',
  健康档案: 'tags.factGroups.archive',
  风险评估: 'tags.factGroups.risk',
  问卷评分: 'tags.factGroups.scores',
  检查指标: 'tags.factGroups.indicators',
};

export const OPERATOR_KEYS: Record<Operator, string> = {
  '>=': 'tags.operators.gte',
  '>': 'tags.operators.gt',
  '<=': 'tags.operators.lte',
  '<': 'tags.operators.lt',
  '==': 'tags.operators.eq',
  '!=': 'tags.operators.ne',
  in: 'tags.operators.in',
  is: 'tags.operators.is',
  isNot: 'tags.operators.isNot',
  contains: 'tags.operators.contains',
  notContains: 'tags.operators.notContains',
};

export function factLabel(fact: FactField): string {
  const label = currentLocale() === 'zh-CN' ? fact.label : fact.labelEn;
  return fact.retired ? t('tags.retiredFact', { label }) : label;
}

/**
 * The facts a condition may choose: a retired indicator's only where the condition already reads
 * it (an older rule keeps working and can still be edited; new conditions cannot pick it).
 */
export function selectableFacts(facts: readonly FactField[], currentPath: string | undefined): FactField[] {
  return facts.filter((fact) => !fact.retired || fact.path === currentPath);
}

export function factGroupLabel(group: string): string {
  const key = GROUP_KEYS[group];
  return key && i18n.global.te(key) ? t(key) : group;
}

export interface FactGroup {
  label: string;
  facts: FactField[];
}

/** The catalogue by group, in the order the API lists them (basic facts first, indicators last). */
export function groupFacts(facts: readonly FactField[]): FactGroup[] {
  const groups = new Map<string, FactField[]>();
  for (const fact of facts) {
    const members = groups.get(fact.group) ?? [];
    members.push(fact);
    groups.set(fact.group, members);
  }
  return [...groups].map(([group, members]) => ({ label: factGroupLabel(group), facts: members }));
}

export interface ValueOption {
  value: string;
  label: string;
}

/**
 * The choices of a string or list fact. The catalogue's value labels are Chinese; in English the
 * codes themselves are shown (they are English words: `male`, `high`, `first_degree`).
 */
export function valueOptions(fact: FactField): ValueOption[] {
  const chinese = currentLocale() === 'zh-CN';
  return (fact.values ?? []).map((value, i) => ({ value, label: (chinese ? fact.valueLabels?.[i] : undefined) ?? value }));
}

function codeLabel(fact: FactField | undefined, code: string): string {
  if (!fact) return code;
  return valueOptions(fact).find((option) => option.value === code)?.label ?? code;
}

/** A fact value as staff read it: with the unit, 是/否, the code's label; `—` when unknown. */
export function formatFactValue(fact: FactField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'tags.yes' : 'tags.no');
  if (typeof value === 'number') return fact?.unit ? `${value} ${fact.unit}` : String(value);
  if (typeof value === 'string') return codeLabel(fact, value);
  if (Array.isArray(value))
    return value.length === 0
      ? t('common.none')
      : value.map((item) => codeLabel(fact, String(item))).join(t('common.listSeparator'));
  return JSON.stringify(value);
}

function describeRow(row: ConditionRow, facts: ReadonlyMap<string, FactField>): string {
  const fact = facts.get(row.path);
  const label = fact ? factLabel(fact) : row.path;
  const operator = row.operator ? t(OPERATOR_KEYS[row.operator]) : '';
  if (row.operator === 'is' || row.operator === 'isNot') return `${label} ${operator}`;
  return `${label} ${operator} ${formatFactValue(fact, row.value)}`;
}

function describeGroup(group: ConditionGroup, facts: ReadonlyMap<string, FactField>, nested: boolean): string {
  const joiner = t(group.combinator === 'and' ? 'tags.builder.andJoiner' : 'tags.builder.orJoiner');
  const text = group.children
    .map((child) => (child.kind === 'group' ? describeGroup(child, facts, true) : describeRow(child, facts)))
    .join(` ${joiner} `);
  return nested && group.children.length > 1 ? `(${text})` : text;
}

/** One line for the rule list, e.g. "收缩压 最新值 ≥ 140 mmHg 或 舒张压 最新值 ≥ 90 mmHg". */
export function describeCondition(condition: unknown, facts: readonly FactField[]): string {
  const group = fromJsonLogic(condition);
  if (group === null) return t('tags.builder.customCondition');
  return describeGroup(group, new Map(facts.map((fact) => [fact.path, fact])), false);
}
