import request from 'supertest';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createClient, DAY_MS, dispatchPending, notificationRequests, sendBloodPressure } from './follow-up-helpers';
import { createTestApp, TestApp } from './test-app';

/** Today's date in the organisation's time zone (the test organisation keeps Asia/Shanghai). */
function shanghaiDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * DAY_MS));
}

describe('follow-up records, workbench and KPIs', () => {
  let t: TestApp;
  let admin: Session;
  let nurseId: string;
  let nurse: Session;
  let clientId: string;

  const createTaskFor = (forClientId: string, body: Record<string, unknown>) =>
    request(t.http)
      .post('/api/v1/follow-up-tasks')
      .set(bearer(admin))
      .send({ clientId: forClientId, title: '电话随访', method: 'phone', ...body })
      .expect(201)
      .then((res) => res.body as { id: string; status: string; assignee: { id: string } | null });
  const createTask = (body: Record<string, unknown>) => createTaskFor(clientId, body);

  const record = (taskId: string, body: Record<string, unknown>, session: Session = nurse) =>
    request(t.http).post(`/api/v1/follow-up-tasks/${taskId}/records`).set(bearer(session)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    nurseId = await createUser(t, admin, 'r.nurse', ['nurse']);
    nurse = await login(t, 'r.nurse', STAFF_PASSWORD);
    clientId = await createClient(t, admin, {
      name: '陈四',
      gender: 'male',
      birthDate: '1968-06-06',
      phone: '13300133000',
      managerId: nurseId,
    });
  });
  afterAll(() => t.close());

  describe('records', () => {
    let taskId: string;

    beforeAll(async () => {
      taskId = (await createTask({ dueAt: new Date(Date.now() + DAY_MS).toISOString() })).id;
    });

    it('not reached and wrong number keep the task open and count the attempts', async () => {
      const first = await record(taskId, { method: 'phone', outcome: 'not_reached', durationSeconds: 0 }).expect(201);
      expect(first.body.task).toMatchObject({ status: 'in_progress', attempts: 1, assignee: { id: nurseId } });
      expect(first.body.record).toMatchObject({
        outcome: 'not_reached',
        nextAction: 'close',
        recordedBy: { type: 'user', id: nurseId, displayName: '测试r.nurse' },
      });
      const second = await record(taskId, { method: 'sms', outcome: 'wrong_number' }).expect(201);
      expect(second.body.task).toMatchObject({ status: 'in_progress', attempts: 2 });
      expect(await sql(t, `SELECT 1 FROM outbox WHERE type = 'follow-up.completed'`)).toHaveLength(0);
    });

    it('an unknown measurement code is refused and changes nothing', async () => {
      const bad = await record(taskId, {
        method: 'phone',
        outcome: 'reached',
        measuredValues: [{ code: 'NOPE', value: 1 }],
      }).expect(400);
      expect(bad.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', details: [{ field: 'measuredValues[0].code' }] });
      expect(await sql(t, `SELECT status, attempts FROM follow_up_task WHERE id = $1`, [taskId])).toEqual([
        { status: 'in_progress', attempts: 2 },
      ]);
      expect(await sql(t, `SELECT 1 FROM follow_up_record WHERE task_id = $1`, [taskId])).toHaveLength(2);
    });

    it('a retired indicator takes no new measurements', async () => {
      await request(t.http)
        .post('/api/v1/indicators')
        .set(bearer(admin))
        .send({
          code: 'HOME_PEF',
          nameZh: '家庭峰流速',
          nameEn: 'Home peak flow',
          category: '其他检查',
          unit: 'L/min',
          valueType: 'numeric',
          limits: { male: { low: 400 }, female: { low: 300 } },
        })
        .expect(201);
      await request(t.http)
        .patch('/api/v1/indicators/HOME_PEF')
        .set(bearer(admin))
        .send({ expectedVersion: 1, status: 'retired' })
        .expect(200);
      const bad = await record(taskId, {
        method: 'phone',
        outcome: 'reached',
        measuredValues: [{ code: 'HOME_PEF', value: 380 }],
      }).expect(400);
      expect(bad.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', details: [{ field: 'measuredValues[0].code' }] });
      expect(await sql(t, `SELECT 1 FROM observation WHERE indicator_code = 'HOME_PEF'`)).toHaveLength(0);
    });

    it('reached completes the task, stores home readings as follow-up observations and emits follow-up.completed once', async () => {
      const res = await record(taskId, {
        method: 'phone',
        outcome: 'reached',
        durationSeconds: 320,
        content: '血压控制尚可，按时服药',
        clientCondition: '偶有头晕',
        measuredValues: [
          { code: 'SBP', value: 135 },
          { code: 'DBP', value: 88 },
        ],
        medicationAdherence: 'good',
        satisfaction: 4,
      }).expect(201);
      expect(res.body.task).toMatchObject({ status: 'completed', attempts: 3, overdue: false });
      expect(res.body.record.measuredValues).toEqual([
        { code: 'SBP', value: 135, unit: 'mmHg', abnormal: expect.any(String) },
        { code: 'DBP', value: 88, unit: 'mmHg', abnormal: expect.any(String) },
      ]);
      const observations = await sql<{
        indicator_code: string;
        value_num: number;
        verdict: string;
        source: string;
        report_id: string | null;
        measured_on: string;
      }>(
        t,
        `SELECT indicator_code, value_num, verdict, source, report_id, to_char(measured_on, 'YYYY-MM-DD') AS measured_on
           FROM observation WHERE client_id = $1 ORDER BY indicator_code`,
        [clientId],
      );
      expect(observations).toEqual([
        {
          indicator_code: 'DBP',
          value_num: 88,
          verdict: res.body.record.measuredValues[1].abnormal,
          source: 'follow-up',
          report_id: null,
          measured_on: shanghaiDate(),
        },
        {
          indicator_code: 'SBP',
          value_num: 135,
          verdict: res.body.record.measuredValues[0].abnormal,
          source: 'follow-up',
          report_id: null,
          measured_on: shanghaiDate(),
        },
      ]);
      const events = await sql<{ payload: object }>(t, `SELECT payload FROM outbox WHERE type = 'follow-up.completed'`);
      expect(events).toEqual([{ payload: { taskId, clientId, planId: null, recordId: res.body.record.id, outcome: 'reached' } }]);
      const list = await request(t.http).get(`/api/v1/follow-up-tasks/${taskId}/records`).set(bearer(nurse)).expect(200);
      expect(list.body.map((r: { outcome: string }) => r.outcome)).toEqual(['reached', 'wrong_number', 'not_reached']);
      const closed = await record(taskId, { method: 'phone', outcome: 'reached' }).expect(409);
      expect(closed.body.code).toBe('FOLLOW_UP_TASK_CLOSED');
    });

    it('schedule_extra adds a task on the day at 09:00 local time; the date must come with it and not be past', async () => {
      const task = await createTask({ dueAt: new Date(Date.now() + DAY_MS).toISOString() });
      const missing = await record(task.id, { method: 'phone', outcome: 'reached', nextAction: 'schedule_extra' }).expect(400);
      expect(missing.body).toMatchObject({ code: 'FOLLOW_UP_RECORD_INVALID', details: [{ field: 'nextActionDate' }] });
      await record(task.id, {
        method: 'phone',
        outcome: 'reached',
        nextAction: 'schedule_extra',
        nextActionDate: shanghaiDate(-2),
      }).expect(400);
      const date = shanghaiDate(5);
      const res = await record(task.id, {
        method: 'phone',
        outcome: 'reached',
        nextAction: 'schedule_extra',
        nextActionDate: date,
      }).expect(201);
      const extraId = res.body.record.extraTaskId;
      const [extra] = await sql<{ title: string; due_at: Date; assignee_user_id: string }>(
        t,
        `SELECT title, due_at, assignee_user_id FROM follow_up_task WHERE id = $1`,
        [extraId],
      );
      expect(extra).toMatchObject({ title: '电话随访（加随访）', assignee_user_id: nurseId });
      expect(new Date(extra.due_at).toISOString()).toBe(`${date}T01:00:00.000Z`);
    });

    it('escalate tells the client’s manager', async () => {
      const task = await createTask({ dueAt: new Date(Date.now() + DAY_MS).toISOString() });
      const before = (await notificationRequests(t)).length;
      const res = await record(task.id, {
        method: 'phone',
        outcome: 'refused',
        nextAction: 'escalate',
        content: '拒绝随访',
      }).expect(201);
      expect(res.body.task.status).toBe('completed');
      expect((await notificationRequests(t)).slice(before)).toEqual([
        expect.objectContaining({
          dedupeKey: `follow-up-record:${res.body.record.id}:escalate`,
          userId: nurseId,
          template: 'follow-up.escalated',
        }),
      ]);
    });
  });

  describe('workbench', () => {
    let agentId: string;
    let agent: Session;
    let benchClientId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      agentId = await createUser(t, admin, 'w.nurse', ['nurse']);
      agent = await login(t, 'w.nurse', STAFF_PASSWORD);
      // A client of its own: the records above left home readings newer than any report on 陈四.
      benchClientId = await createClient(t, admin, { name: '褚五', gender: 'male', birthDate: '1959-05-05' });
      const createTask = (body: Record<string, unknown>) => createTaskFor(benchClientId, body);
      const now = Date.now();
      ids.today = (
        await createTask({ title: '今日随访', dueAt: new Date(now - 60_000).toISOString(), assigneeUserId: agentId })
      ).id;
      ids.upcoming = (
        await createTask({ title: '下周随访', dueAt: new Date(now + 7 * DAY_MS).toISOString(), assigneeUserId: agentId })
      ).id;
      ids.overdue = (
        await createTask({
          title: '逾期随访',
          dueAt: new Date(now - 3 * DAY_MS).toISOString(),
          windowDaysAfter: 1,
          assigneeUserId: agentId,
        })
      ).id;
      ids.done = (
        await createTask({ title: '已完成随访', dueAt: new Date(now + 2 * DAY_MS).toISOString(), assigneeUserId: agentId })
      ).id;
      await record(ids.done, { method: 'phone', outcome: 'reached' }, agent).expect(201);
      await sendBloodPressure(t, admin, benchClientId, 'W-1', 168, 102);
      await dispatchPending(t);
    });

    it('counts and lists my tasks per view with the one definition of overdue', async () => {
      const counts = await request(t.http).get('/api/v1/follow-up-tasks/counts?assignee=me').set(bearer(agent)).expect(200);
      expect(counts.body).toEqual({ today: 1, overdue: 1, upcoming: 1, done: 1 });
      for (const view of ['today', 'overdue', 'upcoming', 'done']) {
        const res = await request(t.http).get(`/api/v1/follow-up-tasks?view=${view}&assignee=me`).set(bearer(agent)).expect(200);
        expect(res.body).toMatchObject({
          total: 1,
          items: [{ id: ids[view], overdue: view === 'overdue', assignee: { id: agentId } }],
        });
      }
      await request(t.http).get('/api/v1/follow-up-tasks?view=later').set(bearer(agent)).expect(400);
      await request(t.http).get('/api/v1/follow-up-tasks?assignee=boss').set(bearer(agent)).expect(400);
      await request(t.http).get('/api/v1/follow-up-tasks?pageSize=101').set(bearer(agent)).expect(400);
    });

    it('a task page shows the client’s tags, risks, abnormal items and previous records', async () => {
      const res = await request(t.http).get(`/api/v1/follow-up-tasks/${ids.today}`).set(bearer(agent)).expect(200);
      expect(res.body.task).toMatchObject({ id: ids.today, title: '今日随访', methodLabel: '电话' });
      expect(res.body.client.tags).toContain('高血压');
      expect(res.body.client.abnormalItems).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'SBP', value: 168, name: '收缩压' })]),
      );
      expect(res.body.client.risks).toEqual(expect.arrayContaining([expect.objectContaining({ model: 'bp-grade' })]));
      expect(res.body.records).toEqual([expect.objectContaining({ taskId: ids.done, outcome: 'reached' })]);
    });

    it('reassigns in bulk, leaving closed tasks out, and only for managers', async () => {
      const body = { taskIds: [ids.today, ids.upcoming, ids.done], assigneeUserId: nurseId };
      await request(t.http).post('/api/v1/follow-up-tasks/reassign').set(bearer(agent)).send(body).expect(403);
      const res = await request(t.http).post('/api/v1/follow-up-tasks/reassign').set(bearer(admin)).send(body).expect(200);
      expect(res.body.reassigned.sort()).toEqual([ids.today, ids.upcoming].sort());
      const bad = await request(t.http)
        .post(`/api/v1/follow-up-tasks/${ids.overdue}/reassign`)
        .set(bearer(admin))
        .send({ assigneeUserId: '00000000-0000-4000-8000-000000000000' })
        .expect(422);
      expect(bad.body.code).toBe('FOLLOW_UP_ASSIGNEE_INVALID');
    });

    it('rescheduling moves the window and makes an overdue task current again', async () => {
      const dueAt = new Date(Date.now() + 2 * DAY_MS).toISOString();
      const res = await request(t.http)
        .post(`/api/v1/follow-up-tasks/${ids.overdue}/reschedule`)
        .set(bearer(agent))
        .send({ dueAt })
        .expect(200);
      expect(res.body).toMatchObject({ dueAt, overdue: false, status: 'pending' });
      expect(new Date(res.body.windowEnd).getTime() - new Date(dueAt).getTime()).toBe(DAY_MS);
    });
  });

  describe('another organisation', () => {
    it('sees none of these tasks, records or plans and cannot act on them', async () => {
      const other = await createOtherOrganisation(t, admin);
      const [task] = await sql<{ id: string }>(t, `SELECT id FROM follow_up_task WHERE client_id = $1 LIMIT 1`, [clientId]);
      await request(t.http).get(`/api/v1/follow-up-tasks/${task.id}`).set(bearer(other)).expect(404);
      await request(t.http).get(`/api/v1/follow-up-tasks/${task.id}/records`).set(bearer(other)).expect(404);
      await request(t.http)
        .post(`/api/v1/follow-up-tasks/${task.id}/records`)
        .set(bearer(other))
        .send({ method: 'phone', outcome: 'reached' })
        .expect(404);
      await request(t.http).get(`/api/v1/clients/${clientId}/follow-ups`).set(bearer(other)).expect(404);
      const moved = await request(t.http)
        .post('/api/v1/follow-up-tasks/reassign')
        .set(bearer(other))
        .send({ taskIds: [task.id], assigneeUserId: other.user.id })
        .expect(200);
      expect(moved.body.reassigned).toEqual([]);
      const list = await request(t.http).get('/api/v1/follow-up-tasks').set(bearer(other)).expect(200);
      expect(list.body.total).toBe(0);
    });
  });

  describe('KPIs', () => {
    let kpiId: string;

    beforeAll(async () => {
      kpiId = await createUser(t, admin, 'k.nurse', ['nurse']);
      const kpi = await login(t, 'k.nurse', STAFF_PASSWORD);
      const at = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
      const one = await createTask({ dueAt: at(1), assigneeUserId: kpiId });
      const two = await createTask({ dueAt: at(2), assigneeUserId: kpiId });
      await createTask({ dueAt: at(-2), windowDaysAfter: 1, assigneeUserId: kpiId });
      const cancelled = await createTask({ dueAt: at(3), assigneeUserId: kpiId });
      await request(t.http)
        .post(`/api/v1/follow-up-tasks/${cancelled.id}/cancel`)
        .set(bearer(admin))
        .send({ reason: '重复' })
        .expect(200);
      await record(one.id, { method: 'phone', outcome: 'reached', satisfaction: 5 }, kpi).expect(201);
      await record(two.id, { method: 'phone', outcome: 'not_reached' }, kpi).expect(201);
      await record(two.id, { method: 'phone', outcome: 'reached', satisfaction: 3 }, kpi).expect(201);
    });

    it('counts due, on time, missed, reach rate and satisfaction per staff member', async () => {
      const res = await request(t.http)
        .get(`/api/v1/stats/follow-ups?from=${shanghaiDate(-3)}&to=${shanghaiDate(10)}&groupBy=staff`)
        .set(bearer(admin))
        .expect(200);
      expect(res.body.groups.find((g: { key: string }) => g.key === kpiId)).toEqual({
        key: kpiId,
        name: '测试k.nurse',
        due: 3,
        completedWithinWindow: 2,
        missed: 1,
        onTimeRate: 0.6667,
        records: 3,
        reachRate: 0.6667,
        averageSatisfaction: 4,
      });
      expect(res.body.total.due).toBeGreaterThanOrEqual(3);
      const team = await request(t.http)
        .get(`/api/v1/stats/follow-ups?from=${shanghaiDate(-3)}&to=${shanghaiDate(10)}&groupBy=team`)
        .set(bearer(admin))
        .expect(200);
      expect(team.body.groups).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'nurse', name: '护士/随访员' })]));
      expect(team.body.groups.find((g: { key: string }) => g.key === 'nurse').due).toBeGreaterThanOrEqual(3);
    });

    it('shows the team’s workload now: open, due today and overdue per assignee', async () => {
      const res = await request(t.http).get('/api/v1/stats/follow-ups/workload').set(bearer(admin)).expect(200);
      // Of the four: two completed, one cancelled, one whose window closed yesterday (open and overdue).
      expect(res.body.items.find((row: { userId: string }) => row.userId === kpiId)).toEqual({
        userId: kpiId,
        name: '测试k.nurse',
        open: 1,
        dueToday: 0,
        overdue: 1,
      });
      await request(t.http).get('/api/v1/stats/follow-ups/workload').set(bearer(nurse)).expect(403);
    });

    it('refuses a reversed or malformed period, and callers without stats:read', async () => {
      await request(t.http).get(`/api/v1/stats/follow-ups?from=2026-02-01&to=2026-01-01`).set(bearer(admin)).expect(400);
      await request(t.http).get(`/api/v1/stats/follow-ups?from=2026-13-01&to=2026-12-01`).set(bearer(admin)).expect(400);
      await request(t.http).get(`/api/v1/stats/follow-ups?from=2026-01&to=2026-12-01`).set(bearer(admin)).expect(400);
      await request(t.http).get(`/api/v1/stats/follow-ups?from=2026-01-01&to=2026-01-31`).set(bearer(nurse)).expect(403);
    });
  });
});
