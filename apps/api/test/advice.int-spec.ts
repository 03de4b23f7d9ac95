import request from 'supertest';
import { EventDispatcher } from '@health/core';
import { AdviceSeeder } from '@health/interventions';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { dispatchPending } from './outbox-helpers';
import { createTestApp, TestApp } from './test-app';

const ZHANG = { name: '张三', gender: 'male', birthDate: '1978-04-02', idNumber: '110101197804020015', phone: '13800138000' };

/** Tag rules of this test (seeded tag rules may exist too: these names are the test's own). */
const SYSTOLIC_TAG = '测试收缩压高';
const DIASTOLIC_TAG = '测试舒张压高';
const hasTag = (name: string) => ({ in: [name, { var: 'tags' }] });

function report(externalId: string, examDate: string, sbp: string, dbp: string) {
  return {
    source: 'advice-lis',
    externalId,
    examDate,
    client: ZHANG,
    items: [
      { name: '收缩压', value: sbp, unit: 'mmHg' },
      { name: '舒张压', value: dbp, unit: 'mmHg' },
    ],
  };
}

interface Item {
  id: string;
  category: string;
  textZh: string;
  textEn: string | null;
  origin: string;
  templateId: string | null;
  edited: boolean;
  position: number;
}

const texts = (items: Item[]) => items.map((i) => i.textZh);
const asInput = (i: Item) => ({ id: i.id, category: i.category, textZh: i.textZh, textEn: i.textEn });

