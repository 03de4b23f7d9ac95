import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { seededRandom } from '@health/cards';
import { parseCsvRecords } from '@health/clinical';
import { Actor } from '@health/core';
import { IngestExamReportDto } from '../exam-reports/dto/exam-report.dto';
import { ExamReportsService } from '../exam-reports/exam-reports.service';

/**
 * The shared sample reports (`samples/` of the project's shared folder), committed next to this
 * file: four JSON reports and the bulk CSV. The build copies them beside the compiled code.
 */
export const SAMPLE_REPORTS_DIR = join(__dirname, 'sample-reports');

export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

/** Demo clients that get a yearly report for each of DEMO_YEARS. */
const CLIENTS_WITH_YEARLY_REPORTS = 40;

export interface ExamReportsDemoResult {
  /** Sample reports sent (a replay of one already stored counts too: it changes nothing). */
  samples: number;
  generated: number;
}

type ItemInput = { name: string; code?: string; value: string; unit?: string; category?: string };

/**
 * Exam reports for the demo organisation, all through the real ingestion path (matching, unit
 * conversion, verdicts, observations, events): the shared samples, whose people become clients, and
 * five yearly reports for some of the demo clients, so that trends and the year-over-year table show
 * something real. Replays of an already stored report change nothing, so running it twice is safe.
 */
@Injectable()
export class ExamReportsDemoSeeder {
  constructor(private readonly reports: ExamReportsService) {}

  async seed(actor: Actor, clients: { id: string; gender: 'male' | 'female' }[]): Promise<ExamReportsDemoResult> {
    const samples = sampleReports();
    for (const report of samples) await this.reports.ingest(actor, report, undefined);
    let generated = 0;
    const random = seededRandom(2021);
    for (const [index, client] of clients.slice(0, CLIENTS_WITH_YEARLY_REPORTS).entries()) {
      for (const report of yearlyReports(random, index, client)) {
        await this.reports.ingest(actor, report, undefined);
        generated += 1;
      }
    }
    return { samples: samples.length, generated };
  }
}

/** The JSON sample reports, then the CSV's reports grouped by (source, externalId) in file order. */
export function sampleReports(): IngestExamReportDto[] {
  const files = readdirSync(SAMPLE_REPORTS_DIR).sort();
  const json = files
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(SAMPLE_REPORTS_DIR, file), 'utf8')) as IngestExamReportDto);
  const csv = files
    .filter((file) => file.endsWith('.csv'))
    .flatMap((file) => csvReports(readFileSync(join(SAMPLE_REPORTS_DIR, file), 'utf8')));
  // The CSV holds the earlier years (陈伟 2024 before his 2025 JSON report): send it first.
  return [...csv, ...json].map((report) => Object.assign(new IngestExamReportDto(), report));
}

function csvReports(text: string): IngestExamReportDto[] {
  const [header, ...rows] = parseCsvRecords(text);
  const column = (name: string) => header.fields.indexOf(name);
  const at = (fields: readonly string[], name: string) => fields[column(name)] ?? '';
  const reports = new Map<string, IngestExamReportDto & { items: ItemInput[] }>();
  for (const { fields } of rows) {
    const key = `${at(fields, 'source')}\u0000${at(fields, 'externalId')}`;
    let report = reports.get(key);
    if (!report) {
      report = Object.assign(new IngestExamReportDto(), {
        source: at(fields, 'source'),
        externalId: at(fields, 'externalId'),
        examDate: at(fields, 'examDate'),
        institution: at(fields, 'institution'),
        client: {
          name: at(fields, 'clientName'),
          gender: at(fields, 'gender') as 'male' | 'female',
          birthDate: at(fields, 'birthDate'),
          idNumber: at(fields, 'idNumber'),
          phone: at(fields, 'phone'),
        },
        items: [] as ItemInput[],
        conclusions: at(fields, 'conclusions') ? at(fields, 'conclusions').split('|') : [],
      });
      reports.set(key, report);
    }
    const optional = (name: string) => (at(fields, name) ? { [name === 'itemCode' ? 'code' : name]: at(fields, name) } : {});
    report.items.push({
      name: at(fields, 'itemName'),
      value: at(fields, 'value'),
      ...optional('unit'),
      ...optional('referenceRange'),
      ...optional('flag'),
      ...optional('category'),
      ...optional('itemCode'),
    });
  }
  return [...reports.values()];
}

/**
 * Five yearly check-ups of one demo client. About a third drift the way untreated metabolic risk
 * does (weight, blood pressure, glucose, lipids and uric acid creeping up); the rest vary a little
 * around where they started. Values are fictional demo data, not clinical rules.
 */
