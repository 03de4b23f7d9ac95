import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { JobHandlers } from '@health/core';
import { RunExamImportJob } from '@health/archives';
import { sharedFilePath } from '@health/clinical/testing';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const BULK = readFileSync(sharedFilePath('samples/reports-bulk-20.csv'));

/** The CSV's records (quoted fields with commas are handled), header first. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records.filter((r) => r.some((cell) => cell !== ''));
}

interface ImportDto {
  id: string;
  status: string;
  totalRows: number;
  totalReports: number;
  processedReports: number;
  acceptedReports: number;
  rejectedReports: number;
}

describe('exam imports', () => {
  let t: TestApp;
  let admin: Session;
  let otherAdmin: Session;

  const upload = (content: Buffer, fileName: string, session = admin) =>
    request(t.http).post('/api/v1/exam-imports').set(bearer(session)).attach('file', content, fileName);
  const runJob = async (importId: string) => {
    const handler = t.app.get(JobHandlers).handlerFor(RunExamImportJob.queue, RunExamImportJob.name);
    await handler!({ importId }, { jobId: importId, attempt: 1 });
  };
  const getImport = async (id: string) =>
    (await request(t.http).get(`/api/v1/exam-imports/${id}`).set(bearer(admin)).expect(200)).body as ImportDto;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    otherAdmin = await createOtherOrganisation(t, admin);
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the 20 sample reports of reports-bulk-20.csv, and the five-year series lines up after conversion', async () => {
    const accepted = await upload(BULK, 'reports-bulk-20.csv').expect(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(await getImport(accepted.body.id)).toMatchObject({ status: 'queued', totalRows: 1006, totalReports: 20 });
    await runJob(accepted.body.id);
    expect(await getImport(accepted.body.id)).toMatchObject({
      status: 'completed',
      processedReports: 20,
      acceptedReports: 20,
      rejectedReports: 0,
    });
    const [{ n }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM observation`);
    expect(Number(n)).toBe(1006);

    const series = await sql<{ measured_on: string; value: number; verdict: string }>(
      t,
      `SELECT to_char(o.measured_on, 'YYYY-MM-DD') AS measured_on, round(o.value_num::numeric, 2)::float8 AS value, o.verdict
         FROM observation o JOIN client c ON c.id = o.client_id
        WHERE c.name = '王志强' AND o.indicator_code = 'FPG' ORDER BY o.measured_on`,
    );
    expect(series.map((p) => p.value)).toEqual([5.6, 5.88, 6.3, 6.6, 7.1]);
    expect(series.map((p) => p.verdict)).toEqual(['normal', 'normal', 'high', 'high', 'high']);
    const clients = await sql(t, `SELECT DISTINCT client_id FROM exam_report`);
    expect(clients).toHaveLength(12);

    const again = await upload(BULK, 'again.csv').expect(202);
    await runJob(again.body.id);
    expect(await getImport(again.body.id)).toMatchObject({ status: 'completed', acceptedReports: 20 });
    const [{ n: after }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM observation`);
    expect(Number(after)).toBe(1006);
  });

  it('accepts good reports and rejects bad ones with reasons, downloadable by row', async () => {
    const [header, ...rows] = csvRecords(BULK.toString('utf8'));
    const column = (name: string) => header.indexOf(name);
    const first = rows.filter((r) => r[column('externalId')] === rows[0][column('externalId')]);
    const good = first.map((r) => r.map((cell, i) => (i === column('externalId') ? 'XLSX-GOOD' : cell)));
    const bad = first.map((r, i) =>
      r.map((cell, j) => (j === column('externalId') ? 'XLSX-BAD' : i === 2 && j === column('value') ? '偏高' : cell)),
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('reports');
    for (const row of [header, ...good, ...bad]) sheet.addRow(row);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await upload(content, '体检报告.xlsx').expect(202);
    await runJob(res.body.id);
    expect(await getImport(res.body.id)).toMatchObject({
      status: 'completed',
      totalReports: 2,
      acceptedReports: 1,
      rejectedReports: 1,
    });

    const download = await request(t.http)
      .get(`/api/v1/exam-imports/${res.body.id}/rejected?format=csv`)
      .set(bearer(admin))
      .expect(200);
    expect(download.headers['content-type']).toContain('text/csv');
    const lines = (Buffer.isBuffer(download.body) ? download.body.toString('utf8') : download.text)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('rows,source,externalId,field,code,message');
    const start = 2 + good.length;
    expect(lines[1]).toContain(`${start}-${start + bad.length - 1},kangning-pems,XLSX-BAD,items[2].value,not-a-number`);
    expect(lines.join('\n')).not.toContain('偏高');
  });

  it('refuses files with a wrong header or type, and hides imports from other organisations', async () => {
    const wrong = await upload(Buffer.from('source,externalId,colour\nx,y,red\n'), 'wrong.csv').expect(400);
    expect(wrong.body.code).toBe('IMPORT_COLUMNS_INVALID');
    await upload(Buffer.from('x'), 'notes.txt').expect(400);
    const [entry] = await sql<{ id: string }>(t, `SELECT id FROM exam_import LIMIT 1`);
    await request(t.http).get(`/api/v1/exam-imports/${entry.id}`).set(bearer(otherAdmin)).expect(404);
  });
});
