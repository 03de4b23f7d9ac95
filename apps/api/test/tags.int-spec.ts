import request from 'supertest';
import { EventDispatcher, JobHandlers } from '@health/core';
import { TagReevaluationJob } from '@health/archives';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { dispatchPending } from './outbox-helpers';
import { createTestApp, TestApp } from './test-app';

const HYPERTENSION = { or: [{ '>=': [{ var: 'ind.SBP.value' }, 140] }, { '>=': [{ var: 'ind.DBP.value' }, 90] }] };

const ZHANG = { name: '张三', gender: 'male', birthDate: '1978-04-02', idNumber: '110101197804020015', phone: '13800138000' };
const LI = { name: '李四', gender: 'male', birthDate: '1990-03-07', idNumber: '110101199003070011', phone: '13900139000' };

function report(externalId: string, examDate: string, sbp: string, dbp: string, client: Record<string, string> = ZHANG) {
  return {
    source: 'tag-lis',
    externalId,
    examDate,
    client,
    items: [
      { name: '收缩压', value: sbp, unit: 'mmHg' },
      { name: '舒张压', value: dbp, unit: 'mmHg' },
    ],
  };
}

async function runReevaluation(t: TestApp, tagId: string, version: number): Promise<void> {
  const handler = t.app.get(JobHandlers).handlerFor(TagReevaluationJob.queue, TagReevaluationJob.name);
  await handler!({ tagId, version }, { jobId: `${tagId}.v${version}`, attempt: 1 });
}

