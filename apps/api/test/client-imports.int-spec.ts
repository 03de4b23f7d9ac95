import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { JobHandlers, ReconcileSources } from '@health/core';
import { createCoreTestContext, waitUntil } from '@health/core/testing';
import { CardsModule, residentIdCheckChar, RunClientImportJob } from '@health/cards';
import { API_MIGRATIONS } from '../src/migrations';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
/** The same number with a wrong check character. */
const badCheck = (first17: string) => first17 + (residentIdCheckChar(first17) === '1' ? '2' : '1');

const ZHANG_ID = withCheck('11010119780402001');
const LI_ID = withCheck('44030419850615002');
const ZHAO_ID = withCheck('31010119900101003');

const HEADER_ZH = ['姓名', '性别', '出生日期', '证件类型', '证件号码', '手机号', '地址', '来源渠道', '备注'];

/** Rows 2-9 of the mixed file: two good, six refused for a different reason each. */
const MIXED_ROWS: string[][] = [
  ['张三', '男', '1978-04-02', '身份证', ZHANG_ID, '13800138000', '北京市东城区', '体检中心', ''],
  ['错校验', '男', '1978-04-02', '', badCheck('11010119780402003'), '', '', '', ''],
  ['错生日', '男', '1978-04-03', '', ZHANG_ID, '', '', '', ''],
  ['错手机', '女', '1990-05-06', '', '', '12345', '', '', ''],
  ['', '女', '1990-05-06', '', '', '13700137000', '', '', ''],
  ['张三重复', '男', '1978/4/2', '', ZHANG_ID, '', '', '', ''],
  ['李四', '女', '1985-06-15', '', LI_ID, '', '', '', ''],
  ['王小花', '女', '1992/7/8', '', '', '13911112222', '', '', '无证件'],
];