function yearlyReports(
  random: () => number,
  index: number,
  client: { id: string; gender: 'male' | 'female' },
): IngestExamReportDto[] {
  const male = client.gender === 'male';
  const drifting = random() < 0.35;
  const noise = (spread: number) => (random() * 2 - 1) * spread;
  const height = male ? 166 + random() * 14 : 155 + random() * 12;
  const start = {
    weight: ((male ? 21 : 20) + random() * 6) * (height / 100) ** 2,
    waist: male ? 78 + random() * 12 : 70 + random() * 10,
    sbp: 112 + random() * 22,
    dbp: 70 + random() * 14,
    hr: 62 + random() * 20,
    fpg: 4.6 + random() * 1.2,
    hba1c: 4.8 + random() * 0.9,
    tc: 4.0 + random() * 1.4,
    tg: 0.8 + random() * 1.0,
    hdl: male ? 1.0 + random() * 0.4 : 1.2 + random() * 0.5,
    ldl: 2.2 + random() * 1.2,
    ua: male ? 300 + random() * 110 : 220 + random() * 100,
    alt: 12 + random() * 25,
    ast: 14 + random() * 16,
    crea: male ? 65 + random() * 25 : 48 + random() * 20,
    hgb: male ? 138 + random() * 22 : 118 + random() * 20,
    wbc: 4.2 + random() * 3.5,
    plt: 160 + random() * 140,
  };
  const yearly = drifting
    ? {
        weight: 1.2,
        waist: 1.5,
        sbp: 4,
        dbp: 2.5,
        fpg: 0.3,
        hba1c: 0.18,
        tc: 0.15,
        tg: 0.2,
        hdl: -0.03,
        ldl: 0.13,
        ua: 12,
        alt: 3,
      }
    : {};
  const month = 3 + (index % 8);
  const day = 3 + ((index * 7) % 24);
  return DEMO_YEARS.map((year, n) => {
    const at = (name: keyof typeof start, decimals: number, spread: number) =>
      (start[name] + n * ((yearly as Partial<Record<keyof typeof start, number>>)[name] ?? 0) + noise(spread)).toFixed(decimals);
    const weight = Number(at('weight', 1, 0.8));
    const fattyLiver = drifting && n >= 2;
    const items: ItemInput[] = [
      { code: 'HEIGHT', name: '身高', value: height.toFixed(1), unit: 'cm', category: '一般检查' },
      { code: 'WEIGHT', name: '体重', value: weight.toFixed(1), unit: 'kg', category: '一般检查' },
      { code: 'BMI', name: '体重指数', value: (weight / (height / 100) ** 2).toFixed(1), unit: 'kg/m2', category: '一般检查' },
      { code: 'WAIST', name: '腰围', value: at('waist', 0, 1.5), unit: 'cm', category: '一般检查' },
      { code: 'SBP', name: '收缩压', value: at('sbp', 0, 4), unit: 'mmHg', category: '一般检查' },
      { code: 'DBP', name: '舒张压', value: at('dbp', 0, 3), unit: 'mmHg', category: '一般检查' },
      { code: 'HR', name: '心率', value: at('hr', 0, 5), unit: '次/分', category: '一般检查' },
      { code: 'WBC', name: '白细胞计数', value: at('wbc', 2, 0.5), unit: '10^9/L', category: '血常规' },
      { code: 'HGB', name: '血红蛋白', value: at('hgb', 0, 4), unit: 'g/L', category: '血常规' },
      { code: 'PLT', name: '血小板计数', value: at('plt', 0, 15), unit: '10^9/L', category: '血常规' },
      { code: 'ALT', name: '丙氨酸氨基转移酶', value: at('alt', 0, 4), unit: 'U/L', category: '肝功能' },
      { code: 'AST', name: '天门冬氨酸氨基转移酶', value: at('ast', 0, 3), unit: 'U/L', category: '肝功能' },
      { code: 'CREA', name: '肌酐', value: at('crea', 0, 5), unit: 'μmol/L', category: '肾功能' },
      { code: 'UA', name: '尿酸', value: at('ua', 0, 15), unit: 'μmol/L', category: '肾功能' },
      { code: 'FPG', name: '空腹血糖', value: at('fpg', 2, 0.2), unit: 'mmol/L', category: '血糖' },
      { code: 'HBA1C', name: '糖化血红蛋白', value: at('hba1c', 1, 0.1), unit: '%', category: '血糖' },
      { code: 'TC', name: '总胆固醇', value: at('tc', 2, 0.15), unit: 'mmol/L', category: '血脂' },
      { code: 'TG', name: '甘油三酯', value: at('tg', 2, 0.15), unit: 'mmol/L', category: '血脂' },
      { code: 'HDL_C', name: '高密度脂蛋白胆固醇', value: at('hdl', 2, 0.05), unit: 'mmol/L', category: '血脂' },
      { code: 'LDL_C', name: '低密度脂蛋白胆固醇', value: at('ldl', 2, 0.12), unit: 'mmol/L', category: '血脂' },
      { code: 'U_PRO', name: '尿蛋白', value: '阴性', category: '尿常规' },
      { code: 'U_GLU', name: '尿糖', value: drifting && n === 4 && random() < 0.3 ? '+' : '阴性', category: '尿常规' },
      { code: 'ECG_CONCL', name: '心电图', value: '窦性心律，正常心电图', category: '心电图' },
      {
        code: 'US_ABD_CONCL',
        name: '腹部超声',
        value: fattyLiver ? '脂肪肝（轻度）' : '未见明显异常',
        category: '超声',
      },
    ];
    return Object.assign(new IngestExamReportDto(), {
      source: 'demo-annual-checkup',
      externalId: `DEMO-${String(index + 1).padStart(3, '0')}-${year}`,
      examDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      institution: '康宁健康体检中心',
      clientId: client.id,
      items,
      conclusions: fattyLiver ? ['脂肪肝（轻度），建议控制体重、低脂饮食'] : [],
    });
  });
}
