import request from 'supertest';
import IORedis from 'ioredis';
import { Queue } from 'bullmq';
import { JobQueues, Reconciler, ReconcileSources } from '@health/core';
import { deleteQueueKeys, TEST_REDIS_URL } from '@health/core/testing';
import { dueJobId, FollowUpTaskDueJob, FollowUpTaskMissedJob, missedJobId } from '@health/follow-ups';
import { ADMIN, bearer, createUser, login, Session, sql } from './iam-test-helpers';
import { createClient, dispatchPending, notificationRequests } from './follow-up-helpers';
import { createTestApp, runJob, TestApp } from './test-app';

/** Scheduling: delayed jobs per task, their handlers, the reconciler, and what stops a plan. */
describe('follow-up scheduling', () => {
  let t: TestApp;
  let admin: Session;
  let managerId: string;
  let redis: IORedis;
  let queue: Queue;
  let quickTemplateId: string;
  let weeklyTemplateId: string;

  const missingJobs = (taskId: string) =>
    Promise.all([
      t.app.get(JobQueues).missingJobIds(FollowUpTaskDueJob, [dueJobId(taskId)]),
      t.app.get(JobQueues).missingJobIds(FollowUpTaskMissedJob, [missedJobId(taskId)]),
    ]).then(([due, missed]) => [...due, ...missed]);

  const startPlan = async (clientId: string, templateId: string) => {
    const res = await request(t.http)
      .post('/api/v1/follow-up-plans')
      .set(bearer(admin))
      .send({ clientId, templateId })
      .expect(201);
    return res.body as { id: string; tasks: { id: string; status: string; dueAt: string; remindAt: string }[] };
  };

  const taskStatus = async (id: string) =>
    (await sql<{ status: string }>(t, `SELECT status FROM follow_up_task WHERE id = $1`, [id]))[0].status;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    managerId = await createUser(t, admin, 's.manager', ['manager']);
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('follow-ups', { connection: redis, prefix: t.config.queuePrefix });
    const template = (name: string, step: Record<string, unknown>) =>
      request(t.http)
        .post('/api/v1/follow-up-templates')
        .set(bearer(admin))
        .send({ name, trigger: { type: 'manual' }, steps: [{ title: name, method: 'phone', ...step }] })
        .expect(201)
        .then((res) => res.body.id as string);
    quickTemplateId = await template('快速随访', { offset: 'PT30S', windowDaysAfter: 0, clientChannels: ['webhook'] });
    weeklyTemplateId = await template('一周随访', { offset: 'P7D' });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await t.close();
  });

  it('a PT30S step gets a delayed job 30 s out; its handler marks the task due and asks for reminders once', async () => {
    const clientId = await createClient(t, admin, {
      name: '赵六',
      gender: 'female',
      birthDate: '1980-01-02',
      phone: '13500135000',
      managerId,
    });
    const plan = await startPlan(clientId, quickTemplateId);
    expect(plan.tasks).toHaveLength(1);
    const task = plan.tasks[0];
    expect(new Date(task.remindAt).getTime() - Date.now()).toBeGreaterThan(20_000);
    const job = await queue.getJob(dueJobId(task.id));
    expect(job?.data).toEqual({ taskId: task.id });
    expect(job?.opts.delay).toBeGreaterThan(25_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(30_000);

    const before = (await notificationRequests(t)).length;
    await runJob(t, FollowUpTaskDueJob, { taskId: task.id });
    await runJob(t, FollowUpTaskDueJob, { taskId: task.id });
    expect(await taskStatus(task.id)).toBe('due');
    const requested = (await notificationRequests(t)).slice(before);
    expect(requested).toHaveLength(2);
    expect(requested).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dedupeKey: `follow-up-task:${task.id}:due:staff`,
          audience: 'staff',
          userId: managerId,
          channels: ['in_app'],
          template: 'follow-up.task-due',
        }),
        expect.objectContaining({
          dedupeKey: `follow-up-task:${task.id}:due:client`,
          audience: 'client',
          clientId,
          channels: ['webhook'],
          variables: expect.not.objectContaining({ clientName: expect.anything() }),
        }),
      ]),
    );
  });

  it('after the window the missed job marks the task missed and escalates to the manager once', async () => {
    const clientId = await createClient(t, admin, { name: '钱七', gender: 'male', birthDate: '1966-03-04', managerId });
    const [task] = (await startPlan(clientId, quickTemplateId)).tasks;
    // The stale job of a window not yet over changes nothing.
    await runJob(t, FollowUpTaskMissedJob, { taskId: task.id });
    expect(await taskStatus(task.id)).toBe('pending');
    await sql(
      t,
      `UPDATE follow_up_task SET due_at = now() - interval '1 hour', window_start = now() - interval '1 hour',
                  window_end = now() - interval '1 minute', remind_at = now() - interval '1 hour' WHERE id = $1`,
      [task.id],
    );
    const before = (await notificationRequests(t)).length;
    await runJob(t, FollowUpTaskMissedJob, { taskId: task.id });
    await runJob(t, FollowUpTaskMissedJob, { taskId: task.id });
    expect(await taskStatus(task.id)).toBe('missed');
    expect((await notificationRequests(t)).slice(before)).toEqual([
      expect.objectContaining({
        dedupeKey: `follow-up-task:${task.id}:missed:manager`,
        userId: managerId,
        template: 'follow-up.missed',
      }),
    ]);
    const overdue = await request(t.http)
      .get(`/api/v1/follow-up-tasks?view=overdue&clientId=${clientId}`)
      .set(bearer(admin))
      .expect(200);
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: task.id, status: 'missed', overdue: true })]);
  });

  it('a job that runs before its task is committed fails so that it retries', async () => {
    await expect(runJob(t, FollowUpTaskDueJob, { taskId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/not found/);
  });

  it('Redis flushed: the reconciler enqueues every pending task’s jobs again', async () => {
    const clientId = await createClient(t, admin, { name: '孙八', gender: 'male', birthDate: '1975-07-08', managerId });
    const [task] = (await startPlan(clientId, weeklyTemplateId)).tasks;
    expect(await missingJobs(task.id)).toEqual([]);
    expect(await deleteQueueKeys(t.config.queuePrefix)).toBeGreaterThan(0);
    expect(await missingJobs(task.id)).toEqual([dueJobId(task.id), missedJobId(task.id)]);
    const reconciler = new Reconciler(t.app.get(ReconcileSources), t.app.get(JobQueues));
    const results = await reconciler.reconcileAll();
    expect(results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'follow-up-task-due', reenqueued: expect.any(Number) }),
        expect.objectContaining({ source: 'follow-up-task-missed', reenqueued: expect.any(Number) }),
      ]),
    );
    expect(await missingJobs(task.id)).toEqual([]);
    const job = await queue.getJob(dueJobId(task.id));
    expect(job?.opts.delay).toBeGreaterThan(6 * 86_400_000);
    // Nothing left to do the second time.
    expect((await reconciler.reconcileAll()).filter((r) => r.source.startsWith('follow-up')).map((r) => r.reenqueued)).toEqual([
      0, 0,
    ]);
  });

  it('completing a task early removes its pending jobs (clear on visit)', async () => {
    const clientId = await createClient(t, admin, { name: '周九', gender: 'female', birthDate: '1985-09-10', managerId });
    const [task] = (await startPlan(clientId, weeklyTemplateId)).tasks;
    expect(await missingJobs(task.id)).toEqual([]);
    const res = await request(t.http)
      .post(`/api/v1/follow-up-tasks/${task.id}/records`)
      .set(bearer(admin))
      .send({ method: 'phone', outcome: 'reached', content: '已提前电话随访', satisfaction: 5 })
      .expect(201);
    expect(res.body.task).toMatchObject({ status: 'completed', attempts: 1 });
    expect(await missingJobs(task.id)).toEqual([dueJobId(task.id), missedJobId(task.id)]);
    const before = (await notificationRequests(t)).length;
    await runJob(t, FollowUpTaskDueJob, { taskId: task.id });
    expect(await taskStatus(task.id)).toBe('completed');
    expect((await notificationRequests(t)).length).toBe(before);
  });

  it('pause holds reminders, resume brings the jobs back, stop cancels the open tasks', async () => {
    const clientId = await createClient(t, admin, { name: '吴十', gender: 'male', birthDate: '1960-11-12', managerId });
    const plan = await startPlan(clientId, weeklyTemplateId);
    const [task] = plan.tasks;
    const paused = await request(t.http).post(`/api/v1/follow-up-plans/${plan.id}/pause`).set(bearer(admin)).expect(200);
    expect(paused.body.status).toBe('paused');
    expect(await missingJobs(task.id)).toHaveLength(2);
    await runJob(t, FollowUpTaskDueJob, { taskId: task.id });
    expect(await taskStatus(task.id)).toBe('pending');
    await request(t.http).post(`/api/v1/follow-up-plans/${plan.id}/pause`).set(bearer(admin)).expect(409);
    await request(t.http).post(`/api/v1/follow-up-plans/${plan.id}/resume`).set(bearer(admin)).expect(200);
    expect(await missingJobs(task.id)).toEqual([]);
    const stopped = await request(t.http)
      .post(`/api/v1/follow-up-plans/${plan.id}/stop`)
      .set(bearer(admin))
      .send({ reason: '客户要求停止' })
      .expect(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', stopReason: '客户要求停止', tasks: [{ status: 'cancelled' }] });
    expect(await missingJobs(task.id)).toHaveLength(2);
  });

  it('withdrawn reminder consent leaves the tasks as they are', async () => {
    const clientId = await createClient(t, admin, { name: '郑一', gender: 'female', birthDate: '1990-01-01', managerId });
    const [task] = (await startPlan(clientId, weeklyTemplateId)).tasks;
    for (const granted of [true, false])
      await request(t.http)
        .post(`/api/v1/clients/${clientId}/consents`)
        .set(bearer(admin))
        .send({ kind: 'reminders', version: '2025-01', granted })
        .expect(201);
    await dispatchPending(t);
    expect(await taskStatus(task.id)).toBe('pending');
    expect(await missingJobs(task.id)).toEqual([]);
  });

  it('opening a card starts the welcome call; cancelling it stops that plan', async () => {
    const clientId = await createClient(t, admin, { name: '王二', gender: 'male', birthDate: '1972-02-02', managerId });
    const cardType = await request(t.http)
      .post('/api/v1/card-types')
      .set(bearer(admin))
      .send({ name: '随访卡', validityMonths: 12, services: [{ code: 'follow-up', name: '随访', quantity: 12 }] })
      .expect(201);
    const card = await request(t.http)
      .post('/api/v1/cards')
      .set(bearer(admin))
      .send({ clientId, cardTypeId: cardType.body.id })
      .expect(201);
    await dispatchPending(t);
    const opened = await request(t.http).get(`/api/v1/clients/${clientId}/follow-ups`).set(bearer(admin)).expect(200);
    expect(opened.body.plans).toEqual([
      expect.objectContaining({
        name: '新卡欢迎电话',
        status: 'active',
        triggerType: 'card.opened',
        tasks: [expect.objectContaining({ title: '新卡欢迎电话', status: 'pending' })],
      }),
    ]);
    const taskId = opened.body.plans[0].tasks[0].id;
    await request(t.http).post(`/api/v1/cards/${card.body.id}/cancel`).set(bearer(admin)).send({ reason: '退卡' }).expect(200);
    await dispatchPending(t);
    const after = await request(t.http).get(`/api/v1/clients/${clientId}/follow-ups`).set(bearer(admin)).expect(200);
    expect(after.body.plans[0]).toMatchObject({
      status: 'stopped',
      stopReason: 'card_ended',
      tasks: [{ status: 'cancelled', cancelledReason: 'card_ended' }],
    });
    expect(await missingJobs(taskId)).toHaveLength(2);
  });

  it('a deleted client’s open tasks are cancelled the first time one of its jobs runs', async () => {
    const clientId = await createClient(t, admin, { name: '冯三', gender: 'female', birthDate: '1988-08-08', managerId });
    const plan = await startPlan(clientId, weeklyTemplateId);
    await request(t.http).delete(`/api/v1/clients/${clientId}`).set(bearer(admin)).send({ reason: '重复建档' }).expect(204);
    const before = (await notificationRequests(t)).length;
    await runJob(t, FollowUpTaskDueJob, { taskId: plan.tasks[0].id });
    expect(await taskStatus(plan.tasks[0].id)).toBe('cancelled');
    expect(await sql(t, `SELECT status, stop_reason FROM follow_up_plan WHERE id = $1`, [plan.id])).toEqual([
      { status: 'stopped', stop_reason: 'client_deleted' },
    ]);
    expect((await notificationRequests(t)).length).toBe(before);
  });
});