function csvOf(rows: string[][]): Buffer {
  const escape = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const text = rows.map((row) => row.map(escape).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

async function xlsxOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ImportDto {
  id: string;
  status: string;
  fileName: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  rejectedRows: number;
  startedAt?: string;
  finishedAt?: string;
}

describe('client imports', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let adminB: Session;

  const api = () => request(t.http);
  const upload = (session: Session, content: Buffer, fileName: string) =>
    api().post('/api/v1/client-imports').set(bearer(session)).attach('file', content, fileName);
  const runJob = async (importId: string) => {
    const handler = t.app.get(JobHandlers).handlerFor(RunClientImportJob.queue, RunClientImportJob.name);
    await handler!({ importId }, { jobId: importId, attempt: 1 });
  };
  const getImport = async (id: string, session = manager) =>
    (await api().get(`/api/v1/client-imports/${id}`).set(bearer(session)).expect(200)).body as ImportDto;
  const errorLines = async (id: string) => {
    const res = await api().get(`/api/v1/client-imports/${id}/errors?format=csv`).set(bearer(manager)).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
    return text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
  };
  const clientCount = async () => Number((await sql<{ n: string }>(t, `SELECT count(*) AS n FROM client`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await createUser(t, admin, 'i.manager', ['manager']);
    manager = await login(t, 'i.manager', STAFF_PASSWORD);
    await api()
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({
        name: '康宁健康管理中心',
        code: 'kangning-imports',
        admin: { username: 'kangning.imports', displayName: '李敏', password: STAFF_PASSWORD },
      })
      .expect(201);
    adminB = await login(t, 'kangning.imports', STAFF_PASSWORD);
    // An existing client the file will try to register again.
    await api()
      .post('/api/v1/clients')
      .set(bearer(manager))
      .send({ name: '李四', gender: 'female', birthDate: '1985-06-15', idNumber: LI_ID })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  let csvImportId: string;

  it('accepts a CSV with Chinese headers, queues it, and the job imports only the good rows', async () => {
    const res = await upload(manager, csvOf([HEADER_ZH, ...MIXED_ROWS]), '客户名单.csv').expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    csvImportId = res.body.id;
    expect(existsSync(join(t.config.dataDir, 'imports', csvImportId))).toBe(true);
    const queued = await getImport(csvImportId);
    expect(queued).toMatchObject({ status: 'queued', fileName: '客户名单.csv', totalRows: 8, processedRows: 0 });

    const before = await clientCount();
    await runJob(csvImportId);
    expect(await clientCount()).toBe(before + 2);

    const done = await getImport(csvImportId);
    expect(done).toMatchObject({ status: 'completed', totalRows: 8, processedRows: 8, importedRows: 2, rejectedRows: 6 });
    expect(done.startedAt).toEqual(expect.any(String));
    expect(done.finishedAt).toEqual(expect.any(String));
    // The plaintext file is gone once the import has finished.
    expect(existsSync(join(t.config.dataDir, 'imports', csvImportId))).toBe(false);

    const names = await api().get('/api/v1/clients?pageSize=100').set(bearer(manager)).expect(200);
    expect((names.body.items as { name: string }[]).map((c) => c.name).sort()).toEqual(['张三', '李四', '王小花'].sort());
    const imported = await sql<{ row_number: number; client_id: string }>(
      t,
      `SELECT row_number, client_id FROM client_import_row WHERE import_id = $1 AND status = 'imported' ORDER BY row_number`,
      [csvImportId],
    );
    expect(imported.map((r) => r.row_number)).toEqual([2, 9]);
    const audit = await sql(t, `SELECT target_id FROM audit_event WHERE action = 'client.imported'`);
    expect(audit.map((a) => a.target_id).sort()).toEqual(imported.map((r) => r.client_id).sort());
  });

  it('reports every refused row with its column and code, and audits the export', async () => {
    const lines = await errorLines(csvImportId);
    expect(lines[0]).toBe('row,column,code,message');
    const byRow = new Map(lines.slice(1).map((line) => [line.split(',')[0], line.split(',')]));
    expect(byRow.get('3')?.slice(1, 3)).toEqual(['证件号码', 'ID_NUMBER_INVALID']);
    expect(byRow.get('4')?.slice(1, 3)).toEqual(['证件号码', 'ID_NUMBER_MISMATCH']);
    expect(byRow.get('5')?.slice(1, 3)).toEqual(['手机号', 'PHONE_INVALID']);
    expect(byRow.get('6')?.slice(1, 3)).toEqual(['姓名', 'REQUIRED']);
    expect(byRow.get('7')?.slice(1, 3)).toEqual(['证件号码', 'DUPLICATE_IN_FILE']);
    expect(byRow.get('8')?.slice(1, 3)).toEqual(['证件号码', 'CLIENT_DUPLICATE_ID_NUMBER']);
    expect(lines).toHaveLength(7);
    // No personal data in the report or the row table: no ID numbers, phones or names.
    const everything = lines.join('\n') + JSON.stringify(await sql(t, `SELECT * FROM client_import_row`));
    for (const value of [ZHANG_ID, LI_ID, '13800138000', '12345', '错手机', '李四']) expect(everything).not.toContain(value);

    const xlsx = await api()
      .get(`/api/v1/client-imports/${csvImportId}/errors?format=xlsx`)
      .set(bearer(manager))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.worksheets[0].rowCount).toBe(7);

    const audit = await sql(
      t,
      `SELECT actor_type FROM audit_event WHERE action = 'client_import.errors_exported' AND target_id = $1`,
      [csvImportId],
    );
    expect(audit).toHaveLength(2);
  });

  it('imports an XLSX with English headers and real date cells', async () => {
    const content = await xlsxOf([
      ['name', 'gender', 'birthDate', 'idNumber', 'phone'],
      ['赵六', 'male', new Date(Date.UTC(1990, 0, 1)), ZHAO_ID, '15011112222'],
      ['钱七', 'female', '1989/2/29', '', ''],
      ['孙八', 'female', new Date(Date.UTC(1990, 0, 1)), ZHAO_ID, ''],
      ['周九', 'unknown', '1990-01-01', '', ''],
      ['吴十', 'male', '1990-02-30', '', ''],
    ]);
    const res = await upload(manager, content, 'clients.xlsx').expect(202);
    await runJob(res.body.id);
    expect(await getImport(res.body.id)).toMatchObject({
      status: 'completed',
      totalRows: 5,
      processedRows: 5,
      importedRows: 1,
      rejectedRows: 4,
    });
    const lines = await errorLines(res.body.id);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      ['3', 'birthDate', 'BIRTH_DATE_INVALID'],
      ['4', 'idNumber', 'ID_NUMBER_MISMATCH'],
      ['5', 'gender', 'GENDER_INVALID'],
      ['6', 'birthDate', 'BIRTH_DATE_INVALID'],
    ]);
  });

  it('a re-run of an interrupted import skips the rows already done', async () => {
    const content = csvOf([
      ['name', 'gender', 'birthDate', 'phone'],
      ['郑一', '女', '1970-03-04', '13633334444'],
      ['郑二', '男', '1971-03-04', '13633335555'],
    ]);
    const res = await upload(manager, content, 'again.csv').expect(202);
    const id = res.body.id as string;
    await runJob(id);
    const before = await clientCount();
    // As if the worker died after its last row: the import is running again with its file back.
    await sql(t, `UPDATE client_import SET status = 'running', finished_at = NULL WHERE id = $1`, [id]);
    writeFileSync(join(t.config.dataDir, 'imports', id), content);
    await runJob(id);
    expect(await clientCount()).toBe(before);
    expect(await getImport(id)).toMatchObject({ status: 'completed', importedRows: 2, rejectedRows: 0, processedRows: 2 });

    // The same rows in a new import are duplicates of existing clients, by phone, name and birth date.
    const second = await upload(manager, content, 'again.csv').expect(202);
    await runJob(second.body.id);
    expect(await clientCount()).toBe(before);
    expect(await getImport(second.body.id)).toMatchObject({ importedRows: 0, rejectedRows: 2 });
    expect((await errorLines(second.body.id))[1]).toContain('CLIENT_DUPLICATE');
  });

  it('refuses bad files with clear codes and stores nothing', async () => {
    const imports = async () => Number((await sql<{ n: string }>(t, `SELECT count(*) AS n FROM client_import`))[0].n);
    const files = () => readdirSync(join(t.config.dataDir, 'imports')).length;
    const countBefore = await imports();
    const filesBefore = files();

    const columns = await upload(
      manager,
      csvOf([
        ['姓名', '性别', '年龄'],
        ['张三', '男', '40'],
      ]),
      'x.csv',
    ).expect(400);
    expect(columns.body.code).toBe('IMPORT_COLUMNS_INVALID');
    expect(columns.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'birthDate', code: 'missing' }),
        expect.objectContaining({ field: '年龄', code: 'unknown' }),
      ]),
    );
    expect((await upload(manager, Buffer.from('hello'), 'notes.txt').expect(400)).body.code).toBe('IMPORT_FILE_TYPE_INVALID');
    expect((await upload(manager, Buffer.from('not a zip'), 'x.xlsx').expect(400)).body.code).toBe('IMPORT_FILE_UNREADABLE');
    expect((await upload(manager, csvOf([HEADER_ZH]), 'x.csv').expect(400)).body.code).toBe('IMPORT_FILE_EMPTY');
    expect((await upload(manager, Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x0a]), 'gbk.csv').expect(400)).body.code).toBe(
      'IMPORT_FILE_ENCODING',
    );
    const tooLarge = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    expect((await upload(manager, tooLarge, 'big.csv').expect(413)).body.code).toBe('IMPORT_FILE_TOO_LARGE');
    const manyRows = csvOf([
      ['name', 'gender', 'birthDate'],
      ...Array.from({ length: 10_001 }, () => ['甲', '男', '1970-01-01']),
    ]);
    expect((await upload(manager, manyRows, 'many.csv').expect(413)).body.code).toBe('IMPORT_TOO_MANY_ROWS');
    const noFile = await api().post('/api/v1/client-imports').set(bearer(manager)).send({}).expect(400);
    expect(noFile.body.code).toBe('IMPORT_FILE_REQUIRED');

    expect(await imports()).toBe(countBefore);
    expect(files()).toBe(filesBefore);
  });

  it('another organisation sees none of it (404), and the reconciler knows unfinished imports', async () => {
    await api().get(`/api/v1/client-imports/${csvImportId}`).set(bearer(adminB)).expect(404);
    const errors = await api().get(`/api/v1/client-imports/${csvImportId}/errors`).set(bearer(adminB)).expect(404);
    expect(errors.body.code).toBe('CLIENT_IMPORT_NOT_FOUND');
    const list = await api().get('/api/v1/client-imports').set(bearer(adminB)).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    const mine = await api().get('/api/v1/client-imports?pageSize=2').set(bearer(manager)).expect(200);
    expect(mine.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });

    const queued = await upload(manager, csvOf([HEADER_ZH, MIXED_ROWS[0]]), 'later.csv').expect(202);
    const source = t.app
      .get(ReconcileSources)
      .all()
      .find((s) => s.name === 'client-imports');
    const pending = await source!.listPending(null, 100);
    expect(pending).toEqual([{ jobId: queued.body.id, payload: { importId: queued.body.id } }]);
  });

  it('serves the template in both formats', async () => {
    const csv = await api().get('/api/v1/client-imports/template?format=csv').set(bearer(manager)).expect(200);
    const text = (Buffer.isBuffer(csv.body) ? csv.body.toString('utf8') : csv.text).replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toBe(HEADER_ZH.join(','));
    expect(text).toContain('张三');
    await api().get('/api/v1/client-imports/template?format=pdf').set(bearer(manager)).expect(400);
    const xlsx = await api()
      .get('/api/v1/client-imports/template')
      .set(bearer(manager))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADER_ZH]);
  });

  it('a template uploaded as is imports its example row', async () => {
    const template = await api()
      .get('/api/v1/client-imports/template?format=xlsx')
      .set(bearer(adminB))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const res = await upload(adminB, template.body as Buffer, 'template.xlsx').expect(202);
    await runJob(res.body.id);
    expect(await getImport(res.body.id, adminB)).toMatchObject({ status: 'completed', importedRows: 1, rejectedRows: 0 });
  });
});

