import jsonLogic, { type RulesLogic } from 'json-logic-js';
import type { ErrorDetail } from '@health/core';

/**
 * Tag rule and advice conditions: JSON Logic (json-logic-js) over a client's facts, with one
 * change of meaning that clinical rules need: an ordering comparison (`<`, `<=`, `>`, `>=`) with
 * a missing or non-numeric operand is false. Plain JSON Logic compares `null < 140` as `0 < 140`,
 * which would tag every client without a blood pressure reading as "normal".
 */

type Comparison = (a: number, b: number) => boolean;

function strictComparison(compare: Comparison) {
  return (...operands: unknown[]): boolean => {
    if (operands.length < 2 || operands.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return false;
    const values = operands as number[];
    for (let i = 1; i < values.length; i++) if (!compare(values[i - 1], values[i])) return false;
    return true;
  };
}

jsonLogic.add_operation(
  '<',
  strictComparison((a, b) => a < b),
);
jsonLogic.add_operation(
  '<=',
  strictComparison((a, b) => a <= b),
);
jsonLogic.add_operation(
  '>',
  strictComparison((a, b) => a > b),
);
jsonLogic.add_operation(
  '>=',
  strictComparison((a, b) => a >= b),
);

/** Operators a condition may use: enough for the builder's all/any groups and a partner's hand-written rule. */
const OPERATORS = new Set(['and', 'or', '!', '!!', '==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'var']);
const MAX_NODES = 500;
const MAX_DEPTH = 12;

/**
 * Fact paths a condition may read. Indicator codes and model names are checked by pattern here;
 * the catalogue the builder offers lists the organisation's actual indicators.
 */
const FACT_PATHS: readonly RegExp[] = [
  /^age$/,
  /^sex$/,
  /^tags$/,
  /^card\.(types|active)$/,
  /^ind\.[A-Z][A-Z0-9_]*\.(value|abnormal|date|previous\.value|previous\.abnormal)$/,
  /^derived\.(bmi|nonHdlMmol)$/,
  /^risk\.[a-z0-9-]+\.(category|value|findings)$/,
  /^archive\.[A-Za-z0-9]+$/,
  /^scores\.[a-z0-9-]+$/,
];

export type Condition = RulesLogic;

export function isKnownFactPath(path: string): boolean {
  return FACT_PATHS.some((p) => p.test(path));
}

/**
 * Checks the shape of a condition: operators from the allow-list, `var` paths that exist, bounded
 * size. Returns one detail per problem (field = JSON path inside the condition), empty when valid.
 */
export function conditionProblems(condition: unknown, field = 'condition'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) problems.push({ field, message: `condition has more than ${MAX_NODES} nodes` });
      return;
    }
    if (depth > MAX_DEPTH) {
      problems.push({ field: path, message: `condition is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (node === null || ['string', 'number', 'boolean'].includes(typeof node)) return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${path}[${i}]`, depth + 1));
      return;
    }
    if (typeof node !== 'object') {
      problems.push({ field: path, message: 'unsupported value' });
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ field: path, message: 'an operation is an object with exactly one operator' });
      return;
    }
    const [op] = keys;
    if (!OPERATORS.has(op)) {
      problems.push({ field: path, message: `operator "${op}" is not allowed (use ${[...OPERATORS].join(' ')})` });
      return;
    }
    const args = (node as Record<string, unknown>)[op];
    if (op === 'var') {
      const name = Array.isArray(args) ? args[0] : args;
      if (typeof name !== 'string' || !isKnownFactPath(name))
        problems.push({ field: `${path}.var`, message: `unknown fact "${String(name)}"` });
      return;
    }
    visit(args, `${path}.${op}`, depth + 1);
  };
  visit(condition, field, 0);
  if (problems.length === 0 && (condition === null || typeof condition !== 'object' || Array.isArray(condition)))
    problems.push({ field, message: 'condition must be a JSON Logic operation object' });
  return problems;
}

export function evaluateCondition(condition: Condition, facts: object): boolean {
  return jsonLogic.truthy(jsonLogic.apply(condition, facts));
}

/** The fact paths a condition reads, in first-use order: what a tag's evidence records. */
export function factPathsOf(condition: unknown): string[] {
  const paths = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [op, args] of Object.entries(node)) {
        if (op === 'var') {
          const name = Array.isArray(args) ? args[0] : args;
          if (typeof name === 'string') paths.add(name);
        } else visit(args);
      }
    }
  };
  visit(condition);
  return [...paths];
}

/** The value at a dotted path of the facts (`ind.SBP.value`), or null. */
export function factAt(facts: object, path: string): unknown {
  let node: unknown = facts;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node ?? null;
}
