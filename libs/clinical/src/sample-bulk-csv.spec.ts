/**
 * samples/reports-bulk-20.csv (20 reports, one row per item) through match → parse → convert →
 * verdict, and the five-year series of samples/README.md. The trend statistics there (slope per
 * year) belong to the trend computation, not to this library, and are not checked; the canonical
 * values, their change and the abnormal streaks (from the dictionary verdicts) are.
 */
import { ageAtExam } from './age-at-exam';
import { buildAliasIndex, matchIndicator } from './indicator-matching';
import { interpretItem, type Interpretation } from './interpret-item';
import { parseCsvRecords } from './parse-csv';
import { loadSharedDictionary, readSharedFile } from './testing/shared-files';
import type { Verdict } from './verdict';

const index = buildAliasIndex(loadSharedDictionary());

interface Row {
  readonly clientName: string;
  readonly examDate: string;
  readonly itemName: string;
  readonly value: string;
  readonly unit: string;
  readonly flag: string;
  readonly code: string | undefined;
  readonly interpretation: Interpretation | undefined;
}

const rows: Row[] = (() => {
  const [header, ...records] = parseCsvRecords(readSharedFile('samples/reports-bulk-20.csv'));
  if (header === undefined) throw new Error('empty CSV');
  return records.map(({ fields }) => {
    const get = (column: string): string => fields[header.fields.indexOf(column)] ?? '';
    const match = matchIndicator(index, { name: get('itemName'), category: get('category'), unit: get('unit') });
    const subject = { sex: get('gender') as 'male' | 'female', age: ageAtExam(get('birthDate'), get('examDate')) };
    return {
      clientName: get('clientName'),
      examDate: get('examDate'),
      itemName: get('itemName'),
      value: get('value'),
      unit: get('unit'),
      flag: get('flag'),
      code: match?.definition.code,
      interpretation: match && interpretItem(match.definition, { value: get('value'), unit: get('unit') }, subject),
    };
  });
})();

const FLAG_VERDICT: Readonly<Record<string, Verdict>> = { '↑': 'high', H: 'high', '↓': 'low', L: 'low', '': 'normal' };

/** README, "Sender flags that disagree with the dictionary" (client, exam date, code → dictionary verdict). */
const DELIBERATE_DISAGREEMENTS: Readonly<Record<string, Verdict>> = {
  '王志强 2022-06-15 SBP': 'normal',
  '王志强 2022-06-15 FPG': 'normal',
  '王志强 2022-06-15 HBA1C': 'normal',
  '王志强 2022-06-15 WAIST': 'high',
  '王志强 2023-06-20 UA': 'high',
  '何国栋 2025-04-23 FPSA_RATIO': 'normal',
};

describe('reports-bulk-20.csv', () => {
  it('has 1,006 item rows, all mapped, parsed and converted', () => {
    expect(rows).toHaveLength(1006);
    expect(rows.filter((row) => row.code === undefined).map((row) => row.itemName)).toEqual([]);
    expect(
      rows.filter((row) => row.interpretation?.ok !== true).map((row) => [row.itemName, row.value, row.interpretation]),
    ).toEqual([]);
  });

  it('agrees with the sender flags on numeric and ordinal items except where README says it does not', () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      const interpretation = row.interpretation;
      if (interpretation?.ok !== true || interpretation.value.kind === 'text') continue;
      const flagged = FLAG_VERDICT[row.flag] ?? 'unknown flag';
      const key = `${row.clientName} ${row.examDate} ${row.code}`;
      const expected =
        DELIBERATE_DISAGREEMENTS[key] ?? (interpretation.value.kind === 'ordinal' && flagged !== 'normal' ? 'abnormal' : flagged);
      if (interpretation.verdict !== expected)
        mismatches.push(`${key} ${row.value}: ${interpretation.verdict}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the five-year series of 王志强 (samples/README.md)', () => {
  const DATES = ['2021-06-01', '2022-06-15', '2023-06-20', '2024-07-02', '2025-07-08'];
  // code → canonical values per exam (null: not measured), change, abnormal streak.
  const SERIES: readonly [string, readonly (number | null)[], number, number][] = [
    ['SBP', [128, 132, 136, 141, 146], 18, 2],
    ['DBP', [82, 84, 86, 89, 93], 11, 1],
    ['FPG', [5.6, 5.88, 6.3, 6.6, 7.1], 1.5, 3],
    ['HBA1C', [null, 5.8, 6.0, 6.2, 6.5], 0.7, 2],
    ['TC', [5.12, 5.35, 5.48, 5.61, 5.74], 0.62, 4],
    ['TG', [1.85, 2.05, 2.21, 2.36, 2.52], 0.67, 5],
    ['HDL_C', [1.08, 1.03, 1.01, 0.98, 0.95], -0.13, 2],
    ['LDL_C', [3.21, 3.44, 3.52, 3.66, 3.79], 0.58, 4],
    ['UA', [398, 410.41, 426, 437, 448], 50, 3],
    ['BMI', [25.1, 25.6, 26.0, 26.3, 26.8], 1.7, 5],
  ];
  const round2 = (value: number): number => Math.round(value * 100) / 100;

  it.each(SERIES)('%s', (code, values, change, streak) => {
    const points = DATES.map((date) =>
      rows.find((row) => row.clientName === '王志强' && row.examDate === date && row.code === code),
    );
    const canonical = points.map((row) =>
      row?.interpretation?.ok === true && row.interpretation.value.kind === 'numeric'
        ? round2(row.interpretation.value.value)
        : null,
    );
    expect(canonical).toEqual(values);

    const measured = canonical.filter((value): value is number => value !== null);
    expect(round2(measured[measured.length - 1]! - measured[0]!)).toBe(change);

    const verdicts = points.flatMap((row) => (row?.interpretation?.ok === true ? [row.interpretation.verdict] : []));
    const lastNormal = verdicts.lastIndexOf('normal');
    expect(verdicts.length - 1 - lastNormal).toBe(streak);
  });
});
