import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NotificationDelivery, Notifier } from '@health/core';
import { FakeChannels } from './fake-channels';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const run = promisify(execFile);

/** Openids shaped like WeChat's (28 characters of letters, digits, `_` and `-`). */
const OPEN_ID_LI = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';
const OPEN_ID_WU = 'oXq-4t7Lw0aZ3nVbQe9KmR2uYs5D';
/** Differs from OPEN_ID_WU only in case: openids are case-sensitive, so this is another person. */
const OPEN_ID_WU_UPPER = OPEN_ID_WU.toUpperCase();

interface NotificationState {
  status: string;
  reason: string | null;
}

interface WechatColumns {
  wechat_open_id_cipher: string | null;
  wechat_open_id_hash: string | null;
  wechat_open_id_masked: string | null;
  wechat_bound_at: Date | null;
}

describe('client WeChat binding', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let fake: FakeChannels;
  let orgId: string;
  let liId: string;

  const api = () => request(t.http);
  const bind = (session: Session, clientId: string, openId: unknown) =>
    api().put(`/api/v1/clients/${clientId}/wechat-binding`).set(bearer(session)).send({ openId });
  const unbind = (session: Session, clientId: string) =>
    api().delete(`/api/v1/clients/${clientId}/wechat-binding`).set(bearer(session));

  async function createClient(session: Session, name: string): Promise<string> {
    const res = await api()
      .post('/api/v1/clients')
      .set(bearer(session))
      .send({ name, gender: 'female', birthDate: '1972-08-09' })
      .expect(201);
    return res.body.id as string;
  }

  /** Asks for a follow-up reminder to the client over WeChat and runs its delivery once. */
  async function remindOverWechat(clientId: string, dedupeKey: string): Promise<NotificationState> {
    const notifier = t.app.get(Notifier);
    const [id] = await t.app.get(DataSource).transaction((m) =>
      notifier.request(m, {
        orgId,
        dedupeKey,
        audience: 'client',
        clientId,
        channels: ['wechat'],
        template: 'follow-up.reminder',
        variables: { clientName: '李娟', method: '电话', dueDate: '2026-04-02' },
      }),
    );
    await t.app.get(NotificationDelivery).deliver(id, 1);
    const [state] = await sql<NotificationState>(t, 'SELECT status, reason FROM notification WHERE id = $1', [id]);
    return state;
  }

  async function wechatColumns(clientId: string): Promise<WechatColumns> {
    const [row] = await sql<WechatColumns>(
      t,
      `SELECT wechat_open_id_cipher, wechat_open_id_hash, wechat_open_id_masked, wechat_bound_at FROM client WHERE id = $1`,
      [clientId],
    );
    return row;
  }

  beforeAll(async () => {
    fake = new FakeChannels();
    const base = await fake.start();
    t = await createTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgId = admin.user.organisation.id;
    other = await createOtherOrganisation(t, admin);
    await api()
      .put('/api/v1/notification-settings')
      .set(bearer(admin))
      .send({
        quietStart: '00:00',
        quietEnd: '00:00',
        wechatAppId: 'wx-app',
        wechatSecret: 'wx-secret',
        wechatApiBase: `${base}/wechat`,
      })
      .expect(200);
    const templates = (await api().get('/api/v1/message-templates').set(bearer(admin)).expect(200)).body as {
      id: string;
      code: string;
      channel: string;
    }[];
    const reminder = templates.find((x) => x.code === 'follow-up.reminder' && x.channel === 'wechat')!;
    await api()
      .patch(`/api/v1/message-templates/${reminder.id}`)
      .set(bearer(admin))
      .send({ wechatTemplateId: 'TPL-REMINDER' })
      .expect(200);

    liId = await createClient(admin, '李娟');
    await api()
      .post(`/api/v1/clients/${liId}/consents`)
      .set(bearer(admin))
      .send({ kind: 'reminders', version: '2026-01', granted: true })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('starts unbound; a bound openid is stored encrypted and masked, and WeChat messages reach it', async () => {
    const before = (await api().get(`/api/v1/clients/${liId}`).set(bearer(admin)).expect(200)).body;
    expect(before).toMatchObject({ wechatBound: false, wechatOpenIdMasked: null, wechatBoundAt: null });

    const res = await bind(admin, liId, OPEN_ID_LI).expect(200);
    expect(res.body).toMatchObject({ id: liId, wechatBound: true, wechatOpenIdMasked: 'o6_b****fL2M' });
    expect(Date.parse(res.body.wechatBoundAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(res.body)).not.toContain(OPEN_ID_LI);
    const listed = (await api().get('/api/v1/clients?search=李娟').set(bearer(admin)).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: liId, wechatBound: true, wechatOpenIdMasked: 'o6_b****fL2M' })]);

    const columns = await wechatColumns(liId);
    expect(columns.wechat_open_id_cipher).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(columns.wechat_open_id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(columns.wechat_open_id_masked).toBe('o6_b****fL2M');
    const [row] = await sql<Record<string, unknown>>(t, 'SELECT * FROM client WHERE id = $1', [liId]);
    expect(JSON.stringify(row)).not.toContain(OPEN_ID_LI);

    expect(await remindOverWechat(liId, 'wechat-binding:bound')).toEqual({ status: 'sent', reason: null });
    const sends = fake.at('/wechat/cgi-bin/message/template/send');
    expect(sends).toHaveLength(1);
    expect(JSON.parse(sends[0].body)).toMatchObject({
      touser: OPEN_ID_LI,
      template_id: 'TPL-REMINDER',
      data: { first: { value: '李娟您好，您有一次健康随访即将进行。' }, keyword1: { value: '电话' } },
    });

    const audit = await sql(
      t,
      `SELECT actor_id, outcome FROM audit_event WHERE action = 'client.wechat_bind' AND target_id = $1`,
      [liId],
    );
    expect(audit).toEqual([{ actor_id: admin.user.id, outcome: 'success' }]);
  });

  it('gives the full openid only to an audited unmask', async () => {
    const res = await api()
      .post(`/api/v1/clients/${liId}/unmask`)
      .set(bearer(admin))
      .send({ reason: '核对微信绑定' })
      .expect(200);
    expect(res.body).toEqual({ wechatOpenId: OPEN_ID_LI });
  });

  it('refuses openids that are not 10-64 letters, digits, _ or -', async () => {
    for (const bad of [
      'o6_bmjr',
      'x'.repeat(65),
      'o6_bmjrPTlm6 2sgVt7hMZOPfL2M',
      'o6_bmjrPTlm6.2sgVt7hMZOPfL2M',
      '微信号一二三四五六七八',
      42,
      null,
    ]) {
      const res = await bind(admin, liId, bad).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'openId' })]));
    }
    expect((await wechatColumns(liId)).wechat_open_id_masked).toBe('o6_b****fL2M');
  });

  it('keeps one openid to one live client: 409 naming the holder, free again once the holder is deleted', async () => {
    const wuId = await createClient(admin, '吴敏');
    const zhouId = await createClient(admin, '周洁');
    await bind(admin, wuId, OPEN_ID_WU).expect(200);
    // Binding the same openid again changes nothing, not even when it was bound.
    const boundAt = (await wechatColumns(wuId)).wechat_bound_at;
    await bind(admin, wuId, OPEN_ID_WU).expect(200);
    expect((await wechatColumns(wuId)).wechat_bound_at).toEqual(boundAt);

    const taken = await bind(admin, zhouId, OPEN_ID_WU).expect(409);
    expect(taken.body).toMatchObject({
      code: 'WECHAT_ALREADY_BOUND',
      details: [{ field: 'openId', code: 'existingClientId', message: wuId }],
    });
    expect((await wechatColumns(zhouId)).wechat_open_id_hash).toBeNull();

    // Case matters in openids: this is someone else's.
    await bind(admin, zhouId, OPEN_ID_WU_UPPER).expect(200);
    // Rebinding replaces the openid, which frees the old one.
    await bind(admin, zhouId, OPEN_ID_LI).expect(409);
    const replaced = await bind(admin, wuId, 'oWu_second_openid_0000000001').expect(200);
    expect(replaced.body.wechatOpenIdMasked).toBe('oWu_****0001');
    await bind(admin, zhouId, OPEN_ID_WU).expect(200);

    // A soft-deleted client's binding does not hold its openid.
    expect((await bind(admin, wuId, OPEN_ID_WU).expect(409)).body.details[0].message).toBe(zhouId);
    await api().delete(`/api/v1/clients/${zhouId}`).set(bearer(admin)).send({ reason: '重复建档' }).expect(204);
    await bind(admin, wuId, OPEN_ID_WU).expect(200);
  });

  it('answers 409, not 500, when two clients claim the same openid at the same time', async () => {
    const first = await createClient(admin, '钱芳');
    const second = await createClient(admin, '孙丽');
    const openId = 'oRace_0123456789abcdefghijk';
    const answers = await Promise.all([bind(admin, first, openId), bind(admin, second, openId)]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    const winner = answers.find((res) => res.status === 200)!.body.id;
    expect(answers.find((res) => res.status === 409)!.body.details[0].message).toBe(winner);
  });

  it('unbinds idempotently, after which WeChat messages fail for want of a binding', async () => {
    await unbind(admin, liId).expect(204);
    expect(await wechatColumns(liId)).toEqual({
      wechat_open_id_cipher: null,
      wechat_open_id_hash: null,
      wechat_open_id_masked: null,
      wechat_bound_at: null,
    });
    const client = (await api().get(`/api/v1/clients/${liId}`).set(bearer(admin)).expect(200)).body;
    expect(client).toMatchObject({ wechatBound: false, wechatOpenIdMasked: null, wechatBoundAt: null });
    await unbind(admin, liId).expect(204);

    const sendsBefore = fake.at('/wechat/cgi-bin/message/template/send').length;
    expect(await remindOverWechat(liId, 'wechat-binding:unbound')).toEqual({ status: 'failed', reason: 'no_wechat_binding' });
    expect(fake.at('/wechat/cgi-bin/message/template/send')).toHaveLength(sendsBefore);

    const audit = await sql(t, `SELECT outcome FROM audit_event WHERE action = 'client.wechat_unbind' AND target_id = $1`, [
      liId,
    ]);
    expect(audit).toEqual([{ outcome: 'success' }, { outcome: 'success' }]);
  });

  it('answers 404 for clients of another organisation, whose own clients may bind the same openid', async () => {
    for (const res of [await bind(other, liId, OPEN_ID_LI), await unbind(other, liId)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CLIENT_NOT_FOUND');
    }
    await bind(admin, '00000000-0000-4000-8000-000000000000', OPEN_ID_LI).expect(404);

    await bind(admin, liId, OPEN_ID_LI).expect(200);
    const theirs = await createClient(other, '李娟');
    await bind(other, theirs, OPEN_ID_LI).expect(200);
  });

  it('lets a WeChat middleware bind with an API key that has clients:write, and refuses one without', async () => {
    const key = async (scopes: string[]) =>
      (
        await api()
          .post('/api/v1/api-keys')
          .set(bearer(admin))
          .send({ name: `wechat ${scopes.join()}`, scopes })
          .expect(201)
      ).body.key as string;
    const writer = await key(['clients:write']);
    const reader = await key(['clients:read']);
    const clientId = await createClient(admin, '郑红');
    const openId = 'oMiddleware_Bound_000000001';
    const refused = await api()
      .put(`/api/v1/clients/${clientId}/wechat-binding`)
      .set('X-API-Key', reader)
      .send({ openId })
      .expect(403);
    expect(refused.body.code).toBe('PERMISSION_DENIED');
    const res = await api()
      .put(`/api/v1/clients/${clientId}/wechat-binding`)
      .set('X-API-Key', writer)
      .send({ openId })
      .expect(200);
    expect(res.body.wechatBound).toBe(true);
  });

  it('never lets a plaintext openid reach the database: not the client row, notifications, audit or outbox', async () => {
    const { stdout } = await run('pg_dump', ['--data-only', t.database.url], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain('李娟');
    for (const openId of [
      OPEN_ID_LI,
      OPEN_ID_WU,
      OPEN_ID_WU_UPPER,
      'oWu_second_openid_0000000001',
      'oMiddleware_Bound_000000001',
      'oRace_0123456789abcdefghijk',
    ]) {
      expect(stdout).not.toContain(openId);
    }
  });
});