describe('tags and tag rules', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let ruleId: string;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    other = await createOtherOrganisation(t, admin);
  });
  afterAll(() => t.close());

  it('refuses a condition with an unknown fact or operator and stores nothing', async () => {
    const bad = await request(t.http)
      .post('/api/v1/tags')
      .set(bearer(admin))
      .send({ name: '坏规则', colour: '#ff0000', category: '测试', condition: { '>=': [{ var: 'ind.SBP.valu' }, 140] } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'TAG_CONDITION_INVALID', details: [{ field: 'condition.>=[0].var' }] });
    const op = await request(t.http)
      .post('/api/v1/tags')
      .set(bearer(admin))
      .send({ name: '坏规则', colour: '#ff0000', category: '测试', condition: { method: [{ var: 'age' }, 'x'] } })
      .expect(400);
    expect(op.body.code).toBe('TAG_CONDITION_INVALID');
    expect(await sql(t, `SELECT 1 FROM tag WHERE name = '坏规则'`)).toHaveLength(0);
  });

  it('a report above the threshold tags the client with evidence and emits tag.added once', async () => {
    const created = await request(t.http)
      .post('/api/v1/tags')
      .set(bearer(admin))
      .send({ name: '测试高血压', nameEn: 'Test hypertension', colour: '#F56C6C', category: '慢病风险', condition: HYPERTENSION })
      .expect(201);
    ruleId = created.body.id;
    expect(created.body).toMatchObject({ kind: 'rule', ruleVersion: 1, colour: '#f56c6c', reevaluation: { state: 'queued' } });

    const ingested = await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report('T-1', '2025-03-01', '150', '85'))
      .expect(201);
    clientId = ingested.body.clientId;
    await dispatchPending(t);
    await dispatchPending(t);

    const tags = await request(t.http).get(`/api/v1/clients/${clientId}/tags`).set(bearer(admin)).expect(200);
    expect(tags.body.tags.filter((tag: { tagId: string }) => tag.tagId === ruleId)).toEqual([
      expect.objectContaining({
        tagId: ruleId,
        name: '测试高血压',
        source: 'rule',
        ruleVersion: 1,
        evidence: expect.objectContaining({
          ruleVersion: 1,
          facts: { 'ind.SBP.value': 150, 'ind.DBP.value': 85 },
          reportId: ingested.body.id,
          trigger: 'report.ingested',
        }),
      }),
    ]);
    const added = await sql(t, `SELECT payload FROM outbox WHERE type = 'tag.added' AND payload->>'tagId' = $1`, [ruleId]);
    expect(added).toEqual([{ payload: expect.objectContaining({ clientId, tagId: ruleId, source: 'rule' }) }]);
    const [facts] = await sql<{ facts: { tags: string[]; ind: Record<string, { value: number }> } }>(
      t,
      `SELECT facts FROM client_facts WHERE client_id = $1`,
      [clientId],
    );
    expect(facts.facts.tags).toContain('测试高血压');
    expect(facts.facts.ind.SBP.value).toBe(150);
  });

  it('the same event handled again changes nothing', async () => {
    const [event] = await sql<{ id: string }>(t, `SELECT id FROM outbox WHERE type = 'report.ingested' LIMIT 1`);
    await sql(t, `UPDATE outbox SET processed_at = NULL WHERE id = $1`, [event.id]);
    await t.app.get(EventDispatcher).dispatch(event.id);
    expect(await sql(t, `SELECT 1 FROM client_tag_change WHERE client_id = $1 AND tag_id = $2`, [clientId, ruleId])).toHaveLength(
      1,
    );
  });

  it('a later normal report removes the tag and emits tag.removed once', async () => {
    await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report('T-2', '2025-09-01', '128', '82'))
      .expect(201);
    await dispatchPending(t);
    // A third normal report: the condition stays false, so nothing else happens.
    await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report('T-3', '2025-10-01', '126', '80'))
      .expect(201);
    await dispatchPending(t);
    const tags = await request(t.http).get(`/api/v1/clients/${clientId}/tags`).set(bearer(admin)).expect(200);
    const mine = (list: { tagId: string }[]) => list.filter((x) => x.tagId === ruleId);
    expect(mine(tags.body.tags)).toEqual([]);
    expect(mine(tags.body.changes).map((c) => (c as unknown as { change: string }).change)).toEqual(['removed', 'added']);
    expect((mine(tags.body.changes)[0] as unknown as { evidence: { facts: unknown } }).evidence.facts).toEqual({
      'ind.SBP.value': 128,
      'ind.DBP.value': 82,
    });
    expect(await sql(t, `SELECT 1 FROM outbox WHERE type = 'tag.removed' AND payload->>'tagId' = $1`, [ruleId])).toHaveLength(1);
  });

  it('previews a condition over current facts without saving', async () => {
    await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report('T-4', '2025-05-01', '165', '101', LI))
      .expect(201);
    await dispatchPending(t);
    const preview = await request(t.http)
      .post('/api/v1/tag-rules/preview')
      .set(bearer(admin))
      .send({ condition: { '>=': [{ var: 'ind.SBP.value' }, 120] } })
      .expect(200);
    expect(preview.body).toMatchObject({ matching: 2, evaluated: 2 });
    const none = await request(t.http)
      .post('/api/v1/tag-rules/preview')
      .set(bearer(admin))
      .send({ condition: { '<': [{ var: 'ind.FPG.value' }, 7] } })
      .expect(200);
    expect(none.body.matching).toBe(0); // nobody has a glucose value: unknown is never "below"
    const foreign = await request(t.http)
      .post('/api/v1/tag-rules/preview')
      .set(bearer(other))
      .send({ condition: { '>=': [{ var: 'ind.SBP.value' }, 120] } })
      .expect(200);
    expect(foreign.body).toMatchObject({ matching: 0, evaluated: 0 });
  });

  it('a changed rule is a new version; its job re-evaluates every client, twice changes nothing', async () => {
    const lowered = { or: [{ '>=': [{ var: 'ind.SBP.value' }, 125] }, { '>=': [{ var: 'ind.DBP.value' }, 90] }] };
    const updated = await request(t.http)
      .patch(`/api/v1/tags/${ruleId}`)
      .set(bearer(admin))
      .send({ name: '测试高血压', colour: '#f56c6c', category: '慢病风险', condition: lowered })
      .expect(200);
    expect(updated.body).toMatchObject({ ruleVersion: 2, reevaluation: { state: 'queued' } });
    await runReevaluation(t, ruleId, 2);
    const done = await request(t.http).get(`/api/v1/tags/${ruleId}`).set(bearer(admin)).expect(200);
    expect(done.body).toMatchObject({
      clientCount: 2,
      reevaluation: { state: 'done', total: 2, done: 2, added: 1, removed: 0, version: 2 },
    });
    await runReevaluation(t, ruleId, 2);
    expect(await sql(t, `SELECT 1 FROM client_tag_change WHERE tag_id = $1 AND change = 'added'`, [ruleId])).toHaveLength(3);
    // A stale version's job does nothing.
    await runReevaluation(t, ruleId, 1);
    const versions = await sql(t, `SELECT version FROM tag_rule_version WHERE tag_id = $1 ORDER BY version`, [ruleId]);
    expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
    const list = await request(t.http).get(`/api/v1/clients?tagId=${ruleId}`).set(bearer(admin)).expect(200);
    expect(list.body.total).toBe(2);
    const foreign = await request(t.http).get(`/api/v1/clients?tagId=${ruleId}`).set(bearer(other)).expect(200);
    expect(foreign.body.total).toBe(0);
  });

  it('staff add and remove manual tags; rule tags cannot be set by hand', async () => {
    const vip = await request(t.http)
      .post('/api/v1/tags')
      .set(bearer(admin))
      .send({ name: 'VIP', colour: '#e6a23c', category: '客户管理' })
      .expect(201);
    expect(vip.body.kind).toBe('manual');
    const added = await request(t.http)
      .post(`/api/v1/clients/${clientId}/tags`)
      .set(bearer(admin))
      .send({ tagId: vip.body.id, note: '年度大客户' })
      .expect(200);
    expect(added.body.tags.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['VIP', '测试高血压']));
    await request(t.http).post(`/api/v1/clients/${clientId}/tags`).set(bearer(admin)).send({ tagId: vip.body.id }).expect(200);
    expect(await sql(t, `SELECT 1 FROM outbox WHERE type = 'tag.added' AND payload->>'source' = 'manual'`)).toHaveLength(1);
    const refused = await request(t.http)
      .post(`/api/v1/clients/${clientId}/tags`)
      .set(bearer(admin))
      .send({ tagId: ruleId })
      .expect(409);
    expect(refused.body.code).toBe('TAG_IS_RULE_BASED');
    await request(t.http).delete(`/api/v1/clients/${clientId}/tags/${vip.body.id}`).set(bearer(admin)).expect(200);
    await request(t.http).post(`/api/v1/clients/${clientId}/tags`).set(bearer(other)).send({ tagId: vip.body.id }).expect(404);
    await request(t.http).get(`/api/v1/tags/${vip.body.id}`).set(bearer(other)).expect(404);
    const dup = await request(t.http)
      .post('/api/v1/tags')
      .set(bearer(admin))
      .send({ name: 'VIP', colour: '#e6a23c', category: 'x' })
      .expect(409);
    expect(dup.body.code).toBe('TAG_NAME_TAKEN');
  });

  it('lists the facts a condition can read', async () => {
    const res = await request(t.http).get('/api/v1/tag-rules/facts').set(bearer(admin)).expect(200);
    const paths = res.body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['age', 'sex', 'tags', 'ind.SBP.value', 'ind.U_PRO.abnormal', 'archive.smoker']),
    );
    expect(paths).not.toContain('ind.U_PRO.value');
  });

  it('marks the facts of a retired indicator, which rules written before still read', async () => {
    await request(t.http)
      .post('/api/v1/indicators')
      .set(bearer(admin))
      .send({ code: 'OLD_MARKER', nameZh: '旧标志物', nameEn: 'Old marker', category: '其他', valueType: 'numeric' })
      .expect(201);
    const facts = async () =>
      (await request(t.http).get('/api/v1/tag-rules/facts').set(bearer(admin)).expect(200)).body.fields.filter(
        (f: { path: string }) => f.path.startsWith('ind.OLD_MARKER.') || f.path === 'ind.SBP.value',
      );
    expect((await facts()).map((f: { retired?: boolean }) => f.retired)).toEqual([undefined, undefined, undefined]);
    await request(t.http)
      .patch('/api/v1/indicators/OLD_MARKER')
      .set(bearer(admin))
      .send({ expectedVersion: 1, status: 'retired' })
      .expect(200);
    const after = await facts();
    expect(after).toHaveLength(3);
    expect(after).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'ind.OLD_MARKER.value', label: '旧标志物 最新值', retired: true }),
        expect.objectContaining({ path: 'ind.OLD_MARKER.abnormal', retired: true }),
      ]),
    );
    expect(after.find((f: { path: string }) => f.path === 'ind.SBP.value').retired).toBeUndefined();
  });
});
