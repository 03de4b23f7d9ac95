import { describe, expect, it } from 'vitest';
import {
  builderProblem,
  emptyGroup,
  emptyRow,
  fromJsonLogic,
  OPERATORS_BY_TYPE,
  rowForFact,
  rowForOperator,
  toJsonLogic,
  type ConditionGroup,
  type ConditionRow,
  type FactTyping,
} from './condition-logic';

const FACTS: FactTyping[] = [
  { path: 'ind.SBP.value', type: 'number' },
  { path: 'ind.DBP.value', type: 'number' },
  { path: 'age', type: 'number' },
  { path: 'sex', type: 'string' },
  { path: 'ind.GLU.abnormal', type: 'string' },
  { path: 'archive.smoker', type: 'boolean' },
  { path: 'tags', type: 'list' },
];

const sbp = { var: 'ind.SBP.value' };
const dbp = { var: 'ind.DBP.value' };

/** Builder state → JSON Logic → builder state → JSON Logic gives the same JSON both times. */
function roundTrip(logic: Record<string, unknown>): void {
  const state = fromJsonLogic(logic, FACTS);
  expect(state).not.toBeNull();
  expect(toJsonLogic(state!)).toEqual(logic);
}

function rowsOf(group: ConditionGroup): ConditionRow[] {
  return group.children.flatMap((child) => (child.kind === 'group' ? rowsOf(child) : [child]));
}

describe('builder state → JSON Logic', () => {
  it('writes an "any of" group of number comparisons as the API’s example does', () => {
    const group: ConditionGroup = {
      kind: 'group',
      id: 1,
      combinator: 'or',
      children: [
        { kind: 'row', id: 2, path: 'ind.SBP.value', operator: '>=', value: 140 },
        { kind: 'row', id: 3, path: 'ind.DBP.value', operator: '>=', value: 90 },
      ],
    };
    expect(toJsonLogic(group)).toEqual({ or: [{ '>=': [sbp, 140] }, { '>=': [dbp, 90] }] });
  });

  it('writes each operator in its JSON Logic form', () => {
    const cases: [Omit<ConditionRow, 'kind' | 'id'>, unknown][] = [
      [{ path: 'age', operator: '>=', value: 40 }, { '>=': [{ var: 'age' }, 40] }],
      [{ path: 'age', operator: '>', value: 40 }, { '>': [{ var: 'age' }, 40] }],
      [{ path: 'age', operator: '<=', value: 40 }, { '<=': [{ var: 'age' }, 40] }],
      [{ path: 'age', operator: '<', value: 40 }, { '<': [{ var: 'age' }, 40] }],
      [{ path: 'age', operator: '==', value: 40 }, { '==': [{ var: 'age' }, 40] }],
      [{ path: 'age', operator: '!=', value: 40 }, { '!=': [{ var: 'age' }, 40] }],
      [{ path: 'sex', operator: '==', value: 'male' }, { '==': [{ var: 'sex' }, 'male'] }],
      [{ path: 'sex', operator: '!=', value: 'male' }, { '!=': [{ var: 'sex' }, 'male'] }],
      [{ path: 'sex', operator: 'in', value: ['male'] }, { in: [{ var: 'sex' }, ['male']] }],
      [{ path: 'archive.smoker', operator: 'is', value: null }, { '==': [{ var: 'archive.smoker' }, true] }],
      [{ path: 'archive.smoker', operator: 'isNot', value: null }, { '==': [{ var: 'archive.smoker' }, false] }],
      [{ path: 'tags', operator: 'contains', value: '高血压' }, { in: ['高血压', { var: 'tags' }] }],
      [{ path: 'tags', operator: 'notContains', value: '高血压' }, { '!': { in: ['高血压', { var: 'tags' }] } }],
    ];
    for (const [row, logic] of cases) {
      const group: ConditionGroup = { kind: 'group', id: 1, combinator: 'and', children: [{ kind: 'row', id: 2, ...row }] };
      expect(toJsonLogic(group)).toEqual({ and: [logic] });
    }
  });

  it('nests groups: all of (age ≥ 40, any of (SBP ≥ 140, DBP ≥ 90))', () => {
    const inner: ConditionGroup = {
      kind: 'group',
      id: 2,
      combinator: 'or',
      children: [
        { kind: 'row', id: 3, path: 'ind.SBP.value', operator: '>=', value: 140 },
        { kind: 'row', id: 4, path: 'ind.DBP.value', operator: '>=', value: 90 },
      ],
    };
    const root: ConditionGroup = {
      kind: 'group',
      id: 1,
      combinator: 'and',
      children: [{ kind: 'row', id: 5, path: 'age', operator: '>=', value: 40 }, inner],
    };
    expect(toJsonLogic(root)).toEqual({
      and: [{ '>=': [{ var: 'age' }, 40] }, { or: [{ '>=': [sbp, 140] }, { '>=': [dbp, 90] }] }],
    });
  });

  it('gives nothing while a row or a group is incomplete, and says which', () => {
    const group = emptyGroup('and');
    expect(builderProblem(group)).toBe('tags.builder.incompleteRow');
    expect(toJsonLogic(group)).toBeNull();

    const noValue = rowForFact(emptyRow(), { path: 'age', type: 'number' });
    expect(builderProblem({ ...group, children: [noValue] })).toBe('tags.builder.incompleteRow');
    expect(builderProblem({ ...group, children: [{ ...noValue, value: Number.NaN }] })).toBe('tags.builder.incompleteRow');
    const emptyList = { ...rowForFact(emptyRow(), { path: 'sex', type: 'string' }), operator: 'in' as const, value: [] };
    expect(builderProblem({ ...group, children: [emptyList] })).toBe('tags.builder.incompleteRow');
    expect(builderProblem({ ...group, children: [{ ...noValue, value: 40 }, emptyGroup('or', false)] })).toBe(
      'tags.builder.emptyGroup',
    );
    expect(builderProblem(emptyGroup('and', false))).toBe('tags.builder.emptyGroup');

    const smoker = rowForFact(emptyRow(), { path: 'archive.smoker', type: 'boolean' });
    expect(builderProblem({ ...group, children: [smoker] })).toBeNull();
    expect(toJsonLogic({ ...group, children: [smoker] })).toEqual({ and: [{ '==': [{ var: 'archive.smoker' }, true] }] });
  });
});

