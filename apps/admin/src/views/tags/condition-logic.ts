/**
 * The tag rule builder's state and its conversion to and from JSON Logic (the API's condition
 * format). Only the shapes the builder produces are read back; anything else (other operators,
 * reversed operands, `var` defaults, deeper tricks) makes `fromJsonLogic` return null so the page
 * opens the condition in the JSON editor instead of silently changing it.
 */

export type FactType = 'number' | 'string' | 'boolean' | 'list';

/** What the builder needs to know of a fact: `GET /tag-rules/facts` gives more (labels, unit, values). */
export interface FactTyping {
  path: string;
  type: FactType;
}

/**
 * Row operators. Comparisons keep their JSON Logic names; `is`/`isNot` are the boolean 是/否,
 * `in` the string 属于 (one of a list), `contains`/`notContains` the list 包含/不包含.
 */
export type Operator = '>=' | '>' | '<=' | '<' | '==' | '!=' | 'in' | 'is' | 'isNot' | 'contains' | 'notContains';

export const OPERATORS_BY_TYPE: Record<FactType, readonly Operator[]> = {
  number: ['>=', '>', '<=', '<', '==', '!='],
  string: ['==', '!=', 'in'],
  boolean: ['is', 'isNot'],
  list: ['contains', 'notContains'],
};

/** A number, one code, several codes (属于), or nothing yet; boolean rows carry their value in the operator. */
export type RowValue = number | string | string[] | null;

export interface ConditionRow {
  kind: 'row';
  id: number;
  /** The fact's `var` path; '' until chosen. */
  path: string;
  operator: Operator | '';
  value: RowValue;
}

export type Combinator = 'and' | 'or';

export interface ConditionGroup {
  kind: 'group';
  id: number;
  /** `and` = all of (全部满足), `or` = any of (任一满足). */
  combinator: Combinator;
  children: ConditionNode[];
}

export type ConditionNode = ConditionRow | ConditionGroup;

export type JsonLogic = Record<string, unknown>;

let nextId = 1;
/** Keys for `v-for`; never part of the condition. */
const newId = (): number => nextId++;

export function emptyRow(): ConditionRow {
  return { kind: 'row', id: newId(), path: '', operator: '', value: null };
}

export function emptyGroup(combinator: Combinator = 'and', withRow = true): ConditionGroup {
  return { kind: 'group', id: newId(), combinator, children: withRow ? [emptyRow()] : [] };
}

/** The row after its fact changed: the type's first operator and no value. */
export function rowForFact(row: ConditionRow, fact: FactTyping): ConditionRow {
  return { ...row, path: fact.path, operator: OPERATORS_BY_TYPE[fact.type][0]!, value: null };
}

/** The row after its operator changed: 属于 takes a list of codes, = and ≠ one code. */
export function rowForOperator(row: ConditionRow, operator: Operator): ConditionRow {
  let value = row.value;
  if (operator === 'in' && typeof value === 'string') value = [value];
  else if (operator !== 'in' && Array.isArray(value)) value = value[0] ?? null;
  if (operator === 'is' || operator === 'isNot') value = null;
  return { ...row, operator, value };
}

function rowComplete(row: ConditionRow): boolean {
  if (!row.path || !row.operator) return false;
  switch (row.operator) {
    case 'is':
    case 'isNot':
      return true;
    case 'in':
      return Array.isArray(row.value) && row.value.length > 0;
    case 'contains':
    case 'notContains':
      return typeof row.value === 'string' && row.value !== '';
    default:
      return (typeof row.value === 'number' && Number.isFinite(row.value)) || (typeof row.value === 'string' && row.value !== '');
  }
}

/** Why the builder cannot be saved yet (an i18n key), or null when every group and row is complete. */
export function builderProblem(group: ConditionGroup): 'tags.builder.emptyGroup' | 'tags.builder.incompleteRow' | null {
  if (group.children.length === 0) return 'tags.builder.emptyGroup';
  for (const child of group.children) {
    const problem = child.kind === 'group' ? builderProblem(child) : rowComplete(child) ? null : 'tags.builder.incompleteRow';
    if (problem) return problem;
  }
  return null;
}

function rowToLogic(row: ConditionRow): JsonLogic {
  const fact = { var: row.path };
  switch (row.operator) {
    case 'is':
      return { '==': [fact, true] };
    case 'isNot':
      return { '==': [fact, false] };
    case 'in':
      return { in: [fact, [...(row.value as string[])]] };
    case 'contains':
      return { in: [row.value, fact] };
    case 'notContains':
      return { '!': { in: [row.value, fact] } };
    default:
      return { [row.operator]: [fact, row.value] };
  }
}

