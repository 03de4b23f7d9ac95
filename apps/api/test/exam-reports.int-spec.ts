import { readFileSync } from 'node:fs';
import request from 'supertest';
import { IdempotencyProcessor, JobHandlers } from '@health/core';
import { ReprocessMappingJob } from '@health/archives';
import { sharedFilePath } from '@health/clinical/testing';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

interface SampleItem {
  name: string;
  value: string;
  unit?: string;
  referenceRange?: string;
  flag?: string;
  category?: string;
  code?: string;
}
interface SampleReport {
  source: string;
  externalId: string;
  examDate: string;
  client: { name: string; gender: 'male' | 'female'; birthDate: string; idNumber: string; phone: string };
  items: SampleItem[];
  conclusions: string[];
}

const SAMPLES = [
  'report-01-ruikang-2025-04-16.json',
  'report-02-heyi-mgdl-2025-06-12.json',
  'report-03-anxin-2024-09-05.json',
  'report-04-rm2-coded-2025-05-20.json',
] as const;

const sample = (file: string): SampleReport =>
  JSON.parse(readFileSync(sharedFilePath(`samples/${file}`), 'utf8')) as SampleReport;

/**
 * samples/README.md states the expectations: every item maps; a numeric or ordinal item's verdict
 * is what its sender flag says (ordinal flags mean `abnormal`) except for the listed deliberate
 * disagreements; text conclusions are normal only when they equal a normal phrase.
 */
const FLAG_VERDICT: Record<string, string> = { '↑': 'high', H: 'high', '↓': 'low', L: 'low', '': 'normal' };
const DISAGREEMENTS: Record<string, Record<string, string>> = {
  'report-02-heyi-mgdl-2025-06-12.json': { SBP: 'normal', DBP: 'normal', FPG: 'normal', HBA1C: 'normal', WAIST: 'high' },
  'report-03-anxin-2024-09-05.json': { RDW_CV: 'normal' },
  'report-04-rm2-coded-2025-05-20.json': { FPSA_RATIO: 'normal' },
};
const TEXT_VERDICTS: Record<string, string[]> = {
  'report-01-ruikang-2025-04-16.json': ['normal', 'abnormal', 'abnormal', 'abnormal', 'normal'],
  'report-02-heyi-mgdl-2025-06-12.json': ['normal', 'abnormal', 'normal'],
  'report-03-anxin-2024-09-05.json': ['normal', 'abnormal'],
  'report-04-rm2-coded-2025-05-20.json': ['abnormal', 'abnormal', 'abnormal', 'abnormal'],
};

/** One valid small report for the edge cases. */
function smallReport(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    source: 'test-lis',
    externalId,
    examDate: '2025-06-18',
    client: { name: '张三', gender: 'male', birthDate: '1978-04-02', idNumber: '110101197804020015', phone: '13800138000' },
    items: [
      { name: '空腹血糖', value: '6.8', unit: 'mmol/L', referenceRange: '3.9-6.1', flag: '↑', category: '生化' },
      { name: '总胆固醇', value: '232', unit: 'mg/dL' },
      { name: '尿蛋白', value: '+', referenceRange: '阴性' },
      { name: '腹部B超', value: '脂肪肝（轻度）' },
    ],
    conclusions: ['空腹血糖偏高', '轻度脂肪肝'],
    ...overrides,
  };
}