describe('advice library and client advice', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let clientId: string;
  const templateIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    other = await createOtherOrganisation(t, admin);
  });
  afterAll(() => t.close());

  async function ingest(externalId: string, examDate: string, sbp: string, dbp: string): Promise<string> {
    const res = await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report(externalId, examDate, sbp, dbp));
    expect(res.status).toBe(201);
    await dispatchPending(t);
    return res.body.clientId;
  }

  async function advice(): Promise<{ revision: number; status: string; items: Item[]; hiddenItems: Item[]; approval: unknown }> {
    return (await request(t.http).get(`/api/v1/clients/${clientId}/advice`).set(bearer(admin)).expect(200)).body;
  }

  it('seeds the starter library in every organisation once; a deleted seed does not come back', async () => {
    const mine = await request(t.http).get('/api/v1/advice-templates').set(bearer(admin)).expect(200);
    expect(mine.body.length).toBeGreaterThanOrEqual(30);
    expect(mine.body[0]).toMatchObject({ category: 'diet', version: 1, active: true, seedKey: expect.any(String) });
    // Created after start: seeded on its first read.
    const theirs = await request(t.http).get('/api/v1/advice-templates').set(bearer(other)).expect(200);
    expect(theirs.body).toHaveLength(mine.body.length);

    const water = mine.body.find((x: { seedKey: string }) => x.seedKey === 'uric-acid.water');
    await request(t.http).delete(`/api/v1/advice-templates/${water.id}`).set(bearer(admin)).expect(204);
    expect(await t.app.get(AdviceSeeder).seed()).toBe(0);
    const after = await request(t.http).get('/api/v1/advice-templates').set(bearer(admin)).expect(200);
    expect(after.body).toHaveLength(mine.body.length - 1);
    const medical = await request(t.http).get('/api/v1/advice-templates?category=medical').set(bearer(admin)).expect(200);
    expect(medical.body.every((x: { category: string }) => x.category === 'medical')).toBe(true);
    expect(medical.body.map((x: { priority: number }) => x.priority)).toEqual(
      [...medical.body.map((x: { priority: number }) => x.priority)].sort((a, b) => b - a),
    );
  });

  it('template CRUD: a bad condition or category is a 400, text and condition changes are versions, other organisations get 404', async () => {
    const bad = await request(t.http)
      .post('/api/v1/advice-templates')
      .set(bearer(admin))
      .send({ category: 'diet', textZh: '坏', textEn: 'Bad', condition: { '>=': [{ var: 'ind.SBP.valu' }, 140] } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'ADVICE_CONDITION_INVALID', details: [{ field: 'condition.>=[0].var' }] });
    const always = await request(t.http)
      .post('/api/v1/advice-templates')
      .set(bearer(admin))
      .send({ category: 'diet', textZh: '坏', textEn: 'Bad', condition: { method: ['x'] } })
      .expect(400);
    expect(always.body.code).toBe('ADVICE_CONDITION_INVALID');
    const category = await request(t.http)
      .post('/api/v1/advice-templates')
      .set(bearer(admin))
      .send({ category: 'sleep', textZh: '坏', textEn: 'Bad', condition: hasTag(SYSTOLIC_TAG) })
      .expect(400);
    expect(category.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'category' })] });
    expect(await sql(t, `SELECT 1 FROM advice_template WHERE text_zh = '坏'`)).toHaveLength(0);

    const created = await request(t.http)
      .post('/api/v1/advice-templates')
      .set(bearer(admin))
      .send({ category: 'diet', textZh: '测试：少盐', textEn: 'Test: less salt', condition: hasTag(SYSTOLIC_TAG), priority: 80 })
      .expect(201);
    expect(created.body).toMatchObject({ version: 1, active: true, seedKey: null, priority: 80 });
    const id = created.body.id;
    const reprioritised = await request(t.http)
      .patch(`/api/v1/advice-templates/${id}`)
      .set(bearer(admin))
      .send({ priority: 81 })
      .expect(200);
    expect(reprioritised.body).toMatchObject({ version: 1, priority: 81 });
    const reworded = await request(t.http)
      .patch(`/api/v1/advice-templates/${id}`)
      .set(bearer(admin))
      .send({ textZh: '测试：减少钠盐', priority: 80 })
      .expect(200);
    expect(reworded.body).toMatchObject({ version: 2, textZh: '测试：减少钠盐', textEn: 'Test: less salt' });
    const versions = await sql(
      t,
      `SELECT version, text_zh FROM advice_template_version WHERE template_id = $1 ORDER BY version`,
      [id],
    );
    expect(versions).toEqual([
      { version: 1, text_zh: '测试：少盐' },
      { version: 2, text_zh: '测试：减少钠盐' },
    ]);
    templateIds.salt = id;

    for (const call of [
      request(t.http).get(`/api/v1/advice-templates/${id}`),
      request(t.http).patch(`/api/v1/advice-templates/${id}`).send({ priority: 1 }),
      request(t.http).delete(`/api/v1/advice-templates/${id}`),
    ]) {
      const res = await call.set(bearer(other));
      expect([res.status, res.body.code]).toEqual([404, 'ADVICE_TEMPLATE_NOT_FOUND']);
    }
    await request(t.http).get(`/api/v1/advice-templates/${id}`).set(bearer(admin)).expect(200);
  });

  it('a client with a tag gets the matching advice in priority order, generated by the tag event', async () => {
    // The seeded library would add its general advice for adults: switched off here, used in the last test.
    await sql(t, `UPDATE advice_template SET active = false WHERE seed_key IS NOT NULL`);
    for (const [name, condition] of [
      [SYSTOLIC_TAG, { '>=': [{ var: 'ind.SBP.value' }, 140] }],
      [DIASTOLIC_TAG, { '>=': [{ var: 'ind.DBP.value' }, 90] }],
    ] as const)
      await request(t.http)
        .post('/api/v1/tags')
        .set(bearer(admin))
        .send({ name, colour: '#f56c6c', category: '测试', condition })
        .expect(201);
    const templates = [
      ['walk', 'exercise', '测试：快走', SYSTOLIC_TAG, 60],
      ['doctor', 'medical', '测试：请咨询医生', SYSTOLIC_TAG, 90],
      ['relax', 'mental', '测试：放松', DIASTOLIC_TAG, 70],
      ['baduanjin', 'tcm', '测试：八段锦', DIASTOLIC_TAG, 50],
    ] as const;
    for (const [key, category, textZh, tag, priority] of templates) {
      const res = await request(t.http)
        .post('/api/v1/advice-templates')
        .set(bearer(admin))
        .send({ category, textZh, textEn: `Test: ${key}`, condition: hasTag(tag), priority })
        .expect(201);
      templateIds[key] = res.body.id;
    }

    clientId = await ingest('A-1', '2025-03-01', '150', '85');
    const [set] = await sql<{ revision: number }>(t, `SELECT revision FROM client_advice WHERE client_id = $1`, [clientId]);
    expect(set.revision).toBe(1); // the tag.added handler generated it before anyone read it
    const body = await advice();
    expect(body).toMatchObject({ revision: 1, status: 'draft', hiddenItems: [], approval: null });
    expect(texts(body.items)).toEqual(['测试：请咨询医生', '测试：减少钠盐', '测试：快走']);
    expect(body.items[0]).toMatchObject({ origin: 'template', templateId: templateIds.doctor, edited: false, position: 0 });

    const foreign = await request(t.http).get(`/api/v1/clients/${clientId}/advice`).set(bearer(other));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);
  });

  it('refuses an edit based on an old revision or naming an item of nobody', async () => {
    const body = await advice();
    const stale = await request(t.http)
      .put(`/api/v1/clients/${clientId}/advice`)
      .set(bearer(admin))
      .send({ revision: body.revision - 1, items: body.items.map(asInput) })
      .expect(409);
    expect(stale.body.code).toBe('ADVICE_SET_STALE');
    const unknown = await request(t.http)
      .put(`/api/v1/clients/${clientId}/advice`)
      .set(bearer(admin))
      .send({ revision: body.revision, items: [{ id: templateIds.doctor, category: 'medical', textZh: 'x' }] })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'ADVICE_ITEM_UNKNOWN', details: [{ field: 'items[0].id' }] });
    expect((await advice()).revision).toBe(body.revision);
  });

  it('staff edit, reorder, add and hide; a tag event then regenerates without losing an edit or resurrecting a hidden item', async () => {
    const before = await advice();
    const [doctor, salt, walk] = before.items;
    const edited = await request(t.http)
      .put(`/api/v1/clients/${clientId}/advice`)
      .set(bearer(admin))
      .send({
        revision: before.revision,
        items: [
          { ...asInput(salt), textZh: '每日食盐不超过5克，少吃咸菜' },
          { category: 'diet', textZh: '少喝含糖饮料', textEn: 'Fewer sugary drinks' },
          asInput(doctor),
        ],
      })
      .expect(200);
    expect(edited.body.revision).toBe(before.revision + 1);
    expect(edited.body.items).toEqual([
      expect.objectContaining({ id: salt.id, textZh: '每日食盐不超过5克，少吃咸菜', edited: true, position: 0 }),
      expect.objectContaining({ origin: 'staff', templateId: null, textZh: '少喝含糖饮料', edited: false, position: 1 }),
      expect.objectContaining({ id: doctor.id, edited: false, position: 2 }),
    ]);
    expect(edited.body.hiddenItems).toEqual([expect.objectContaining({ id: walk.id })]);

    await ingest('A-2', '2025-06-01', '152', '96'); // adds the diastolic tag
    const after = await advice();
    expect(texts(after.items)).toEqual([
      '每日食盐不超过5克，少吃咸菜',
      '少喝含糖饮料',
      '测试：请咨询医生',
      '测试：放松',
      '测试：八段锦',
    ]);
    expect(after.items.slice(0, 3).map((i) => i.id)).toEqual(edited.body.items.map((i: Item) => i.id));
    expect(after.hiddenItems.map((i) => i.id)).toEqual([walk.id]);
    expect(after.revision).toBe(edited.body.revision + 1);
  });

  it('regenerating again with the same facts changes nothing', async () => {
    const before = await advice();
    const first = await request(t.http).post(`/api/v1/clients/${clientId}/advice/regenerate`).set(bearer(admin)).expect(200);
    const second = await request(t.http).post(`/api/v1/clients/${clientId}/advice/regenerate`).set(bearer(admin)).expect(200);
    expect(first.body).toEqual(before);
    expect(second.body).toEqual(before);
    // The tag event handled a second time does nothing either.
    const [event] = await sql<{ id: string }>(
      t,
      `SELECT id FROM outbox WHERE type = 'tag.added' AND aggregate_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [clientId],
    );
    await sql(t, `DELETE FROM processed_events WHERE event_id = $1`, [event.id]);
    await sql(t, `UPDATE outbox SET processed_at = NULL WHERE id = $1`, [event.id]);
    await t.app.get(EventDispatcher).dispatch(event.id);
    expect(await advice()).toEqual(before);
  });

  it('finalize records who approved which revision; a later change makes the set a draft again', async () => {
    const before = await advice();
    const stale = await request(t.http)
      .post(`/api/v1/clients/${clientId}/advice/finalize`)
      .set(bearer(admin))
      .send({ revision: before.revision - 1 })
      .expect(409);
    expect(stale.body.code).toBe('ADVICE_SET_STALE');
    const final = await request(t.http)
      .post(`/api/v1/clients/${clientId}/advice/finalize`)
      .set(bearer(admin))
      .send({ revision: before.revision })
      .expect(200);
    expect(final.body).toMatchObject({
      status: 'final',
      revision: before.revision,
      approval: { revision: before.revision, at: expect.any(String), by: { type: 'user', displayName: expect.any(String) } },
    });
    await request(t.http)
      .put(`/api/v1/clients/${clientId}/advice`)
      .set(bearer(admin))
      .send({ revision: before.revision, items: before.items.slice(1).map(asInput) })
      .expect(200);
    const draft = await advice();
    expect(draft).toMatchObject({ status: 'draft', revision: before.revision + 1, approval: { revision: before.revision } });
    // Shown again by listing it.
    const restored = await request(t.http)
      .put(`/api/v1/clients/${clientId}/advice`)
      .set(bearer(admin))
      .send({ revision: draft.revision, items: before.items.map(asInput) })
      .expect(200);
    expect(texts(restored.body.items)).toEqual(texts(before.items));
  });

  it('a removed tag takes its unedited advice away; edits, staff items and hidden items stay', async () => {
    await ingest('A-3', '2025-09-01', '128', '82'); // both tags removed
    const after = await advice();
    expect(texts(after.items)).toEqual(['每日食盐不超过5克，少吃咸菜', '少喝含糖饮料']);
    expect(after.hiddenItems).toEqual([expect.objectContaining({ templateId: templateIds.walk })]);
    // Only the test's own rules: the seeded 高血压 rule follows the same readings.
    const removed = await sql(
      t,
      `SELECT 1 FROM outbox o JOIN tag g ON g.id::text = o.payload->>'tagId'
        WHERE o.type = 'tag.removed' AND o.aggregate_id = $1 AND g.name = ANY($2::text[])`,
      [clientId, [SYSTOLIC_TAG, DIASTOLIC_TAG]],
    );
    expect(removed).toHaveLength(2);
  });

  it('seeded general advice reaches every adult once active, after the client’s own items by priority', async () => {
    const [seed] = await sql<{ id: string }>(t, `SELECT id FROM advice_template WHERE seed_key = 'general.balanced-diet'`);
    await request(t.http).patch(`/api/v1/advice-templates/${seed.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    const regenerated = await request(t.http)
      .post(`/api/v1/clients/${clientId}/advice/regenerate`)
      .set(bearer(admin))
      .expect(200);
    expect(regenerated.body.items.at(-1)).toMatchObject({ templateId: seed.id, category: 'diet', origin: 'template' });
    expect(regenerated.body.items).toHaveLength(3);
  });
});