describe('client imports through the queue', () => {
  it('the worker runtime picks up the job and finishes the import', async () => {
    const t = await createTestApp({ RUN_WORKER: 'inline' });
    try {
      const admin = await login(t, ADMIN.username, ADMIN.password);
      const res = await request(t.http)
        .post('/api/v1/client-imports')
        .set(bearer(admin))
        .attach('file', csvOf([HEADER_ZH, ...MIXED_ROWS]), 'queued.csv')
        .expect(202);
      const status = async () =>
        (await request(t.http).get(`/api/v1/client-imports/${res.body.id}`).set(bearer(admin)).expect(200)).body as ImportDto;
      await waitUntil(async () => (await status()).status === 'completed', 20_000);
      // Li Si is not registered in this database, so row 8 is imported here.
      expect(await status()).toMatchObject({ totalRows: 8, processedRows: 8, importedRows: 3, rejectedRows: 5 });
    } finally {
      await t.close();
    }
  });

  it('a separate worker context (CardsModule on the worker runtime) runs an import the API accepted', async () => {
    const t = await createTestApp();
    try {
      const admin = await login(t, ADMIN.username, ADMIN.password);
      const res = await request(t.http)
        .post('/api/v1/client-imports')
        .set(bearer(admin))
        .attach('file', csvOf([HEADER_ZH, ...MIXED_ROWS.slice(0, 3)]), 'for-worker.csv')
        .expect(202);
      const worker = await createCoreTestContext({
        databaseUrl: t.database.url,
        worker: true,
        imports: [CardsModule],
        migrations: API_MIGRATIONS,
        env: {
          QUEUE_PREFIX: t.config.queuePrefix,
          DATA_DIR: t.config.dataDir,
          DATA_ENCRYPTION_KEY: t.config.dataEncryptionKey!,
          BLIND_INDEX_KEY: t.config.blindIndexKey!,
          JWT_SECRET: t.config.jwtSecret!,
          ADMIN_INITIAL_PASSWORD: 'Clinic-Bootstrap-Pass-2026',
        },
      });
      try {
        const status = async () =>
          (await request(t.http).get(`/api/v1/client-imports/${res.body.id}`).set(bearer(admin)).expect(200)).body as ImportDto;
        await waitUntil(async () => (await status()).status === 'completed', 20_000);
        expect(await status()).toMatchObject({ totalRows: 3, importedRows: 1, rejectedRows: 2 });
      } finally {
        await worker.app.close();
      }
    } finally {
      await t.close();
    }
  });

  it('with Redis down the upload is still accepted and stays queued for the reconciler', async () => {
    const t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_TIMEOUT_MS: '800' });
    try {
      const admin = await login(t, ADMIN.username, ADMIN.password);
      const res = await request(t.http)
        .post('/api/v1/client-imports')
        .set(bearer(admin))
        .attach('file', csvOf([HEADER_ZH, MIXED_ROWS[0]]), 'offline.csv')
        .expect(202);
      expect(res.body.status).toBe('queued');
      const source = t.app
        .get(ReconcileSources)
        .all()
        .find((s) => s.name === 'client-imports');
      expect(await source!.listPending(null, 10)).toEqual([{ jobId: res.body.id, payload: { importId: res.body.id } }]);
      expect(existsSync(join(t.config.dataDir, 'imports', res.body.id))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
