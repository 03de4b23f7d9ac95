import request from 'supertest';
import { JobHandlers } from '@health/core';
import { reprocessJobId, ReprocessMappingJob } from '@health/archives';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

interface Item {
  name: string;
  value: string;
  unit?: string;
  category?: string;
}

const CLIENT = { name: '李四', gender: 'male', birthDate: '1970-03-07', idNumber: '110101197003070012', phone: '13800138001' };

function report(externalId: string, items: Item[], source = 'change-lis') {
  return { source, externalId, examDate: '2025-05-20', client: CLIENT, items };
}

interface StoredItem {
  status: string;
  code: string | null;
  observation: string | null;
  verdict: string | null;
}

describe('changing and deleting indicator mappings', () => {
  let t: TestApp;
  let admin: Session;
  let nurse: Session;
  let otherAdmin: Session;
  let lisKey: string;

  const ingest = (body: object) => request(t.http).post('/api/v1/exam-reports').set('X-API-Key', lisKey).send(body).expect(201);
  const createMapping = (body: object) => request(t.http).post('/api/v1/indicator-mappings').set(bearer(admin)).send(body);
  const patchMapping = (id: string, body: object, session: Session = admin) =>
    request(t.http).patch(`/api/v1/indicator-mappings/${id}`).set(bearer(session)).send(body);
  const deleteMapping = (id: string, query = '') =>
    request(t.http).delete(`/api/v1/indicator-mappings/${id}${query}`).set(bearer(admin));
  const reportOf = async (id: string) =>
    (await request(t.http).get(`/api/v1/exam-reports/${id}`).set(bearer(admin)).expect(200)).body;

  /** Each item of a report as stored, with the observation it has (if any). */
  const storedItems = (reportId: string) =>
    sql<StoredItem>(
      t,
      `SELECT i.status, i.code, o.indicator_code AS observation, o.verdict
         FROM exam_report_item i
         LEFT JOIN observation o ON o.report_id = i.report_id AND o.item_index = i.item_index
        WHERE i.report_id = $1 ORDER BY i.item_index`,
      [reportId],
    );
  const reprocessedEvents = async (reportId: string) =>
    (
      await sql<{ payload: { abnormalCodes: string[] } }>(
        t,
        `SELECT payload FROM outbox WHERE type = 'report.reprocessed' AND aggregate_id = $1 ORDER BY created_at, id`,
        [reportId],
      )
    ).map((event) => event.payload.abnormalCodes);
  const runJob = (mappingId: string, version: number) =>
    t.app.get(JobHandlers).handlerFor(ReprocessMappingJob.queue, ReprocessMappingJob.name)!(
      { mappingId, version },
      {
        jobId: reprocessJobId(mappingId, version),
        attempt: 1,
      },
    );

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await createUser(t, admin, 'mapping.nurse', ['nurse']);
    nurse = await login(t, 'mapping.nurse', STAFF_PASSWORD);
    otherAdmin = await createOtherOrganisation(t, admin);
    const key = await request(t.http)
      .post('/api/v1/api-keys')
      .set(bearer(admin))
      .send({ name: 'lis', scopes: ['reports:write'] })
      .expect(201);
    lisKey = key.body.key as string;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('one mapping through its life', () => {
    const name = '血糖测定(自动)';
    let reportId: string;
    let mappingId: string;

    beforeAll(async () => {
      const res = await ingest(
        report('LIFE-1', [
          { name: '收缩压', value: '120', unit: 'mmHg' },
          { name, value: '6.8', unit: 'mmol/L', category: '生化' },
        ]),
      );
      reportId = res.body.id;
      const mapped = await createMapping({ source: 'change-lis', name, code: 'FPG' }).expect(201);
      mappingId = mapped.body.id;
      expect(mapped.body).toMatchObject({ version: 1, reprocessedItems: 1, resolvedItems: 1, indicatorStatus: 'active' });
    });

    it('maps the name to another indicator: the observation is rewritten with that indicator’s verdict', async () => {
      expect((await storedItems(reportId))[1]).toEqual({ status: 'mapped', code: 'FPG', observation: 'FPG', verdict: 'high' });
      const changed = await patchMapping(mappingId, { expectedVersion: 1, code: 'PG2H' }).expect(200);
      expect(changed.body).toMatchObject({
        id: mappingId,
        code: 'PG2H',
        textOnly: false,
        version: 2,
        reprocessing: 'done',
        reprocessedItems: 1,
        resolvedItems: 1,
        deletedAt: null,
      });
      // 6.8 mmol/L is above the fasting limit (6.09) but within the 2-hour one (7.79).
      expect((await storedItems(reportId))[1]).toEqual({
        status: 'mapped',
        code: 'PG2H',
        observation: 'PG2H',
        verdict: 'normal',
      });
      expect(await reportOf(reportId)).toMatchObject({ status: 'processed', abnormalCount: 0, unmappedCount: 0 });
      expect(await reprocessedEvents(reportId)).toEqual([['FPG'], []]);
    });

    it('changes nothing for the same target, and refuses a change based on an old version', async () => {
      const same = await patchMapping(mappingId, { code: 'PG2H' }).expect(200);
      expect(same.body).toMatchObject({ version: 2, reprocessedItems: 0 });
      const stale = await patchMapping(mappingId, { expectedVersion: 1, textOnly: true }).expect(409);
      expect(stale.body).toMatchObject({
        code: 'INDICATOR_MAPPING_VERSION_CONFLICT',
        details: [{ field: 'expectedVersion', code: 'currentVersion', message: '2' }],
      });
      expect(await reprocessedEvents(reportId)).toHaveLength(2);
    });

    it('switches to text-only and back: the observation goes and comes back', async () => {
      const text = await patchMapping(mappingId, { textOnly: true }).expect(200);
      expect(text.body).toMatchObject({ code: null, textOnly: true, indicatorStatus: null, version: 3, reprocessedItems: 1 });
      expect((await storedItems(reportId))[1]).toEqual({ status: 'text_only', code: null, observation: null, verdict: null });
      expect(await reportOf(reportId)).toMatchObject({ status: 'processed', itemCount: 2, unmappedCount: 0 });

      const back = await patchMapping(mappingId, { code: 'FPG', textOnly: false }).expect(200);
      expect(back.body).toMatchObject({ code: 'FPG', textOnly: false, version: 4, reprocessedItems: 1 });
      expect((await storedItems(reportId))[1]).toEqual({ status: 'mapped', code: 'FPG', observation: 'FPG', verdict: 'high' });
      expect(await reprocessedEvents(reportId)).toEqual([['FPG'], [], [], ['FPG']]);
    });

    it('deletes it: the item is raw again, in the workbench, and the report needs mapping', async () => {
      const listed = await request(t.http).get('/api/v1/indicator-mappings?source=change-lis').set(bearer(admin)).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: mappingId, version: 4, resolvedItems: 1 })]);

      const deleted = await deleteMapping(mappingId, '?expectedVersion=4').expect(200);
      expect(deleted.body).toMatchObject({ id: mappingId, version: 5, reprocessedItems: 1, resolvedItems: 0 });
      expect(deleted.body.deletedAt).toEqual(expect.any(String));

      expect(await storedItems(reportId)).toEqual([
        { status: 'mapped', code: 'SBP', observation: 'SBP', verdict: 'normal' },
        { status: 'unmapped', code: null, observation: null, verdict: null },
      ]);
      expect(await reportOf(reportId)).toMatchObject({
        status: 'needs_mapping',
        unmappedCount: 1,
        abnormalCount: 0,
        unmapped: [name],
      });
      const workbench = await request(t.http).get('/api/v1/indicator-mappings/unmapped').set(bearer(admin)).expect(200);
      expect(workbench.body.items).toContainEqual(expect.objectContaining({ source: 'change-lis', name, count: 1 }));
      const after = await request(t.http).get('/api/v1/indicator-mappings?source=change-lis').set(bearer(admin)).expect(200);
      expect(after.body.total).toBe(0);
      expect(await reprocessedEvents(reportId)).toEqual([['FPG'], [], [], ['FPG'], []]);

      await deleteMapping(mappingId).expect(404);
      const gone = await patchMapping(mappingId, { code: 'FPG' }).expect(404);
      expect(gone.body.code).toBe('INDICATOR_MAPPING_NOT_FOUND');
    });

    it('keeps every version with its author, also after the deletion, and audits each change', async () => {
      const versions = await request(t.http)
        .get(`/api/v1/indicator-mappings/${mappingId}/versions`)
        .set(bearer(nurse))
        .expect(200);
      expect(
        versions.body.items.map((v: { version: number; changeKind: string; code: string | null; textOnly: boolean }) => [
          v.version,
          v.changeKind,
          v.code,
          v.textOnly,
        ]),
      ).toEqual([
        [5, 'delete', 'FPG', false],
        [4, 'update', 'FPG', false],
        [3, 'update', null, true],
        [2, 'update', 'PG2H', false],
        [1, 'create', 'FPG', false],
      ]);
      expect(versions.body.items[0].actor).toMatchObject({ type: 'user', displayName: '系统管理员' });
      const audit = await sql<{ action: string; outcome: string }>(
        t,
        `SELECT action, outcome FROM audit_event WHERE target_type = 'indicator_mapping' AND target_id = $1 ORDER BY seq`,
        [mappingId],
      );
      expect(audit.map((row) => `${row.action}:${row.outcome}`)).toEqual([
        'createIndicatorMapping:success',
        'updateIndicatorMapping:success',
        'updateIndicatorMapping:success',
        'updateIndicatorMapping:failure',
        'updateIndicatorMapping:success',
        'updateIndicatorMapping:success',
        'deleteIndicatorMapping:success',
        'deleteIndicatorMapping:failure',
        'updateIndicatorMapping:failure',
      ]);
    });

    it('lets the same name be mapped again once deleted', async () => {
      const again = await createMapping({ source: 'change-lis', name, code: 'FPG' }).expect(201);
      expect(again.body).toMatchObject({ version: 1, reprocessedItems: 1 });
      expect(again.body.id).not.toBe(mappingId);
      expect(await reportOf(reportId)).toMatchObject({ status: 'processed', unmappedCount: 0, abnormalCount: 1 });
    });
  });

  it('deleting a mapping for one category falls back to the name’s mapping for any category', async () => {
    const name = '定性结果';
    const res = await ingest(
      report('CONTEXT-1', [
        { name, value: '+', category: '尿液分析' },
        { name, value: '见报告', category: '免疫' },
      ]),
    );
    await createMapping({ source: 'change-lis', name, textOnly: true }).expect(201);
    const urine = await createMapping({ source: 'change-lis', name, categoryContext: '尿', code: 'U_PRO' }).expect(201);
    expect(urine.body).toMatchObject({ reprocessedItems: 1, resolvedItems: 1 });
    expect(await storedItems(res.body.id)).toEqual([
      { status: 'mapped', code: 'U_PRO', observation: 'U_PRO', verdict: 'abnormal' },
      { status: 'text_only', code: null, observation: null, verdict: null },
    ]);

    const deleted = await deleteMapping(urine.body.id).expect(200);
    expect(deleted.body.reprocessedItems).toBe(1);
    expect(await storedItems(res.body.id)).toEqual([
      { status: 'text_only', code: null, observation: null, verdict: null },
      { status: 'text_only', code: null, observation: null, verdict: null },
    ]);
    expect(await reportOf(res.body.id)).toMatchObject({ status: 'processed', abnormalCount: 0 });
  });

  it('refuses other organisations, users without indicators:manage, bad targets and stale versions', async () => {
    const res = await ingest(report('REFUSE-1', [{ name: '自定义项目甲', value: '5.1', unit: 'mmol/L' }]));
    const mapping = await createMapping({ source: 'change-lis', name: '自定义项目甲', code: 'FPG' }).expect(201);
    const id = mapping.body.id as string;

    expect((await patchMapping('6b1f7c1e-7d43-4a51-9a3e-2f0f6de3c001', { code: 'FPG' }).expect(404)).body.code).toBe(
      'INDICATOR_MAPPING_NOT_FOUND',
    );
    await patchMapping(id, { code: 'TC' }, otherAdmin).expect(404);
    await request(t.http).delete(`/api/v1/indicator-mappings/${id}`).set(bearer(otherAdmin)).expect(404);
    await patchMapping(id, { code: 'TC' }, nurse).expect(403);
    await request(t.http).delete(`/api/v1/indicator-mappings/${id}`).set(bearer(nurse)).expect(403);
    await patchMapping('not-a-uuid', { code: 'TC' }).expect(400);

    const both = await patchMapping(id, { code: 'TC', textOnly: true }).expect(400);
    expect(both.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'exactlyOne' })]);
    const unknown = await patchMapping(id, { code: 'NOPE' }).expect(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'unknownIndicator' })]);
    await patchMapping(id, { source: 'other' }).expect(400);
    const stale = await deleteMapping(id, '?expectedVersion=7').expect(409);
    expect(stale.body.code).toBe('INDICATOR_MAPPING_VERSION_CONFLICT');

    expect(await storedItems(res.body.id)).toEqual([{ status: 'mapped', code: 'FPG', observation: 'FPG', verdict: 'normal' }]);
    const [{ version }] = await sql<{ version: number }>(t, `SELECT version FROM indicator_mapping WHERE id = $1`, [id]);
    expect(version).toBe(1);
  });

  it('leaves more than 500 affected items to a worker job per version; an older version’s job gives way', async () => {
    const name = '批量血糖';
    const items = Array.from({ length: 501 }, (_, i) => ({ name, value: String(5 + (i % 3)), unit: 'mmol/L' }));
    const res = await ingest(report('MANY-1', items, 'bulk-lis'));
    const created = await createMapping({ source: 'bulk-lis', name, code: 'FPG' }).expect(201);
    const id = created.body.id as string;
    await runJob(id, 1);
    const codes = async () =>
      sql<{ code: string | null; n: number }>(
        t,
        `SELECT o.indicator_code AS code, count(*)::int AS n FROM exam_report_item i
           LEFT JOIN observation o ON o.report_id = i.report_id AND o.item_index = i.item_index
          WHERE i.report_id = $1 GROUP BY 1`,
        [res.body.id],
      );
    expect(await codes()).toEqual([{ code: 'FPG', n: 501 }]);

    const changed = await patchMapping(id, { code: 'PG2H' }).expect(200);
    expect(changed.body).toMatchObject({ version: 2, reprocessing: 'queued', reprocessedItems: 0, resolvedItems: 501 });
    await runJob(id, 1);
    expect(await codes()).toEqual([{ code: 'FPG', n: 501 }]);
    await runJob(id, 2);
    expect(await codes()).toEqual([{ code: 'PG2H', n: 501 }]);

    const deleted = await deleteMapping(id).expect(200);
    expect(deleted.body).toMatchObject({ version: 3, reprocessing: 'queued', reprocessedItems: 0 });
    await runJob(id, 3);
    expect(await codes()).toEqual([{ code: null, n: 501 }]);
    expect(await reportOf(res.body.id)).toMatchObject({ status: 'needs_mapping', unmappedCount: 501, abnormalCount: 0 });
    const [row] = await sql<{ reprocessing: string }>(t, `SELECT reprocessing FROM indicator_mapping WHERE id = $1`, [id]);
    expect(row.reprocessing).toBe('done');
  });

  it('a change racing reports of its source leaves every item mapped to the new target', async () => {
    const source = 'race-change-lis';
    const name = '赛跑尿酸';
    await ingest(report('RACE-0', [{ name, value: '400', unit: 'μmol/L' }], source));
    const mapping = await createMapping({ source, name, code: 'CREA' }).expect(201);
    const ingests = Array.from({ length: 10 }, (_, i) =>
      ingest(report(`RACE-${i + 1}`, [{ name, value: '400', unit: 'μmol/L' }], source)),
    );
    const change = patchMapping(mapping.body.id, { code: 'UA' }).expect(200);
    await Promise.all([...ingests, change]);
    const stored = await sql<{ code: string; observation: string; n: number }>(
      t,
      `SELECT i.code, o.indicator_code AS observation, count(*)::int AS n FROM exam_report_item i
         LEFT JOIN observation o ON o.report_id = i.report_id AND o.item_index = i.item_index
        WHERE i.source = $1 GROUP BY 1, 2`,
      [source],
    );
    expect(stored).toEqual([{ code: 'UA', observation: 'UA', n: 11 }]);
  });
});
