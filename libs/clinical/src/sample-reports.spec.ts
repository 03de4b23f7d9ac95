/**
 * The four sample report JSONs of samples/ run through match → parse → convert → verdict.
 *
 * The sample files carry no `expected` field; samples/README.md states the expectations instead:
 * every item maps; bare urinalysis names under a 尿 category reach the urine indicators; report 4's
 * codes are what the names resolve to; and the stored verdict follows the dictionary, the sender
 * flags disagreeing only where README lists it ("Sender flags that disagree with the dictionary").
 * So a numeric or ordinal item's expected verdict is its sender flag unless it is in that list.
 * Senders print no flag on text conclusions; their expected verdicts below are the ref_text phrase
 * rule of indicators.md applied by hand. Client creation and linking by ID number are not this
 * library's concern and are not checked here.
 */
import { ageAtExam } from './age-at-exam';
import { buildAliasIndex, matchIndicator } from './indicator-matching';
import { interpretItem } from './interpret-item';
import {
  loadSharedDictionary,
  readSampleReport,
  SAMPLE_REPORT_FILES,
  type SampleItem,
  type SampleReport,
} from './testing/shared-files';
import type { Verdict } from './verdict';

const index = buildAliasIndex(loadSharedDictionary());

const FLAG_VERDICT: Readonly<Record<string, 'high' | 'low' | 'normal'>> = {
  '↑': 'high',
  H: 'high',
  '↓': 'low',
  L: 'low',
  '': 'normal',
};

/** README, "Sender flags that disagree with the dictionary": the dictionary's verdict. */
const DELIBERATE_DISAGREEMENTS: Readonly<Record<string, Readonly<Record<string, Verdict>>>> = {
  // 陈伟 2025 (和颐): SBP 134 and DBP 88 by 90–129/60–84, glucose 104 mg/dL by 70–99, HbA1c 5.7 by
  // 4.0–5.6 are all normal in the dictionary; waist has no printed range or flag but is high.
  'report-02-heyi-mgdl-2025-06-12.json': { SBP: 'normal', DBP: 'normal', FPG: 'normal', HBA1C: 'normal', WAIST: 'high' },
  // 刘芳: RDW-CV 16.8 % flagged ↑; the dictionary has no RDW interval.
  'report-03-anxin-2024-09-05.json': { RDW_CV: 'normal' },
  // 赵德明: fPSA/tPSA 0.16 flagged L by ">0.16"; the dictionary has no numeric limit for the ratio.
  'report-04-rm2-coded-2025-05-20.json': { FPSA_RATIO: 'normal' },
};

/** Text conclusions, in print order per report: normal only when equal to a ref_text phrase. */
const TEXT_VERDICTS: Readonly<Record<string, readonly Verdict[]>> = {
  // 窦性心律 | 甲状腺结节 | 乳腺增生 | 胆囊息肉 | 心肺膈未见明显异常
  'report-01-ruikang-2025-04-16.json': ['normal', 'abnormal', 'abnormal', 'abnormal', 'normal'],
  // 窦性心律 | 脂肪肝(中度) | 心肺膈未见明显异常
  'report-02-heyi-mgdl-2025-06-12.json': ['normal', 'abnormal', 'normal'],
  // 未见明显异常 | 窦性心律不齐
  'report-03-anxin-2024-09-05.json': ['normal', 'abnormal'],
  // ST-T改变 | 颈动脉斑块 | 肝囊肿 | 两肺纹理增多
  'report-04-rm2-coded-2025-05-20.json': ['abnormal', 'abnormal', 'abnormal', 'abnormal'],
};

interface Evaluated {
  readonly item: SampleItem;
  readonly code: string | undefined;
  readonly interpretation: ReturnType<typeof interpretItem> | undefined;
}

function evaluate(report: SampleReport): Evaluated[] {
  const subject = { sex: report.client.gender, age: ageAtExam(report.client.birthDate, report.examDate) };
  return report.items.map((item) => {
    const match = matchIndicator(index, item);
    return {
      item,
      code: match?.definition.code,
      interpretation: match === undefined ? undefined : interpretItem(match.definition, item, subject),
    };
  });
}