/** JSON Logic of a complete builder state (`{"and":[…]}` / `{"or":[…]}` at every level); null while incomplete. */
export function toJsonLogic(group: ConditionGroup): JsonLogic | null {
  if (builderProblem(group) !== null) return null;
  const convert = (node: ConditionNode): JsonLogic =>
    node.kind === 'group' ? { [node.combinator]: node.children.map(convert) } : rowToLogic(node);
  return convert(group);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{"var":"path"}` → path; a default value or any other form is not the builder's. */
function factPath(value: unknown): string | null {
  if (!isObject(value) || Object.keys(value).length !== 1) return null;
  return typeof value['var'] === 'string' && value['var'] !== '' ? value['var'] : null;
}

/** The operation's single operator and its operands, or null when the node is not one operation. */
function operation(node: unknown): [string, unknown] | null {
  if (!isObject(node)) return null;
  const keys = Object.keys(node);
  return keys.length === 1 ? [keys[0]!, node[keys[0]!]] : null;
}

type Lookup = (path: string) => FactType | undefined;

function row(path: string, operator: Operator, value: RowValue, type: FactType, typeOf: Lookup | null): ConditionRow | null {
  // With a catalogue, the fact must exist and the operator must be one its type offers.
  if (typeOf) {
    const known = typeOf(path);
    if (known === undefined || known !== type) return null;
  }
  return { kind: 'row', id: newId(), path, operator, value };
}

function comparisonRow(op: string, args: unknown, typeOf: Lookup | null): ConditionRow | null {
  if (!Array.isArray(args) || args.length !== 2) return null;
  const [left, right] = args as [unknown, unknown];
  if (op === 'in') {
    // 属于: {"in":[{"var":"sex"},["male"]]}
    const path = factPath(left);
    if (path !== null && Array.isArray(right) && right.length > 0 && right.every((v) => typeof v === 'string'))
      return row(path, 'in', [...(right as string[])], 'string', typeOf);
    // 包含: {"in":["高血压",{"var":"tags"}]}
    const listPath = factPath(right);
    if (listPath !== null && typeof left === 'string' && left !== '') return row(listPath, 'contains', left, 'list', typeOf);
    return null;
  }
  const path = factPath(left);
  if (path === null) return null;
  const number = typeof right === 'number' && Number.isFinite(right);
  if (op === '>=' || op === '>' || op === '<=' || op === '<') return number ? row(path, op, right, 'number', typeOf) : null;
  if (op !== '==' && op !== '!=') return null;
  if (number) return row(path, op, right, 'number', typeOf);
  if (typeof right === 'string' && right !== '') return row(path, op, right, 'string', typeOf);
  if (op === '==' && typeof right === 'boolean') return row(path, right ? 'is' : 'isNot', null, 'boolean', typeOf);
  return null;
}

function nodeFromLogic(node: unknown, typeOf: Lookup | null): ConditionNode | null {
  const parsed = operation(node);
  if (parsed === null) return null;
  const [op, args] = parsed;
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args) || args.length === 0) return null;
    const children: ConditionNode[] = [];
    for (const child of args) {
      const converted = nodeFromLogic(child, typeOf);
      if (converted === null) return null;
      children.push(converted);
    }
    return { kind: 'group', id: newId(), combinator: op, children };
  }
  if (op === '!') {
    // 不包含: {"!":{"in":["高血压",{"var":"tags"}]}} (json-logic-js also accepts the operand in a one-item array).
    const inner = Array.isArray(args) ? (args.length === 1 ? args[0] : null) : args;
    const negated = operation(inner);
    if (negated === null || negated[0] !== 'in') return null;
    const contained = comparisonRow('in', negated[1], typeOf);
    return contained?.operator === 'contains' ? { ...contained, operator: 'notContains' } : null;
  }
  return comparisonRow(op, args, typeOf);
}

/**
 * The builder state of a condition, or null when the builder cannot show it exactly. A single
 * comparison becomes an "all of" group with one row. With `facts`, every fact must be in the
 * catalogue with the type its operator needs.
 */
export function fromJsonLogic(logic: unknown, facts?: readonly FactTyping[]): ConditionGroup | null {
  const types = facts ? new Map(facts.map((fact) => [fact.path, fact.type])) : null;
  const node = nodeFromLogic(logic, types ? (path) => types.get(path) : null);
  if (node === null) return null;
  return node.kind === 'group' ? node : { kind: 'group', id: newId(), combinator: 'and', children: [node] };
}