describe('exam report ingestion', () => {
  let t: TestApp;
  let admin: Session;
  let otherAdmin: Session;
  let lisKey: string;
  let readOnlyKey: string;

  const ingest = (body: object, headers: Record<string, string> = { 'X-API-Key': lisKey }) =>
    request(t.http).post('/api/v1/exam-reports').set(headers).send(body);

  async function tableCounts(): Promise<Record<string, number>> {
    const tables = ['exam_report', 'exam_report_item', 'observation', 'client', 'outbox', 'idempotency_key', 'indicator_mapping'];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await sql<{ n: string }>(t, `SELECT count(*) AS n FROM ${table}`))[0].n);
    return counts;
  }

  async function createKey(scopes: string[]): Promise<string> {
    const res = await request(t.http)
      .post('/api/v1/api-keys')
      .set(bearer(admin))
      .send({ name: `key ${scopes.join(' ')}`, scopes })
      .expect(201);
    return res.body.key as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    otherAdmin = await createOtherOrganisation(t, admin);
    lisKey = await createKey(['reports:write']);
    readOnlyKey = await createKey(['clients:read']);
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(SAMPLES)('sample %s', (file) => {
    const report = sample(file);
    let body: {
      id: string;
      clientId: string;
      status: string;
      items: { index: number; code: string; value: string; unit: string; abnormal: string }[];
      unmapped: string[];
    };

    beforeAll(async () => {
      const res = await ingest(report);
      if (res.status !== 201) throw new Error(`${file}: ${res.status} ${JSON.stringify(res.body)}`);
      body = res.body;
    });

    it('maps every item, creates the client and stores one observation per item', async () => {
      expect(body.status).toBe('processed');
      expect(body.unmapped).toEqual([]);
      expect(body.items).toHaveLength(report.items.length);
      const [observations] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM observation WHERE report_id = $1`, [body.id]);
      expect(Number(observations.n)).toBe(report.items.length);
      const [client] = await sql<{ name: string; gender: string }>(t, `SELECT name, gender FROM client WHERE id = $1`, [
        body.clientId,
      ]);
      expect(client).toEqual({ name: report.client.name, gender: report.client.gender });
    });

    it('judges by the dictionary, keeping the sender’s flag only for display', async () => {
      const types = new Map(
        (
          await sql<{ item_index: number; value_type: string }>(
            t,
            `SELECT item_index, value_type FROM observation WHERE report_id = $1`,
            [body.id],
          )
        ).map((row) => [row.item_index, row.value_type]),
      );
      const disagreements = DISAGREEMENTS[file] ?? {};
      const textVerdicts: string[] = [];
      const mismatches: string[] = [];
      report.items.forEach((item, index) => {
        const stored = body.items.find((candidate) => candidate.index === index);
        if (stored === undefined) throw new Error(`item ${index} missing`);
        if (item.code !== undefined && stored.code !== item.code) mismatches.push(`${item.name}: ${stored.code} ≠ ${item.code}`);
        if (types.get(index) === 'text') {
          textVerdicts.push(stored.abnormal);
          return;
        }
        const flagged = FLAG_VERDICT[item.flag ?? ''];
        const expected =
          disagreements[stored.code] ?? (types.get(index) === 'ordinal' && flagged !== 'normal' ? 'abnormal' : flagged);
        if (stored.abnormal !== expected)
          mismatches.push(`${stored.code} ${item.value}: ${stored.abnormal}, expected ${expected}`);
      });
      expect(mismatches).toEqual([]);
      expect(textVerdicts).toEqual(TEXT_VERDICTS[file]);
    });

    it('announces the report with its abnormal codes in the same transaction', async () => {
      const events = await sql<{ payload: { reportId: string; clientId: string; abnormalCodes: string[] } }>(
        t,
        `SELECT payload FROM outbox WHERE type = 'report.ingested' AND aggregate_id = $1`,
        [body.id],
      );
      const abnormal = [...new Set(body.items.filter((item) => item.abnormal !== 'normal').map((item) => item.code))].sort();
      expect(events).toEqual([{ payload: { reportId: body.id, clientId: body.clientId, abnormalCodes: abnormal } }]);
      const audit = await sql(t, `SELECT outcome FROM audit_event WHERE action = 'ingestExamReport' AND target_id = $1`, [
        body.id,
      ]);
      expect(audit).toEqual([{ outcome: 'success' }]);
    });
  });

  it('converts mg/dL and g/dL to the canonical units (report 02) and keeps what the sender printed', async () => {
    const [report] = await sql<{ id: string }>(t, `SELECT id FROM exam_report WHERE source = 'heyi-intl'`);
    const rows = await sql<{ indicator_code: string; value_num: number; unit: string; verdict: string }>(
      t,
      `SELECT indicator_code, value_num, unit, verdict FROM observation WHERE report_id = $1 AND indicator_code IN ('FPG', 'TC', 'HGB', 'UA')`,
      [report.id],
    );
    const byCode = Object.fromEntries(rows.map((row) => [row.indicator_code, row]));
    expect(byCode['FPG']).toMatchObject({ unit: 'mmol/L', verdict: 'normal' });
    expect(byCode['FPG'].value_num).toBeCloseTo(104 * 0.0555, 6);
    expect(byCode['TC'].value_num).toBeCloseTo(221 * 0.02586, 6);
    expect(byCode['HGB']).toMatchObject({ unit: 'g/L', value_num: 161 });
    expect(byCode['UA'].value_num).toBeCloseTo(8.2 * 59.48, 6);

    const detail = await request(t.http).get(`/api/v1/exam-reports/${report.id}`).set(bearer(admin)).expect(200);
    const fpg = detail.body.groups
      .flatMap((g: { items: { code: string }[] }) => g.items)
      .find((i: { code: string }) => i.code === 'FPG');
    expect(fpg).toMatchObject({
      value: '5.772',
      unit: 'mmol/L',
      verdict: 'normal',
      reference: { low: 3.9, high: 6.09, text: null },
      sender: { value: '104', unit: 'mg/dL', flag: 'H' },
    });
  });

  it('answers a replay of the same report with 200 and the stored report, and 409 for other content', async () => {
    const report = sample(SAMPLES[0]);
    const before = await tableCounts();
    const replay = await ingest(report).expect(200);
    expect(replay.body.status).toBe('processed');
    expect(await tableCounts()).toEqual(before);
    const [stored] = await sql<{ id: string }>(t, `SELECT id FROM exam_report WHERE external_id = $1`, [report.externalId]);
    expect(replay.body.id).toBe(stored.id);

    const changed = { ...report, items: report.items.map((item, i) => (i === 0 ? { ...item, value: '159.0' } : item)) };
    const conflict = await ingest(changed).expect(409);
    expect(conflict.body).toMatchObject({ code: 'EXAM_REPORT_CONFLICT', details: [{ field: 'externalId', message: stored.id }] });
    expect(await tableCounts()).toEqual(before);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses the key for another body', async () => {
    const headers = { 'X-API-Key': lisKey, 'Idempotency-Key': 'retry-0001' };
    const first = await ingest(smallReport('IDEM-1'), headers).expect(201);
    const after = await tableCounts();
    const again = await ingest(smallReport('IDEM-1'), headers).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await tableCounts()).toEqual(after);

    const other = await ingest(smallReport('IDEM-2'), headers).expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await ingest(smallReport('IDEM-2'), { 'X-API-Key': lisKey, 'Idempotency-Key': 'bad key with spaces' }).expect(400);
    expect(await tableCounts()).toEqual(after);
  });

  it('purges Idempotency-Keys after 7 days, keeping recent ones', async () => {
    await ingest(smallReport('IDEM-OLD'), { 'X-API-Key': lisKey, 'Idempotency-Key': 'old-key' }).expect(201);
    await sql(t, `UPDATE idempotency_key SET created_at = now() - interval '8 days' WHERE key = 'old-key'`);
    expect(await t.app.get(IdempotencyProcessor).purge()).toBe(1);
    const keys = await sql<{ key: string }>(t, `SELECT key FROM idempotency_key ORDER BY key`);
    expect(keys.map((k) => k.key)).toEqual(['retry-0001']);
  });

  it('reads the API.md example: ordinal +, text conclusion, mg/dL cholesterol, and matches the client by ID number', async () => {
    const res = await ingest(smallReport('API-MD-1')).expect(201);
    expect(res.body.items).toEqual([
      { index: 0, name: '空腹血糖', code: 'FPG', value: '6.8', unit: 'mmol/L', abnormal: 'high' },
      { index: 1, name: '总胆固醇', code: 'TC', value: '5.9995', unit: 'mmol/L', abnormal: 'high' },
      { index: 2, name: '尿蛋白', code: 'U_PRO', value: '1+', unit: '', abnormal: 'abnormal' },
      { index: 3, name: '腹部B超', code: 'US_ABD_CONCL', value: '脂肪肝（轻度）', unit: '', abnormal: 'abnormal' },
    ]);
    const idem = await sql<{ client_id: string }>(t, `SELECT DISTINCT client_id FROM exam_report WHERE source = 'test-lis'`);
    expect(idem).toHaveLength(1);
    expect(idem[0].client_id).toBe(res.body.clientId);
  });

  it('refuses each kind of bad input with 400 naming the field and index, storing nothing', async () => {
    const before = await tableCounts();
    const cases: [string, object, { field: string; index?: number; code: string }][] = [
      [
        'ID number checksum',
        smallReport('BAD-1', { client: { ...smallReport('x').client, name: '新人', idNumber: '110101197804020016' } }),
        { field: 'client.idNumber', code: 'ID_NUMBER_INVALID' },
      ],
      ['impossible exam date', smallReport('BAD-2', { examDate: '2025-02-30' }), { field: 'examDate', code: 'impossibleDate' }],
      [
        'non-numeric value of a numeric indicator',
        smallReport('BAD-3', { items: [{ name: '空腹血糖', value: '偏高', unit: 'mmol/L' }] }),
        { field: 'items[0].value', index: 0, code: 'not-a-number' },
      ],
      [
        'unit that cannot convert',
        smallReport('BAD-4', {
          items: [
            { name: '尿蛋白', value: '阴性' },
            { name: '总胆固醇', value: '5.2', unit: 'mg/L' },
          ],
        }),
        { field: 'items[1].unit', index: 1, code: 'unknown-unit' },
      ],
      [
        'unknown item field',
        smallReport('BAD-5', { items: [{ name: '空腹血糖', value: '5.1', unit: 'mmol/L', colour: 'red' }] }),
        { field: 'items[0].colour', index: 0, code: 'unknownField' },
      ],
      [
        'a new client’s report with a bad item creates no client',
        smallReport('BAD-6', {
          client: { name: '赵六', gender: 'female', birthDate: '1990-01-01', phone: '13800139999' },
          items: [{ name: '血红蛋白', value: '12.5', unit: 'mmol/L' }],
        }),
        { field: 'items[0].unit', index: 0, code: 'unknown-unit' },
      ],
    ];
    for (const [label, body, detail] of cases) {
      const res = await ingest(body);
      expect([label, res.status, res.body.code]).toEqual([label, 400, 'VALIDATION_FAILED']);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining(detail)]));
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('keeps unmapped items raw, lists them in the workbench, and re-processes them once mapped', async () => {
    const body = smallReport('MAP-1', {
      items: [
        { name: '空腹血糖', value: '5.0', unit: 'mmol/L' },
        { name: '葡萄糖测定（己糖激酶法）', value: '7.4', unit: 'mmol/L', category: '生化' },
        { name: '检验者签名', value: '王五' },
      ],
    });
    const res = await ingest(body).expect(201);
    expect(res.body).toMatchObject({ status: 'needs_mapping', unmapped: ['葡萄糖测定（己糖激酶法）', '检验者签名'] });
    await ingest(smallReport('MAP-2', { items: [{ name: '葡萄糖测定(己糖激酶法)', value: '5.5', unit: 'mmol/L' }] })).expect(201);

    const workbench = await request(t.http).get('/api/v1/indicator-mappings/unmapped').set(bearer(admin)).expect(200);
    expect(workbench.body.items[0]).toMatchObject({ source: 'test-lis', count: 2, reports: 2, examples: ['5.5', '7.4'] });

    const mapped = await request(t.http)
      .post('/api/v1/indicator-mappings')
      .set(bearer(admin))
      .send({ source: 'test-lis', name: '葡萄糖测定（己糖激酶法）', code: 'FPG' })
      .expect(201);
    expect(mapped.body).toMatchObject({ code: 'FPG', textOnly: false, reprocessedItems: 2 });

    const detail = await request(t.http).get(`/api/v1/exam-reports/${res.body.id}`).set(bearer(admin)).expect(200);
    expect(detail.body).toMatchObject({ status: 'needs_mapping', unmappedCount: 1, unmapped: ['检验者签名'] });
    const items = detail.body.groups.flatMap((g: { items: object[] }) => g.items);
    expect(items[1]).toMatchObject({ status: 'mapped', code: 'FPG', value: '7.4', verdict: 'high' });

    const textOnly = await request(t.http)
      .post('/api/v1/indicator-mappings')
      .set(bearer(admin))
      .send({ source: 'test-lis', name: '检验者签名', textOnly: true })
      .expect(201);
    expect(textOnly.body.reprocessedItems).toBe(1);
    const processed = await request(t.http).get(`/api/v1/exam-reports/${res.body.id}`).set(bearer(admin)).expect(200);
    expect(processed.body).toMatchObject({ status: 'processed', unmappedCount: 0, abnormalCount: 1 });

    const events = await sql<{ payload: object }>(
      t,
      `SELECT payload FROM outbox WHERE type = 'report.reprocessed' AND aggregate_id = $1 ORDER BY created_at`,
      [res.body.id],
    );
    expect(events).toEqual([
      { payload: { reportId: res.body.id, clientId: res.body.clientId, abnormalCodes: ['FPG'] } },
      { payload: { reportId: res.body.id, clientId: res.body.clientId, abnormalCodes: ['FPG'] } },
    ]);
    await request(t.http)
      .post('/api/v1/indicator-mappings')
      .set(bearer(admin))
      .send({ source: 'test-lis', name: '检验者签名', textOnly: true })
      .expect(409);
    const next = await ingest(
      smallReport('MAP-3', { items: [{ name: '葡萄糖测定(己糖激酶法)', value: '5.1', unit: 'mmol/L' }] }),
    ).expect(201);
    expect(next.body).toMatchObject({ status: 'processed', items: [{ code: 'FPG', abnormal: 'normal' }] });
  });

  it('re-processes more than 500 stored raw items in a worker job', async () => {
    const items = Array.from({ length: 501 }, (_, i) => ({ name: '自定义血糖', value: String(4 + (i % 4)), unit: 'mmol/L' }));
    const res = await ingest(smallReport('MANY-1', { items })).expect(201);
    expect(res.body.unmapped).toHaveLength(501);
    const mapped = await request(t.http)
      .post('/api/v1/indicator-mappings')
      .set(bearer(admin))
      .send({ source: 'test-lis', name: '自定义血糖', code: 'FPG' })
      .expect(201);
    expect(mapped.body).toMatchObject({ reprocessing: 'queued', reprocessedItems: 0 });

    const handler = t.app.get(JobHandlers).handlerFor(ReprocessMappingJob.queue, ReprocessMappingJob.name);
    await handler!({ mappingId: mapped.body.id }, { jobId: mapped.body.id, attempt: 1 });
    const detail = await request(t.http).get(`/api/v1/exam-reports/${res.body.id}`).set(bearer(admin)).expect(200);
    expect(detail.body).toMatchObject({ status: 'processed', unmappedCount: 0, abnormalCount: 125 });
    const [{ n }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM observation WHERE report_id = $1`, [res.body.id]);
    expect(Number(n)).toBe(501);
    const list = await request(t.http).get('/api/v1/indicator-mappings?source=test-lis').set(bearer(admin)).expect(200);
    expect(list.body.items.find((m: { id: string }) => m.id === mapped.body.id)).toMatchObject({ reprocessing: 'done' });
  });

  it('a mapping created while reports of its source are being ingested leaves no item raw', async () => {
    // Ingestion holds the source's lock shared and a new mapping exclusive: each racing report
    // either sees the mapping or has its raw item re-processed by it.
    const source = 'race-lis';
    const reports = Array.from({ length: 12 }, (_, i) => ({
      ...smallReport(`RACE-${i}`, { items: [{ name: '赛跑血糖', value: '5.5', unit: 'mmol/L' }] }),
      source,
    }));
    const ingests = reports.map((body) => ingest(body));
    const mapping = request(t.http)
      .post('/api/v1/indicator-mappings')
      .set(bearer(admin))
      .send({ source, name: '赛跑血糖', code: 'FPG' });
    const results = await Promise.all([...ingests, mapping]);
    expect(results.map((r) => r.status)).toEqual([...reports.map(() => 201), 201]);
    const raw = await sql(t, `SELECT 1 FROM exam_report_item WHERE source = $1 AND status = 'unmapped'`, [source]);
    expect(raw).toHaveLength(0);
    const [{ n }] = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM observation o JOIN exam_report r ON r.id = o.report_id
        WHERE r.source = $1 AND o.indicator_code = 'FPG'`,
      [source],
    );
    expect(n).toBe(12);
  });

  it('enforces the API key scope and hides other organisations’ reports and clients', async () => {
    const refused = await ingest(smallReport('SCOPE-1'), { 'X-API-Key': readOnlyKey }).expect(403);
    expect(refused.body.statusCode).toBe(403);
    const [report] = await sql<{ id: string; client_id: string }>(t, `SELECT id, client_id FROM exam_report LIMIT 1`);
    await request(t.http).get(`/api/v1/exam-reports/${report.id}`).set(bearer(otherAdmin)).expect(404);
    const list = await request(t.http).get('/api/v1/exam-reports').set(bearer(otherAdmin)).expect(200);
    expect(list.body.total).toBe(0);
    const body = { ...smallReport('CROSS-1'), client: undefined, clientId: report.client_id };
    const cross = await request(t.http).post('/api/v1/exam-reports').set(bearer(otherAdmin)).send(body).expect(404);
    expect(cross.body.code).toBe('CLIENT_NOT_FOUND');
  });

  it('lists reports with filters, an allow-listed sort and pagination', async () => {
    const all = await request(t.http).get('/api/v1/exam-reports?pageSize=100').set(bearer(admin)).expect(200);
    expect(all.body.items.map((r: { examDate: string }) => r.examDate)).toEqual(
      [...all.body.items.map((r: { examDate: string }) => r.examDate)].sort().reverse(),
    );
    const anxin = await request(t.http).get('/api/v1/exam-reports?source=anxin-pe').set(bearer(admin)).expect(200);
    const inRange = await request(t.http)
      .get('/api/v1/exam-reports?from=2024-01-01&to=2024-12-31')
      .set(bearer(admin))
      .expect(200);
    expect(inRange.body.items.map((r: { examDate: string }) => r.examDate)).toEqual(['2024-09-05']);
    expect(anxin.body.total).toBeLessThanOrEqual(1);
    const normalOnly = await request(t.http).get('/api/v1/exam-reports?abnormal=false').set(bearer(admin)).expect(200);
    expect(normalOnly.body.items.every((r: { abnormalCount: number }) => r.abnormalCount === 0)).toBe(true);
    const client = all.body.items[0].clientId as string;
    const ofClient = await request(t.http).get(`/api/v1/exam-reports?clientId=${client}`).set(bearer(admin)).expect(200);
    expect(ofClient.body.items.every((r: { clientId: string }) => r.clientId === client)).toBe(true);
    await request(t.http).get('/api/v1/exam-reports?sort=name').set(bearer(admin)).expect(400);
    await request(t.http).get('/api/v1/exam-reports?status=done').set(bearer(admin)).expect(400);
  });
});