describe.each(SAMPLE_REPORT_FILES)('%s', (file) => {
  const report = readSampleReport(file);
  const evaluated = evaluate(report);

  it('maps every item to a dictionary indicator', () => {
    expect(evaluated.filter((entry) => entry.code === undefined).map((entry) => entry.item.name)).toEqual([]);
  });

  it('parses and converts every value', () => {
    const failures = evaluated.filter((entry) => entry.interpretation?.ok !== true);
    expect(failures.map((entry) => [entry.item.name, entry.interpretation])).toEqual([]);
  });

  it('computes the verdicts samples/README.md implies for numeric and ordinal items', () => {
    const disagreements = DELIBERATE_DISAGREEMENTS[file] ?? {};
    const mismatches: string[] = [];
    for (const { item, code, interpretation } of evaluated) {
      if (code === undefined || interpretation?.ok !== true || interpretation.value.kind === 'text') continue;
      const flagged = FLAG_VERDICT[item.flag ?? ''];
      if (flagged === undefined) throw new Error(`unknown flag ${item.flag}`);
      const expected =
        disagreements[code] ?? (interpretation.value.kind === 'ordinal' && flagged !== 'normal' ? 'abnormal' : flagged);
      if (interpretation.verdict !== expected)
        mismatches.push(`${code} ${item.value}: ${interpretation.verdict}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('judges the text conclusions by the normal phrases', () => {
    const verdicts = evaluated.flatMap(({ interpretation }) =>
      interpretation?.ok === true && interpretation.value.kind === 'text' ? [interpretation.verdict] : [],
    );
    expect(verdicts).toEqual(TEXT_VERDICTS[file]);
  });

  it('stores the listed disagreements by the dictionary, not the sender flag', () => {
    for (const [code, verdict] of Object.entries(DELIBERATE_DISAGREEMENTS[file] ?? {})) {
      const entry = evaluated.find((candidate) => candidate.code === code);
      expect(entry?.interpretation).toMatchObject({ ok: true, verdict });
    }
  });
});

describe('report 02 (mg/dL, g/dL, 10^3/uL; English names)', () => {
  const byCode = new Map(evaluate(readSampleReport('report-02-heyi-mgdl-2025-06-12.json')).map((entry) => [entry.code, entry]));
  const canonical = (code: string): number => {
    const interpretation = byCode.get(code)?.interpretation;
    if (interpretation?.ok !== true || interpretation.value.kind !== 'numeric') throw new Error(`${code} not numeric`);
    return Math.round(interpretation.value.value * 100) / 100;
  };

  it('converts to the canonical units with the dictionary factors', () => {
    expect(canonical('FPG')).toBe(5.77); // 104 mg/dL × 0.0555
    expect(canonical('TC')).toBe(5.72); // 221 mg/dL × 0.02586
    expect(canonical('HDL_C')).toBe(0.98); // 38 mg/dL × 0.02586
    expect(canonical('UA')).toBe(487.74); // 8.2 mg/dL × 59.48
    expect(canonical('UREA')).toBe(5); // BUN 14 mg/dL × 0.357
    expect(canonical('HGB')).toBe(161); // 16.1 g/dL × 10
    expect(canonical('WBC')).toBe(7.8); // 7.80 × 10^3/uL
    expect(canonical('HR')).toBe(82); // bpm
  });

  it('resolves urinalysis abbreviations under 尿液分析 to the urine indicators', () => {
    const urine = [...byCode.values()].filter((entry) => entry.item.category?.includes('尿')).map((entry) => entry.code);
    expect(urine).toEqual(['U_PRO', 'U_GLU', 'U_BLD', 'U_LEU', 'U_KET', 'U_NIT', 'U_BIL', 'U_URO', 'U_SG', 'U_PH']);
  });
});

describe('report 03 (bare urinalysis names under 尿液检查)', () => {
  const evaluated = evaluate(readSampleReport('report-03-anxin-2024-09-05.json'));
  const codeOf = (name: string): string | undefined => evaluated.find((entry) => entry.item.name === name)?.code;

  it('resolves the bare names to the urine indicators, not to blood glucose or WBC', () => {
    expect(codeOf('葡萄糖')).toBe('U_GLU');
    expect(codeOf('蛋白质')).toBe('U_PRO');
    expect(codeOf('隐血')).toBe('U_BLD');
    expect(codeOf('白细胞')).toBe('U_LEU');
    expect(codeOf('胆红素')).toBe('U_BIL');
    expect(codeOf('比重')).toBe('U_SG');
    expect(codeOf('酸碱度')).toBe('U_PH');
    expect(codeOf('红细胞(镜检)')).toBe('U_RBC');
    expect(codeOf('白细胞(镜检)')).toBe('U_WBC');
    expect(codeOf('WBC')).toBe('WBC');
    expect(codeOf('血糖(空腹)')).toBe('FPG');
  });

  it('reads 隐血 + as 1+ and 白细胞 弱阳性 as ±, both abnormal', () => {
    const find = (name: string) => evaluated.find((entry) => entry.item.name === name)?.interpretation;
    expect(find('隐血')).toMatchObject({ ok: true, value: { grade: '1+' }, verdict: 'abnormal' });
    expect(find('白细胞')).toMatchObject({ ok: true, value: { grade: '±' }, verdict: 'abnormal' });
  });
});

describe('report 04 (every item carries its code; 69-year-old man)', () => {
  const report = readSampleReport('report-04-rm2-coded-2025-05-20.json');

  it('resolves every name to the code the sender sent, without using the code', () => {
    const mismatches = report.items
      .map((item) => ({
        item,
        byName: matchIndicator(index, {
          name: item.name,
          ...(item.category ? { category: item.category } : {}),
          ...(item.unit ? { unit: item.unit } : {}),
        }),
      }))
      .filter(({ item, byName }) => byName?.definition.code !== item.code)
      .map(({ item, byName }) => `${item.name}: ${byName?.definition.code} ≠ ${item.code}`);
    expect(mismatches).toEqual([]);
  });

  it('judges creatinine 118 μmol/L by the 60–79 band (57–111): high; urea 7.6 normal', () => {
    const evaluated = evaluate(report);
    expect(ageAtExam(report.client.birthDate, report.examDate)).toBe(69);
    expect(evaluated.find((entry) => entry.code === 'CREA')?.interpretation).toMatchObject({ ok: true, verdict: 'high' });
    expect(evaluated.find((entry) => entry.code === 'UREA')?.interpretation).toMatchObject({ ok: true, verdict: 'normal' });
    expect(evaluated.find((entry) => entry.code === 'U_GLU')?.interpretation).toMatchObject({
      value: { grade: '2+' },
      verdict: 'abnormal',
    });
  });
});