describe('JSON Logic → builder state', () => {
  it('reads the API’s example into an "any of" group of two rows', () => {
    const state = fromJsonLogic({ or: [{ '>=': [sbp, 140] }, { '>=': [dbp, 90] }] }, FACTS)!;
    expect(state.combinator).toBe('or');
    expect(rowsOf(state).map(({ path, operator, value }) => ({ path, operator, value }))).toEqual([
      { path: 'ind.SBP.value', operator: '>=', value: 140 },
      { path: 'ind.DBP.value', operator: '>=', value: 90 },
    ]);
  });

  it('round-trips every operator', () => {
    roundTrip({ and: [{ '>=': [{ var: 'age' }, 40] }, { '>': [sbp, 139.5] }, { '<=': [dbp, 60] }, { '<': [sbp, 90] }] });
    roundTrip({ or: [{ '==': [{ var: 'age' }, 60] }, { '!=': [{ var: 'age' }, 60] }] });
    roundTrip({ and: [{ '==': [{ var: 'sex' }, 'female'] }, { '!=': [{ var: 'ind.GLU.abnormal' }, 'normal'] }] });
    roundTrip({ and: [{ in: [{ var: 'ind.GLU.abnormal' }, ['high', 'abnormal']] }] });
    roundTrip({ and: [{ '==': [{ var: 'archive.smoker' }, true] }, { '==': [{ var: 'archive.smoker' }, false] }] });
    roundTrip({ or: [{ in: ['高血压', { var: 'tags' }] }, { '!': { in: ['吸烟', { var: 'tags' }] } }] });
  });

  it('round-trips nested groups, two levels deep', () => {
    roundTrip({
      and: [
        { '>=': [{ var: 'age' }, 40] },
        { or: [{ '>=': [sbp, 140] }, { and: [{ '>=': [dbp, 90] }, { '==': [{ var: 'archive.smoker' }, true] }] }] },
      ],
    });
  });

  it('gives each row the operator’s value shape', () => {
    const state = fromJsonLogic({ and: [{ in: [{ var: 'sex' }, ['male']] }, { '==': [{ var: 'archive.smoker' }, false] }] })!;
    expect(rowsOf(state).map((row) => [row.operator, row.value])).toEqual([
      ['in', ['male']],
      ['isNot', null],
    ]);
  });

  it('wraps a single comparison in an "all of" group', () => {
    const state = fromJsonLogic({ '>=': [sbp, 140] }, FACTS)!;
    expect(state.combinator).toBe('and');
    expect(toJsonLogic(state)).toEqual({ and: [{ '>=': [sbp, 140] }] });
  });

  it('reads the one-item array form of "!" as 不包含', () => {
    const state = fromJsonLogic({ and: [{ '!': [{ in: ['高血压', { var: 'tags' }] }] }] }, FACTS)!;
    expect(toJsonLogic(state)).toEqual({ and: [{ '!': { in: ['高血压', { var: 'tags' }] } }] });
  });

  it('gives null for what the builder cannot show exactly', () => {
    const unsupported: unknown[] = [
      null,
      'text',
      [{ '>=': [sbp, 140] }],
      { and: [] },
      { and: { '>=': [sbp, 140] } },
      { '>=': [sbp, 140], '<': [sbp, 200] },
      { '===': [{ var: 'sex' }, 'male'] },
      { '!!': { var: 'archive.smoker' } },
      { '!': { var: 'archive.smoker' } },
      { '!': { '>=': [sbp, 140] } },
      { '<=': [140, sbp] },
      { '<': [90, sbp, 140] },
      { '>=': [sbp, '140'] },
      { '>=': [{ var: ['ind.SBP.value', 0] }, 140] },
      { '>=': [{ var: '' }, 140] },
      { '>=': [{ var: 'age', extra: 1 }, 40] },
      { '!=': [{ var: 'archive.smoker' }, true] },
      { '==': [{ var: 'sex' }, null] },
      { in: [{ var: 'sex' }, []] },
      { in: [{ var: 'sex' }, ['male', 1]] },
      { in: [{ var: 'tags' }, '高血压'] },
      { or: [{ '>=': [sbp, 140] }, { max: [sbp, dbp] }] },
    ];
    for (const logic of unsupported) expect(fromJsonLogic(logic), JSON.stringify(logic)).toBeNull();
  });

  it('with the catalogue, gives null for unknown facts and operators the fact’s type does not offer', () => {
    expect(fromJsonLogic({ '>=': [{ var: 'ind.XYZ.value' }, 1] }, FACTS)).toBeNull();
    expect(fromJsonLogic({ '>=': [{ var: 'sex' }, 1] }, FACTS)).toBeNull();
    expect(fromJsonLogic({ '==': [{ var: 'age' }, true] }, FACTS)).toBeNull();
    expect(fromJsonLogic({ in: ['高血压', { var: 'sex' }] }, FACTS)).toBeNull();
    expect(fromJsonLogic({ in: [{ var: 'tags' }, ['高血压']] }, FACTS)).toBeNull();
    // Without the catalogue the same shapes are read.
    expect(fromJsonLogic({ '>=': [{ var: 'ind.XYZ.value' }, 1] })).not.toBeNull();
  });
});

describe('row edits', () => {
  it('a new fact gets its type’s first operator and no value', () => {
    const row = { ...emptyRow(), path: 'age', operator: '>=' as const, value: 40 };
    expect(rowForFact(row, { path: 'sex', type: 'string' })).toMatchObject({ path: 'sex', operator: '==', value: null });
    expect(rowForFact(row, { path: 'archive.smoker', type: 'boolean' }).operator).toBe('is');
    expect(rowForFact(row, { path: 'tags', type: 'list' }).operator).toBe('contains');
    expect(OPERATORS_BY_TYPE.number).toEqual(['>=', '>', '<=', '<', '==', '!=']);
  });

  it('switching between = and 属于 keeps the chosen code', () => {
    const row: ConditionRow = { ...emptyRow(), path: 'sex', operator: '==', value: 'male' };
    const inList = rowForOperator(row, 'in');
    expect(inList.value).toEqual(['male']);
    expect(rowForOperator({ ...inList, value: ['female', 'male'] }, '!=').value).toBe('female');
    expect(rowForOperator({ ...inList, value: [] }, '==').value).toBeNull();
    expect(rowForOperator({ ...row, path: 'archive.smoker', operator: 'is' }, 'isNot').value).toBeNull();
  });
});
