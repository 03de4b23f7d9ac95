import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  ageAtExam,
  numericVerdict,
  parseCsvRecords,
  parseIndicatorCsv,
  referenceIntervalFor,
  type IndicatorDefinition,
} from '@health/clinical';
import { readSharedFile } from '@health/clinical/testing';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const DICTIONARY = new Map(parseIndicatorCsv(readSharedFile('clinical/indicators.csv')).map((d) => [d.code, d]));
const definitionOf = (code: string): IndicatorDefinition => DICTIONARY.get(code)!;

/**
 * samples/README.md, "The five-year series (王志强)": canonical values per exam date, and the
 * hand-computed change, slope per year (2 decimals) and abnormal streak.
 */
const BIRTH_DATE = '1970-03-18';
const DATES = ['2021-06-01', '2022-06-15', '2023-06-20', '2024-07-02', '2025-07-08'];
const SERIES: readonly [string, readonly (number | null)[], number, number, number][] = [
  ['SBP', [128, 132, 136, 141, 146], 18, 4.39, 2],
  ['DBP', [82, 84, 86, 89, 93], 11, 2.63, 1],
  ['FPG', [5.6, 5.88, 6.3, 6.6, 7.1], 1.5, 0.36, 3],
  ['HBA1C', [null, 5.8, 6.0, 6.2, 6.5], 0.7, 0.22, 2],
  ['TC', [5.12, 5.35, 5.48, 5.61, 5.74], 0.62, 0.15, 4],
  ['TG', [1.85, 2.05, 2.21, 2.36, 2.52], 0.67, 0.16, 5],
  ['HDL_C', [1.08, 1.03, 1.01, 0.98, 0.95], -0.13, -0.03, 2],
  ['LDL_C', [3.21, 3.44, 3.52, 3.66, 3.79], 0.58, 0.13, 4],
  ['UA', [398, 410.41, 426, 437, 448], 50, 12.35, 3],
  ['BMI', [25.1, 25.6, 26.0, 26.3, 26.8], 1.7, 0.4, 5],
];
const CODES = SERIES.map(([code]) => code);

