import { createHmac } from 'node:crypto';
import request from 'supertest';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  Delivery,
  DeliverNotificationJob,
  DeliveryRetryError,
  JobHandlers,
  NotificationDelivery,
  NotificationRequest,
  Notifier,
  QueueConnection,
  ReconcileSources,
  WechatSender,
} from '@health/core';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { TEST_REDIS_URL, waitUntil } from '@health/core/testing';
import { FakeChannels } from './fake-channels';
import { createTestApp, TestApp } from './test-app';

const WEBHOOK_SECRET = 'whsec-test-0123456789';

/** HH:MM in Shanghai `minutes` from now. */
function shanghaiTime(minutesFromNow: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + minutesFromNow * 60_000));
}

interface NotificationState {
  status: string;
  reason: string | null;
  attempts: number;
  not_before: Date | null;
  rendered_text: string | null;
}

describe('notifications', () => {
  let t: TestApp;
  let admin: Session;
  let fake: FakeChannels;
  let base: string;
  let orgId: string;
  let notifier: Notifier;
  let delivery: NotificationDelivery;
  let queue: Queue;

  beforeAll(async () => {
    fake = new FakeChannels();
    base = await fake.start();
    t = await createTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgId = admin.user.organisation.id;
    notifier = t.app.get(Notifier);
    delivery = t.app.get(NotificationDelivery);
    queue = new Queue(DeliverNotificationJob.queue, {
      connection: t.app.get(QueueConnection).client,
      prefix: t.config.queuePrefix,
    });
    await request(t.http)
      .put('/api/v1/notification-settings')
      .set(bearer(admin))
      .send({
        quietStart: '00:00',
        quietEnd: '00:00',
        webhookUrl: `${base}/webhook`,
        webhookSecret: WEBHOOK_SECRET,
        smsGatewayUrl: `${base}/sms`,
        smsToken: 'sms-token-1',
        wechatAppId: 'wx-app',
        wechatSecret: 'wx-secret',
        wechatApiBase: `${base}/wechat/`,
      })
      .expect(200);
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
    await fake.stop();
  });

  async function notify(req: Omit<NotificationRequest, 'orgId'>): Promise<string[]> {
    const ids = await t.app.get(DataSource).transaction((m) => notifier.request(m, { orgId, ...req }));
    await notifier.deliverSoon(ids);
    return ids;
  }

  async function state(id: string): Promise<NotificationState> {
    const [row] = await sql<NotificationState>(
      t,
      `SELECT status, reason, attempts, not_before, rendered_text FROM notification WHERE id = $1`,
      [id],
    );
    return row;
  }

  async function createClient(name: string, phone: string, reminders: boolean | null): Promise<string> {
    const res = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(admin))
      .send({ name, gender: 'female', birthDate: '1970-05-01', phone })
      .expect(201);
    if (reminders !== null) await consent(res.body.id, reminders);
    return res.body.id;
  }

  async function consent(clientId: string, granted: boolean): Promise<void> {
    await request(t.http)
      .post(`/api/v1/clients/${clientId}/consents`)
      .set(bearer(admin))
      .send({ kind: 'reminders', version: '2026-01', granted })
      .expect(201);
  }

  const taskVariables = { clientName: '王芳', method: '电话', dueDate: '2026-03-11' };

  it('keeps secrets write-only and validates settings and templates', async () => {
    const settings = (await request(t.http).get('/api/v1/notification-settings').set(bearer(admin)).expect(200)).body;
    expect(settings).toMatchObject({
      webhookUrl: `${base}/webhook`,
      webhookSecretConfigured: true,
      smsTokenConfigured: true,
      wechatSecretConfigured: true,
      timeZone: 'Asia/Shanghai',
      timeZoneIsDefault: true,
    });
    expect(JSON.stringify(settings)).not.toContain(WEBHOOK_SECRET);
    const [stored] = await sql<{ webhook_secret_cipher: string }>(t, `SELECT webhook_secret_cipher FROM notification_setting`);
    expect(stored.webhook_secret_cipher).not.toContain(WEBHOOK_SECRET);

    const badZone = await request(t.http)
      .put('/api/v1/notification-settings')
      .set(bearer(admin))
      .send({ timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.code).toBe('VALIDATION_FAILED');
    const badTime = await request(t.http).put('/api/v1/notification-settings').set(bearer(admin)).send({ quietStart: '25:00' });
    expect(badTime.status).toBe(400);

    const templates = (await request(t.http).get('/api/v1/message-templates').set(bearer(admin)).expect(200)).body;
    expect(new Set(templates.map((x: { code: string }) => x.code))).toEqual(
      new Set(['follow-up.task-due', 'follow-up.reminder', 'follow-up.missed', 'follow-up.escalated']),
    );
    const sms = templates.find((x: { code: string; channel: string }) => x.code === 'follow-up.reminder' && x.channel === 'sms');
    const broken = await request(t.http)
      .patch(`/api/v1/message-templates/${sms.id}`)
      .set(bearer(admin))
      .send({ textZh: '您好 {{name' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('MESSAGE_TEMPLATE_INVALID');

    // A nurse performs follow-ups but does not manage their settings.
    await createUser(t, admin, 'notify.nurse', ['nurse']);
    const nurse = await login(t, 'notify.nurse', STAFF_PASSWORD);
    await request(t.http).get('/api/v1/notification-settings').set(bearer(nurse)).expect(403);
    await request(t.http).get('/api/v1/message-templates').set(bearer(nurse)).expect(403);
    await request(t.http).get('/api/v1/notifications').set(bearer(nurse)).expect(200);
  });

  it('creates one row per channel for a dedupe key, however often requested, and sends it once with a verifiable signature', async () => {
    const req = {
      dedupeKey: `follow-up-task:dedupe:due:staff`,
      audience: 'staff' as const,
      userId: admin.user.id,
      channels: ['in_app' as const, 'webhook' as const],
      template: 'follow-up.task-due',
      variables: taskVariables,
    };
    const first = await notify(req);
    const second = await notify(req);
    expect(second.sort()).toEqual([...first].sort());
    const [{ count }] = await sql<{ count: number }>(t, `SELECT count(*)::int AS count FROM notification WHERE dedupe_key = $1`, [
      req.dedupeKey,
    ]);
    expect(count).toBe(2);
    // The job id is the notification id: one job per row, enqueued twice.
    for (const id of first) expect(await queue.getJob(id)).toBeDefined();

    for (const id of [...first, ...first]) await delivery.deliver(id, 1);
    const webhooks = fake.at('/webhook');
    expect(webhooks).toHaveLength(1);
    const [hook] = webhooks;
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(hook.body).digest('hex')}`;
    expect(hook.headers['x-signature']).toBe(expected);
    const body = JSON.parse(hook.body);
    expect(hook.headers['x-notification-id']).toBe(body.id);
    expect(body).toMatchObject({
      template: 'follow-up.task-due',
      audience: 'staff',
      recipient: { type: 'staff', id: admin.user.id },
      text: '随访任务到期：请在2026-03-11前完成客户王芳的电话随访。',
    });
    for (const id of first) expect((await state(id)).status).toBe('sent');
  });

  it('retries a webhook that answered 500, recording every attempt', async () => {
    fake.webhookStatuses = [500];
    const [id] = await notify({
      dedupeKey: 'follow-up-task:retry:missed:manager',
      audience: 'staff',
      userId: admin.user.id,
      channels: ['webhook'],
      template: 'follow-up.missed',
      variables: taskVariables,
    });
    await expect(delivery.deliver(id, 1)).rejects.toBeInstanceOf(DeliveryRetryError);
    expect(await state(id)).toMatchObject({ status: 'queued', reason: 'http_500', attempts: 1 });
    await delivery.deliver(id, 2);
    expect(await state(id)).toMatchObject({ status: 'sent', reason: null, attempts: 2 });

    const page = (
      await request(t.http)
        .get('/api/v1/notifications')
        .query({ dedupePrefix: 'follow-up-task:retry:' })
        .set(bearer(admin))
        .expect(200)
    ).body;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id, status: 'sent', attempts: 2, retried: 1 });
    expect(page.items[0].attemptLog.map((a: { outcome: string; httpStatus: number }) => [a.outcome, a.httpStatus])).toEqual([
      ['failed', 500],
      ['sent', 200],
    ]);

    const byChannel = (channel: string) =>
      request(t.http).get('/api/v1/notifications').query({ dedupePrefix: 'follow-up-task:retry:', channel }).set(bearer(admin));
    expect((await byChannel('webhook').expect(200)).body.total).toBe(1);
    expect((await byChannel('in_app').expect(200)).body.total).toBe(0);
    expect((await byChannel('fax').expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('fails for good after the last attempt', async () => {
    fake.webhookStatuses = [503];
    const [id] = await notify({
      dedupeKey: 'follow-up-task:last:missed:manager',
      audience: 'staff',
      userId: admin.user.id,
      channels: ['webhook'],
      template: 'follow-up.missed',
      variables: taskVariables,
    });
    await delivery.deliver(id, DeliverNotificationJob.attempts);
    expect(await state(id)).toMatchObject({ status: 'failed', reason: 'http_503' });
  });

  it('sends a client SMS through the gateway with the bearer token and the rendered text', async () => {
    const clientId = await createClient('李娜', '13900139000', true);
    const [id] = await notify({
      dedupeKey: `follow-up-task:sms:reminder:client`,
      audience: 'client',
      clientId,
      channels: ['sms'],
      template: 'follow-up.reminder',
      variables: taskVariables,
    });
    await delivery.deliver(id, 1);
    const [sms] = fake.at('/sms');
    expect(sms.headers.authorization).toBe('Bearer sms-token-1');
    expect(JSON.parse(sms.body)).toEqual({
      phone: '13900139000',
      text: `【${admin.user.organisation.name}】李娜您好，您的健康随访（电话）安排在2026-03-11，届时健康管理师将与您联系。`,
    });
    expect((await state(id)).status).toBe('sent');
  });

  it('holds a client SMS during quiet hours until they end, in a delayed job', async () => {
    await request(t.http)
      .put('/api/v1/notification-settings')
      .set(bearer(admin))
      .send({ quietStart: shanghaiTime(-60), quietEnd: shanghaiTime(90) })
      .expect(200);
    try {
      const clientId = await createClient('赵敏', '13700137000', true);
      const before = fake.at('/sms').length;
      const [id] = await notify({
        dedupeKey: 'follow-up-task:quiet:reminder:client',
        audience: 'client',
        clientId,
        channels: ['sms'],
        template: 'follow-up.reminder',
        variables: taskVariables,
      });
      const row = await state(id);
      const waitMs = row.not_before!.getTime() - Date.now();
      expect(waitMs).toBeGreaterThan(88 * 60_000);
      expect(waitMs).toBeLessThanOrEqual(90 * 60_000);
      const job = await queue.getJob(id);
      expect(job?.opts.delay).toBeGreaterThan(88 * 60_000);
      // A run before its time sends nothing and leaves the row for later.
      await expect(delivery.deliver(id, 1)).rejects.toBeInstanceOf(DeliveryRetryError);
      expect(fake.at('/sms')).toHaveLength(before);
      expect(await state(id)).toMatchObject({ status: 'queued', attempts: 0 });

      // Staff messages are never delayed.
      const [staffId] = await notify({
        dedupeKey: 'follow-up-task:quiet:due:staff',
        audience: 'staff',
        userId: admin.user.id,
        channels: ['in_app'],
        template: 'follow-up.task-due',
        variables: taskVariables,
      });
      expect((await state(staffId)).not_before).toBeNull();
    } finally {
      await request(t.http)
        .put('/api/v1/notification-settings')
        .set(bearer(admin))
        .send({ quietStart: '00:00', quietEnd: '00:00' });
    }
  });

  it('skips client messages without reminder consent, also when consent is withdrawn while the message waits', async () => {
    const before = fake.at('/sms').length;
    const never = await createClient('孙丽', '13600136000', null);
    const [skipped] = await notify({
      dedupeKey: 'follow-up-task:no-consent:reminder:client',
      audience: 'client',
      clientId: never,
      channels: ['sms'],
      template: 'follow-up.reminder',
      variables: taskVariables,
    });
    expect(await state(skipped)).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    expect(await queue.getJob(skipped)).toBeUndefined();

    const withdrawn = await createClient('周婷', '13500135000', true);
    const [id] = await notify({
      dedupeKey: 'follow-up-task:withdrawn:reminder:client',
      audience: 'client',
      clientId: withdrawn,
      channels: ['sms'],
      template: 'follow-up.reminder',
      variables: taskVariables,
    });
    expect((await state(id)).status).toBe('queued');
    await consent(withdrawn, false);
    await delivery.deliver(id, 1);
    expect(await state(id)).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    expect(fake.at('/sms')).toHaveLength(before);
  });

  it('fails a WeChat message for a client without a WeChat binding', async () => {
    const clientId = await createClient('吴静', '13400134000', true);
    const templates = (await request(t.http).get('/api/v1/message-templates').set(bearer(admin)).expect(200)).body;
    const wechat = templates.find(
      (x: { code: string; channel: string }) => x.code === 'follow-up.reminder' && x.channel === 'wechat',
    );
    await request(t.http)
      .patch(`/api/v1/message-templates/${wechat.id}`)
      .set(bearer(admin))
      .send({ wechatTemplateId: 'TPL-1' })
      .expect(200);
    const [id] = await notify({
      dedupeKey: 'follow-up-task:wechat:reminder:client',
      audience: 'client',
      clientId,
      channels: ['wechat'],
      template: 'follow-up.reminder',
      variables: taskVariables,
    });
    await delivery.deliver(id, 1);
    expect(await state(id)).toMatchObject({ status: 'failed', reason: 'no_wechat_binding' });
  });

  it('fetches the WeChat access token once, caches it, and refreshes it once on errcode 40001', async () => {
    const sender = t.app.get(WechatSender);
    const [template] = await sql<{ id: string }>(
      t,
      `SELECT id FROM message_template WHERE code = 'follow-up.reminder' AND channel = 'wechat'`,
    );
    const message = (n: number): Delivery => ({
      notification: {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        orgId,
        dedupeKey: `wechat-${n}`,
        channel: 'wechat',
        audience: 'client',
        userId: null,
        clientId: '00000000-0000-4000-8000-000000000000',
        template: 'follow-up.reminder',
        variables: taskVariables,
        status: 'queued',
        reason: null,
        attempts: 1,
        notBefore: null,
        renderedText: null,
        sentAt: null,
        readAt: null,
        createdAt: new Date(),
      },
      text: 'text',
      template: {
        id: template.id,
        code: 'follow-up.reminder',
        channel: 'wechat',
        textZh: '',
        wechatTemplateId: 'TPL-1',
        wechatFields: { first: '{{recipientName}}您好', keyword1: '{{method}}', keyword2: '{{dueDate}}' },
        active: true,
        updatedAt: new Date(),
      },
      variables: { ...taskVariables, recipientName: '郑洁', orgName: '测试' },
      staff: null,
      client: { name: '郑洁', phone: null, wechatOpenId: 'openid-zheng', reminderConsent: true, deleted: false },
      settings: {
        orgName: '测试',
        quietHours: { start: '00:00', end: '00:00', timeZone: 'Asia/Shanghai' },
        webhook: null,
        sms: null,
        wechat: { appId: 'wx-app', secret: 'wx-secret', apiBase: `${base}/wechat` },
      },
    });
    expect(await sender.send(message(1))).toMatchObject({ sent: true });
    expect(await sender.send(message(2))).toMatchObject({ sent: true });
    expect(fake.tokenFetches).toBe(1);
    const sends = fake.at('/wechat/cgi-bin/message/template/send');
    expect(JSON.parse(sends[0].body)).toEqual({
      touser: 'openid-zheng',
      template_id: 'TPL-1',
      data: { first: { value: '郑洁您好' }, keyword1: { value: '电话' }, keyword2: { value: '2026-03-11' } },
    });

    fake.revokedTokens.add('TOKEN-1');
    expect(await sender.send(message(3))).toMatchObject({ sent: true });
    expect(fake.tokenFetches).toBe(2);
    expect(await sender.send(message(4))).toMatchObject({ sent: true });
    expect(fake.tokenFetches).toBe(2);

    const wrongSecret = message(5);
    wrongSecret.settings = { ...wrongSecret.settings, wechat: { appId: 'wx-other', secret: 'nope', apiBase: `${base}/wechat` } };
    expect(await sender.send(wrongSecret)).toEqual({
      sent: false,
      reason: 'wechat_token_errcode_40125',
      retryable: false,
      httpStatus: 200,
    });
  });

  it('shows staff their own delivered in-app notifications with an unread count, and marks them read', async () => {
    const otherId = await createUser(t, admin, 'notify.other', ['nurse']);
    const other = await login(t, 'notify.other', STAFF_PASSWORD);
    const mine: string[] = [];
    for (const n of [1, 2]) {
      const [id] = await notify({
        dedupeKey: `follow-up-task:inbox-${n}:due:staff`,
        audience: 'staff',
        userId: otherId,
        channels: ['in_app'],
        template: 'follow-up.task-due',
        variables: { ...taskVariables, clientName: `客户${n}` },
      });
      mine.push(id);
    }
    // Not delivered yet: not in the inbox.
    expect((await request(t.http).get('/api/v1/inbox').set(bearer(other)).expect(200)).body).toMatchObject({
      total: 0,
      unread: 0,
    });
    for (const id of mine) await delivery.deliver(id, 1);

    const inbox = (await request(t.http).get('/api/v1/inbox').set(bearer(other)).expect(200)).body;
    expect(inbox).toMatchObject({ total: 2, unread: 2 });
    expect(inbox.items.map((i: { text: string }) => i.text)).toEqual([
      '随访任务到期：请在2026-03-11前完成客户客户2的电话随访。',
      '随访任务到期：请在2026-03-11前完成客户客户1的电话随访。',
    ]);

    // Someone else's notification is not theirs to read.
    await request(t.http).post(`/api/v1/inbox/${mine[0]}/read`).set(bearer(admin)).expect(404);
    await request(t.http).post(`/api/v1/inbox/${mine[0]}/read`).set(bearer(other)).expect(204);
    await request(t.http).post(`/api/v1/inbox/${mine[0]}/read`).set(bearer(other)).expect(204);
    const unreadOnly = (await request(t.http).get('/api/v1/inbox?unreadOnly=true').set(bearer(other)).expect(200)).body;
    expect(unreadOnly).toMatchObject({ total: 1, unread: 1 });
    expect(unreadOnly.items[0].id).toBe(mine[1]);

    expect((await request(t.http).post('/api/v1/inbox/read-all').set(bearer(other)).expect(200)).body).toEqual({ updated: 1 });
    expect((await request(t.http).get('/api/v1/inbox').set(bearer(other)).expect(200)).body).toMatchObject({
      total: 2,
      unread: 0,
    });
  });

  it('is delivered by a queue worker after deliverSoon, once, with retries on the queue backoff', async () => {
    const handler = t.app.get(JobHandlers).handlerFor(DeliverNotificationJob.queue, DeliverNotificationJob.name)!;
    const worker = new Worker(
      DeliverNotificationJob.queue,
      (job: Job) => handler(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 }),
      { connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null }, prefix: t.config.queuePrefix },
    );
    try {
      fake.webhookStatuses = [502];
      const before = fake.at('/webhook').length;
      const [id] = await notify({
        dedupeKey: 'follow-up-task:worker:due:staff',
        audience: 'staff',
        userId: admin.user.id,
        channels: ['webhook'],
        template: 'follow-up.task-due',
        variables: taskVariables,
      });
      // The first try gets a 502; the queue retries after its backoff (5 s) and the second succeeds.
      await waitUntil(async () => (await state(id)).status === 'sent', 20_000);
      expect(await state(id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(fake.at('/webhook').length - before).toBe(2);
    } finally {
      await worker.close();
    }
  }, 30_000);

  it('lets the reconciler find queued notifications whose job Redis lost', async () => {
    const [id] = await t.app.get(DataSource).transaction((m) =>
      notifier.request(m, {
        orgId,
        dedupeKey: 'follow-up-task:lost:due:staff',
        audience: 'staff',
        userId: admin.user.id,
        channels: ['in_app'],
        template: 'follow-up.task-due',
        variables: taskVariables,
      }),
    );
    const source = t.app
      .get(ReconcileSources)
      .all()
      .find((s) => s.name === 'notifications')!;
    const pending = await source.listPending(null, 500);
    expect(pending.map((p) => p.jobId)).toContain(id);
    expect(pending.find((p) => p.jobId === id)?.payload).toEqual({ notificationId: id });
  });

  it('rejects a request that cannot reach its audience', async () => {
    await expect(
      t.app.get(DataSource).transaction((m) =>
        notifier.request(m, {
          orgId,
          dedupeKey: 'bad',
          audience: 'client',
          clientId: admin.user.id,
          channels: ['in_app'],
          template: 'follow-up.reminder',
          variables: {},
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOTIFICATION_REQUEST_INVALID' });
  });
});