/** The same path with a worker consuming the queue for real: the delayed job fires on time, once. */
describe('follow-up jobs on a running worker', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKER: 'inline' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  it('a PT3S task becomes due about 3 s after the plan starts and its reminder is requested once', async () => {
    const managerId = await createUser(t, admin, 'live.manager', ['manager']);
    const template = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({ name: '即时随访', trigger: { type: 'manual' }, steps: [{ title: '即时随访', offset: 'PT3S', method: 'phone' }] })
      .expect(201);
    const clientId = await createClient(t, admin, { name: '卫七', gender: 'male', birthDate: '1977-07-07', managerId });
    const plan = await request(t.http)
      .post('/api/v1/follow-up-plans')
      .set(bearer(admin))
      .send({ clientId, templateId: template.body.id })
      .expect(201);
    const taskId = plan.body.tasks[0].id;
    const started = Date.now();
    let status = 'pending';
    while (status === 'pending' && Date.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await sql<{ status: string }>(t, `SELECT status FROM follow_up_task WHERE id = $1`, [taskId]))[0].status;
    }
    expect(status).toBe('due');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const staffReminders = (await notificationRequests(t)).filter((r) => r.dedupeKey === `follow-up-task:${taskId}:due:staff`);
    expect(staffReminders).toEqual([expect.objectContaining({ userId: managerId, channels: ['in_app'] })]);
  });
});