describe('observations and trends', () => {
  let t: TestApp;
  let admin: Session;
  let nurse: Session;
  let auditor: Session;
  let otherAdmin: Session;
  let client: string;
  let orgId: string;
  const reportOf = new Map(DATES.map((date) => [date, randomUUID()]));

  const trendsOf = (id: string, query: string) => `/api/v1/clients/${id}/trends?${query}`;

  /** Stores observations the way ingestion does: canonical value, dictionary verdict and the interval that applied. */
  async function insertNumeric(code: string, date: string, value: number, reportId: string | null, itemIndex: number) {
    const definition = definitionOf(code);
    const interval = referenceIntervalFor(definition, { sex: 'male', age: ageAtExam(BIRTH_DATE, date) });
    await sql(
      t,
      `INSERT INTO observation (org_id, client_id, indicator_code, measured_on, value_type, value_num, unit, verdict,
                                reference_low, reference_high, source, report_id, item_index)
       VALUES ($1, $2, $3, $4, 'numeric', $5, $6, $7, $8, $9, 'exam-report', $10, $11)`,
      [
        orgId,
        client,
        code,
        date,
        value,
        definition.unit,
        numericVerdict({ value }, interval),
        interval.low ?? null,
        interval.high ?? null,
        reportId,
        itemIndex,
      ],
    );
  }

  async function insertGraded(code: string, date: string, text: string, verdict: string, valueType: 'ordinal' | 'text') {
    await sql(
      t,
      `INSERT INTO observation (org_id, client_id, indicator_code, measured_on, value_type, value_text, verdict, reference_text,
                                source, report_id, item_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'exam-report', $9, 90)`,
      [orgId, client, code, date, valueType, text, verdict, definitionOf(code).refText, reportOf.get(date) ?? null],
    );
  }

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgId = admin.user.organisation.id;
    await createUser(t, admin, 'trends.nurse', ['nurse']);
    await createUser(t, admin, 'trends.auditor', ['auditor']);
    nurse = await login(t, 'trends.nurse', STAFF_PASSWORD);
    auditor = await login(t, 'trends.auditor', STAFF_PASSWORD);
    otherAdmin = await createOtherOrganisation(t, admin);
    const created = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(admin))
      .send({ name: '王志强', gender: 'male', birthDate: BIRTH_DATE })
      .expect(201);
    client = created.body.id;
    // The reports the observations come from (observation.report_id references them).
    for (const [date, reportId] of reportOf) {
      await sql(
        t,
        `INSERT INTO exam_report (id, org_id, client_id, source, external_id, exam_date, status, content_hash, item_count,
                                  unmapped_count, abnormal_count)
         VALUES ($1, $2, $3, 'trends-fixture', $4, $5, 'processed', repeat('0', 64), 0, 0, 0)`,
        [reportId, orgId, client, `WZQ-${date}`, date],
      );
    }

    // Inserted newest first so that the date order of the answers is the query's doing.
    for (const [index, [code, values]] of [...SERIES.entries()].reverse()) {
      for (let i = DATES.length - 1; i >= 0; i--) {
        const value = values[i];
        if (value !== null && value !== undefined) await insertNumeric(code, DATES[i]!, value, reportOf.get(DATES[i]!)!, index);
      }
    }
    // Heart rate from an older exam outside the five-year table and twice in 2025 (the first a home
    // measurement), and ordinal and text results for the table.
    await insertNumeric('HR', '2019-05-20', 72, null, 20);
    await insertNumeric('HR', '2025-03-02', 70, null, 20);
    await insertNumeric('HR', '2025-07-08', 76, reportOf.get('2025-07-08')!, 20);
    await insertGraded('U_PRO', '2024-07-02', '阴性', 'normal', 'ordinal');
    await insertGraded('U_PRO', '2025-07-08', '1+', 'abnormal', 'ordinal');
    await insertGraded('ECG_CONCL', '2024-07-02', definitionOf('ECG_CONCL').refText.split('|')[0]!, 'normal', 'text');
    await insertGraded('ECG_CONCL', '2025-07-08', '窦性心动过缓', 'abnormal', 'text');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /clients/{id}/trends', () => {
    it("reproduces the hand-computed statistics of 王志强's five-year series", async () => {
      const res = await request(t.http)
        .get(trendsOf(client, `codes=${CODES.join(',')}&from=2021-01-01&to=2025-12-31`))
        .set(bearer(nurse))
        .expect(200);
      expect(res.body.series.map((s: { code: string }) => s.code)).toEqual(CODES);
      for (const [code, values, change, slope, streak] of SERIES) {
        const series = res.body.series.find((s: { code: string }) => s.code === code);
        const measured = values.filter((value): value is number => value !== null);
        expect({ code, values: series.points.map((p: { value: number }) => p.value) }).toEqual({ code, values: measured });
        expect({ code, change: series.stats.change, slope: Number(series.stats.slopePerYear.toFixed(2)) }).toEqual({
          code,
          change,
          slope,
        });
        expect({ code, streak: series.stats.abnormalStreak, direction: series.stats.direction }).toEqual({
          code,
          streak,
          direction: 'worsening',
        });
      }
    });

    it('answers the shape of API.md with points in date order, the male interval and report ids', async () => {
      const res = await request(t.http).get(trendsOf(client, 'codes=SBP&from=2021-01-01')).set(bearer(admin)).expect(200);
      expect(res.body).toEqual({
        series: [
          {
            code: 'SBP',
            name: '收缩压',
            nameEn: 'Systolic blood pressure',
            unit: 'mmHg',
            decimals: 0,
            reference: { low: 90, high: 139 },
            points: [
              { date: '2021-06-01', value: 128, comparator: null, abnormal: 'normal', reportId: reportOf.get('2021-06-01') },
              { date: '2022-06-15', value: 132, comparator: null, abnormal: 'normal', reportId: reportOf.get('2022-06-15') },
              { date: '2023-06-20', value: 136, comparator: null, abnormal: 'normal', reportId: reportOf.get('2023-06-20') },
              { date: '2024-07-02', value: 141, comparator: null, abnormal: 'high', reportId: reportOf.get('2024-07-02') },
              { date: '2025-07-08', value: 146, comparator: null, abnormal: 'high', reportId: reportOf.get('2025-07-08') },
            ],
            stats: {
              first: 128,
              last: 146,
              min: 128,
              max: 146,
              change: 18,
              slopePerYear: 4.3898,
              direction: 'worsening',
              abnormalStreak: 2,
            },
          },
        ],
      });
      const audit = await sql(
        t,
        `SELECT target_type FROM audit_event WHERE action = 'observations.trends_read' AND target_id = $1`,
        [client],
      );
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('limits points to from/to, and answers an empty series without stats', async () => {
      const res = await request(t.http)
        .get(trendsOf(client, 'codes=SBP,WEIGHT&from=2023-01-01&to=2024-12-31'))
        .set(bearer(admin))
        .expect(200);
      expect(res.body.series[0].points.map((p: { date: string }) => p.date)).toEqual(['2023-06-20', '2024-07-02']);
      expect(res.body.series[0].stats).toMatchObject({ first: 136, last: 141, change: 5, abnormalStreak: 1 });
      expect(res.body.series[1]).toMatchObject({
        code: 'WEIGHT',
        unit: 'kg',
        reference: { low: null, high: null },
        points: [],
        stats: null,
      });
    });

    it.each([
      [
        'an unknown code, named',
        'codes=SBP,NOPE,XYZ',
        'UNKNOWN_INDICATOR',
        [
          { field: 'codes', code: 'unknownIndicator', message: 'NOPE' },
          { field: 'codes', code: 'unknownIndicator', message: 'XYZ' },
        ],
      ],
      ['an ordinal code', 'codes=SBP,U_PRO', 'INDICATOR_NOT_NUMERIC', [{ field: 'codes', code: 'notNumeric', message: 'U_PRO' }]],
      [
        'from after to',
        'codes=SBP&from=2025-01-01&to=2024-01-01',
        'VALIDATION_FAILED',
        [expect.objectContaining({ field: 'from', code: 'afterTo' })],
      ],
      ['no codes', '', 'VALIDATION_FAILED', expect.arrayContaining([expect.objectContaining({ field: 'codes' })])],
      [
        '13 codes',
        `codes=${[...CODES, 'WEIGHT', 'HEIGHT', 'WAIST'].join(',')}`,
        'VALIDATION_FAILED',
        [expect.objectContaining({ field: 'codes', code: 'arrayMaxSize' })],
      ],
      ['a lower-case code', 'codes=sbp', 'VALIDATION_FAILED', [expect.objectContaining({ field: 'codes', code: 'matches' })]],
      ['an impossible date', 'codes=SBP&from=2025-02-30', 'VALIDATION_FAILED', [expect.objectContaining({ field: 'from' })]],
      [
        'an unknown parameter',
        'codes=SBP&sort=date',
        'VALIDATION_FAILED',
        [expect.objectContaining({ field: 'sort', code: 'unknownField' })],
      ],
    ])('refuses %s with 400', async (_label, query, code, details) => {
      const res = await request(t.http).get(trendsOf(client, query)).set(bearer(admin)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code });
      expect(res.body.details).toEqual(details);
    });

    it("answers 404 for another organisation's client or an unknown id, 403 without reports:read", async () => {
      const foreign = await request(t.http).get(trendsOf(client, 'codes=SBP')).set(bearer(otherAdmin)).expect(404);
      expect(foreign.body.code).toBe('CLIENT_NOT_FOUND');
      // The client check comes first, whatever else is wrong with the request.
      const foreignAndUnknown = await request(t.http).get(trendsOf(client, 'codes=SBP,NOPE')).set(bearer(otherAdmin)).expect(404);
      expect(foreignAndUnknown.body.code).toBe('CLIENT_NOT_FOUND');
      await request(t.http).get(trendsOf(randomUUID(), 'codes=SBP')).set(bearer(admin)).expect(404);
      await request(t.http).get(trendsOf(client, 'codes=SBP')).set(bearer(auditor)).expect(403);
      await request(t.http).get(trendsOf(client, 'codes=SBP')).expect(401);
    });
  });

  describe('after real ingestion of the five reports (samples/reports-bulk-20.csv)', () => {
    /** 王志强's rows of the bulk CSV as POST /exam-reports bodies, one per report. */
    function wangReports(): object[] {
      const [header, ...records] = parseCsvRecords(readSharedFile('samples/reports-bulk-20.csv'));
      const reports = new Map<string, { items: object[] } & Record<string, unknown>>();
      for (const { fields } of records) {
        const get = (column: string): string => fields[header!.fields.indexOf(column)] ?? '';
        if (get('clientName') !== '王志强') continue;
        const key = `${get('source')} ${get('externalId')}`;
        let report = reports.get(key);
        if (report === undefined) {
          report = {
            source: get('source'),
            externalId: get('externalId'),
            examDate: get('examDate'),
            institution: get('institution'),
            client: {
              name: get('clientName'),
              gender: get('gender'),
              birthDate: get('birthDate'),
              idNumber: get('idNumber'),
              phone: get('phone'),
            },
            items: [],
          };
          reports.set(key, report);
        }
        const optional = (name: string, value: string) => (value === '' ? {} : { [name]: value });
        report.items.push({
          name: get('itemName'),
          value: get('value'),
          ...optional('unit', get('unit')),
          ...optional('referenceRange', get('referenceRange')),
          ...optional('flag', get('flag')),
          ...optional('category', get('category')),
        });
      }
      return [...reports.values()];
    }

    it('gives the hand-computed statistics, with the 2022 mg/dL values converted', async () => {
      const reports = wangReports();
      expect(reports).toHaveLength(5);
      let ingestedClient: string | undefined;
      for (const report of reports) {
        const res = await request(t.http).post('/api/v1/exam-reports').set(bearer(admin)).send(report).expect(201);
        ingestedClient ??= res.body.clientId;
        expect(res.body.clientId).toBe(ingestedClient);
      }
      const res = await request(t.http)
        .get(trendsOf(ingestedClient!, `codes=${CODES.join(',')}`))
        .set(bearer(admin))
        .expect(200);
      for (const [code, values, change, slope, streak] of SERIES) {
        const series = res.body.series.find((s: { code: string }) => s.code === code);
        const measured = values.filter((value): value is number => value !== null);
        expect({ code, values: series.points.map((p: { value: number }) => Math.round(p.value * 100) / 100) }).toEqual({
          code,
          values: measured,
        });
        expect({
          code,
          change: Math.round(series.stats.change * 100) / 100,
          slope: Number(series.stats.slopePerYear.toFixed(2)),
          streak: series.stats.abnormalStreak,
          direction: series.stats.direction,
        }).toEqual({ code, change, slope, streak, direction: 'worsening' });
      }
    });

    it('gives an older client the age band of creatinine as the reference of the series and the table', async () => {
      const report = {
        source: 'trends-age-band',
        externalId: 'AB-1',
        examDate: '2025-05-20',
        client: { name: '赵老先生', gender: 'male', birthDate: '1950-01-01', phone: '13800139999' },
        items: [{ code: 'CREA', name: '肌酐', value: '105', unit: 'μmol/L' }],
      };
      const ingested = await request(t.http).post('/api/v1/exam-reports').set(bearer(admin)).send(report).expect(201);
      // 105 μmol/L is high by the 20–59 columns (57–97) but normal in the 60–79 band (57–111).
      expect(ingested.body.items[0]).toMatchObject({ code: 'CREA', abnormal: 'normal' });
      const trend = await request(t.http).get(trendsOf(ingested.body.clientId, 'codes=CREA')).set(bearer(admin)).expect(200);
      expect(trend.body.series[0].reference).toEqual({ low: 57, high: 111 });
      const table = await request(t.http)
        .get(`/api/v1/clients/${ingested.body.clientId}/trends/table?codes=CREA`)
        .set(bearer(admin))
        .expect(200);
      expect(table.body.rows[0].reference).toEqual({ low: 57, high: 111 });
    });
  });

  describe('GET /clients/{id}/observations', () => {
    const listOf = (id: string, query: string) => `/api/v1/clients/${id}/observations?${query}`;

    it('pages through every value type, newest first, with the reference that applied', async () => {
      const all = await request(t.http).get(listOf(client, 'pageSize=100')).set(bearer(nurse)).expect(200);
      const total = SERIES.reduce((n, [, values]) => n + values.filter((v) => v !== null).length, 0) + 3 + 4;
      expect(all.body).toMatchObject({ total, page: 1, pageSize: 100 });
      const dates = all.body.items.map((item: { date: string }) => item.date);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(
        all.body.items.find((item: { code: string; date: string }) => item.code === 'U_PRO' && item.date === '2025-07-08'),
      ).toMatchObject({
        name: '尿蛋白',
        valueType: 'ordinal',
        value: null,
        text: '1+',
        abnormal: 'abnormal',
        reference: { low: null, high: null, text: definitionOf('U_PRO').refText },
      });
      expect(
        all.body.items.find((item: { code: string; date: string }) => item.code === 'UA' && item.date === '2023-06-20'),
      ).toMatchObject({
        value: 426,
        unit: 'μmol/L',
        abnormal: 'high',
        reference: { low: null, high: 420, text: null },
        source: 'exam-report',
        reportId: reportOf.get('2023-06-20'),
      });

      const second = await request(t.http).get(listOf(client, 'pageSize=7&page=2')).set(bearer(nurse)).expect(200);
      expect(second.body).toMatchObject({ total, page: 2, pageSize: 7 });
      expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(
        all.body.items.slice(7, 14).map((item: { id: string }) => item.id),
      );
      const audit = await sql(t, `SELECT 1 FROM audit_event WHERE action = 'observations.read' AND target_id = $1`, [client]);
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('filters by codes and dates', async () => {
      const res = await request(t.http)
        .get(listOf(client, 'codes=SBP,HR&from=2024-01-01&to=2025-06-30'))
        .set(bearer(admin))
        .expect(200);
      expect(res.body.items.map((item: { code: string; date: string }) => `${item.date} ${item.code}`)).toEqual([
        '2025-03-02 HR',
        '2024-07-02 SBP',
      ]);
    });

    it('validates like the trends and answers 404 across organisations', async () => {
      expect((await request(t.http).get(listOf(client, 'codes=FOO')).set(bearer(admin)).expect(400)).body.code).toBe(
        'UNKNOWN_INDICATOR',
      );
      await request(t.http).get(listOf(client, 'from=2025-01-02&to=2025-01-01')).set(bearer(admin)).expect(400);
      await request(t.http).get(listOf(client, 'pageSize=101')).set(bearer(admin)).expect(400);
      await request(t.http).get(listOf(client, '')).set(bearer(otherAdmin)).expect(404);
      await request(t.http).get(listOf(client, '')).set(bearer(auditor)).expect(403);
    });
  });

  describe('GET /clients/{id}/trends/table', () => {
    const tableOf = (id: string, query: string) => `/api/v1/clients/${id}/trends/table?${query}`;

    it('has one column per exam year of the last five, arrows and abnormal marks, rows in the order asked', async () => {
      const res = await request(t.http)
        .get(tableOf(client, 'years=5&codes=SBP,HBA1C,HR,U_PRO,ECG_CONCL'))
        .set(bearer(nurse))
        .expect(200);
      expect(res.body.years).toEqual([2021, 2022, 2023, 2024, 2025]);
      expect(res.body.rows.map((row: { code: string }) => row.code)).toEqual(['SBP', 'HBA1C', 'HR', 'U_PRO', 'ECG_CONCL']);
      const [sbp, hba1c, hr, uPro, ecg] = res.body.rows;
      expect(sbp).toMatchObject({
        name: '收缩压',
        unit: 'mmHg',
        decimals: 0,
        valueType: 'numeric',
        reference: { low: 90, high: 139 },
      });
      type Cell = { value: number; text: string; arrow: string | null; abnormal: boolean; count: number; date: string } | null;
      expect(sbp.cells.map((c: Cell) => c && [c.value, c.arrow, c.abnormal])).toEqual([
        [128, null, false],
        [132, '↑', false],
        [136, '↑', false],
        [141, '↑', true],
        [146, '↑', true],
      ]);
      expect(sbp.cells[4]).toMatchObject({ date: '2025-07-08', count: 1, verdict: 'high' });
      // Two readings in 2025: the table shows the latest; nothing to compare with in an empty 2024.
      expect(hr.cells).toEqual([
        null,
        null,
        null,
        null,
        expect.objectContaining({ date: '2025-07-08', value: 76, count: 2, arrow: null }),
      ]);
      expect(hba1c.cells.map((c: Cell) => c && [c.value, c.arrow])).toEqual([
        null,
        [5.8, null],
        [6, '↑'],
        [6.2, '↑'],
        [6.5, '↑'],
      ]);
      expect(uPro.cells.map((c: Cell) => c && [c.text, c.arrow, c.abnormal])).toEqual([
        null,
        null,
        null,
        ['阴性', null, false],
        ['1+', '↑', true],
      ]);
      expect(ecg.cells[4]).toMatchObject({ text: '窦性心动过缓', arrow: null, abnormal: true });
      const audit = await sql(t, `SELECT 1 FROM audit_event WHERE action = 'observations.table_read' AND target_id = $1`, [
        client,
      ]);
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('without codes lists every measured indicator by code; fewer years drop the oldest', async () => {
      const res = await request(t.http).get(tableOf(client, 'years=2')).set(bearer(admin)).expect(200);
      expect(res.body.years).toEqual([2024, 2025]);
      expect(res.body.rows.map((row: { code: string }) => row.code)).toEqual([...CODES, 'HR', 'U_PRO', 'ECG_CONCL'].sort());

      const all = await request(t.http).get(tableOf(client, '')).set(bearer(admin)).expect(200);
      expect(all.body.years).toEqual([2021, 2022, 2023, 2024, 2025]);
      const wide = await request(t.http).get(tableOf(client, 'years=20&codes=SBP,HR')).set(bearer(admin)).expect(200);
      expect(wide.body.years).toEqual([2019, 2021, 2022, 2023, 2024, 2025]);
    });

    it('validates and answers 404 across organisations', async () => {
      await request(t.http).get(tableOf(client, 'years=0')).set(bearer(admin)).expect(400);
      await request(t.http).get(tableOf(client, 'years=21')).set(bearer(admin)).expect(400);
      expect((await request(t.http).get(tableOf(client, 'codes=SBP,NOPE')).set(bearer(admin)).expect(400)).body.details).toEqual([
        { field: 'codes', code: 'unknownIndicator', message: 'NOPE' },
      ]);
      await request(t.http).get(tableOf(client, '')).set(bearer(otherAdmin)).expect(404);
      await request(t.http).get(tableOf(client, '')).set(bearer(auditor)).expect(403);
    });
  });
});
