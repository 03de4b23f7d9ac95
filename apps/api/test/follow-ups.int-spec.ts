import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventDispatcher, OutboxWriter } from '@health/core';
import { SurveyCompleted } from '@health/surveys';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import {
  createClient,
  DAY_MS,
  daysAgo,
  dispatchPending,
  RECENT_EXAM_DATE,
  sendBloodPressure,
  tasksOfSeededPlan,
} from './follow-up-helpers';
import { createTestApp, TestApp } from './test-app';

const WANG = { name: '王五', gender: 'male', birthDate: '1970-05-06', phone: '13600136000' };

describe('follow-up templates and plans', () => {
  let t: TestApp;
  let admin: Session;
  let managerId: string;
  let nurse: Session;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    managerId = await createUser(t, admin, 'fu.manager', ['manager']);
    await createUser(t, admin, 'fu.nurse', ['nurse']);
    nurse = await login(t, 'fu.nurse', STAFF_PASSWORD);
    clientId = await createClient(t, admin, { ...WANG, managerId });
  });
  afterAll(() => t.close());

  it('seeds the starter templates once per organisation', async () => {
    const first = await request(t.http).get('/api/v1/follow-up-templates').set(bearer(admin)).expect(200);
    const seeds = first.body.map((x: { seedKey: string }) => x.seedKey).sort();
    expect(seeds).toEqual(['chronic-diabetes', 'chronic-hypertension', 'new-card-welcome', 'post-exam']);
    const postExam = first.body.find((x: { seedKey: string }) => x.seedKey === 'post-exam');
    expect(postExam).toMatchObject({
      name: '检后随访',
      trigger: { type: 'report.ingested' },
      steps: [{ offset: 'P7D' }, { offset: 'P1M' }, { offset: 'P3M' }],
    });
    const hypertension = first.body.find((x: { seedKey: string }) => x.seedKey === 'chronic-hypertension');
    expect(hypertension.trigger.tagIds).toHaveLength(1);
    const again = await request(t.http).get('/api/v1/follow-up-templates').set(bearer(admin)).expect(200);
    expect(again.body).toHaveLength(4);
  });

  it('refuses an invalid template naming every problem, and lets only managers write', async () => {
    const bad = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '坏模板',
        trigger: { type: 'tag.added', tagIds: [] },
        steps: [
          { title: 'x', offset: 'P1Q', method: 'phone' },
          { title: 'y', rrule: 'FREQ=DAILY', method: 'fax' },
        ],
      })
      .expect(400);
    expect(bad.body.code).toBe('FOLLOW_UP_TEMPLATE_INVALID');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['trigger.tagIds', 'steps[0].offset', 'steps[1].rrule', 'steps[1].method']),
    );
    await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(nurse))
      .send({ name: 'n', trigger: { type: 'manual' }, steps: [{ title: 'x', offset: 'P1D', method: 'phone' }] })
      .expect(403);
  });

  it('versions a template when its definition changes, not when only its flag does', async () => {
    const created = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({ name: '术后随访', trigger: { type: 'manual' }, steps: [{ title: '术后3天', offset: 'P3D', method: 'phone' }] })
      .expect(201);
    expect(created.body).toMatchObject({ version: 1, active: true, stopWhenCardEnds: true });
    const id = created.body.id;
    await request(t.http).patch(`/api/v1/follow-up-templates/${id}`).set(bearer(admin)).send({ active: false }).expect(200);
    const changed = await request(t.http)
      .patch(`/api/v1/follow-up-templates/${id}`)
      .set(bearer(admin))
      .send({ steps: [{ title: '术后7天', offset: 'P7D', method: 'visit' }] })
      .expect(200);
    expect(changed.body).toMatchObject({ version: 2, active: false, steps: [{ title: '术后7天', method: 'visit' }] });
    const versions = await request(t.http).get(`/api/v1/follow-up-templates/${id}/versions`).set(bearer(admin)).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[0]).toMatchObject({
      actorType: 'user',
      actorId: admin.user.id,
      actorName: '系统管理员',
      definition: { name: '术后随访', trigger: { type: 'manual' }, steps: [{ title: '术后7天', method: 'visit' }] },
    });
    expect(versions.body[1].definition.steps).toEqual([expect.objectContaining({ title: '术后3天', offset: 'P3D' })]);
  });

  it('names nobody as the author of a seeded template’s first version', async () => {
    const templates = await request(t.http).get('/api/v1/follow-up-templates').set(bearer(admin)).expect(200);
    const postExam = templates.body.find((x: { seedKey: string }) => x.seedKey === 'post-exam');
    const versions = await request(t.http)
      .get(`/api/v1/follow-up-templates/${postExam.id}/versions`)
      .set(bearer(admin))
      .expect(200);
    expect(versions.body.at(-1)).toMatchObject({ version: 1, actorType: 'system', actorId: null, actorName: null });
  });

  it('previews the timeline of steps from a moment', async () => {
    const res = await request(t.http)
      .post('/api/v1/follow-up-templates/preview')
      .set(bearer(nurse))
      .send({
        anchorAt: '2026-01-31T02:00:00.000Z',
        steps: [
          {
            title: '季度',
            offset: 'P3M',
            rrule: 'FREQ=MONTHLY;INTERVAL=3;COUNT=2',
            method: 'phone',
            condition: { '>=': [{ var: 'age' }, 60] },
          },
          { title: '一周', offset: 'P7D', method: 'sms', windowDaysBefore: 1, reminderLeadMinutes: 30 },
        ],
      })
      .expect(200);
    expect(res.body.tasks).toEqual([
      expect.objectContaining({
        title: '一周',
        dueAt: '2026-02-07T02:00:00.000Z',
        windowStart: '2026-02-06T02:00:00.000Z',
        remindAt: '2026-02-07T01:30:00.000Z',
        conditional: false,
      }),
      expect.objectContaining({ title: '季度', dueAt: '2026-04-30T02:00:00.000Z', conditional: true }),
      expect.objectContaining({ title: '季度', dueAt: '2026-07-30T02:00:00.000Z', conditional: true }),
    ]);
  });

  it('an abnormal report starts 检后随访 with three tasks at 1 week, 1 month and 3 months', async () => {
    await sendBloodPressure(t, admin, clientId, 'FU-1', 152, 95);
    await dispatchPending(t);
    const [event] = await sql<{ created_at: Date }>(
      t,
      `SELECT created_at FROM outbox WHERE type = 'report.ingested' AND payload->>'clientId' = $1`,
      [clientId],
    );
    const anchor = new Date(event.created_at);
    const tasks = await tasksOfSeededPlan(t, clientId, 'post-exam');
    expect(tasks.map((x) => x.title)).toEqual(['检后1周随访', '检后1个月随访', '检后3个月随访']);
    const month = (n: number) => {
      const d = new Date(anchor);
      d.setUTCMonth(d.getUTCMonth() + n);
      return d.toISOString();
    };
    expect(tasks.map((x) => new Date(x.due_at).toISOString())).toEqual([
      new Date(anchor.getTime() + 7 * DAY_MS).toISOString(),
      month(1),
      month(3),
    ]);
    expect(new Date(tasks[0].window_end).getTime() - new Date(tasks[0].due_at).getTime()).toBe(3 * DAY_MS);
    expect(tasks.every((x) => x.status === 'pending' && x.assignee_user_id === managerId)).toBe(true);
  });

  it('a report of an exam older than 30 days (imported history) starts no 检后随访, unless the template allows it', async () => {
    const history = await createClient(t, admin, { name: '许八', gender: 'male', birthDate: '1966-06-06', managerId });
    const send = (externalId: string, examDate: string) =>
      request(t.http)
        .post('/api/v1/exam-reports')
        .set(bearer(admin))
        .send({
          source: 'fu-history',
          externalId,
          examDate,
          clientId: history,
          items: [
            { name: '收缩压', value: '150', unit: 'mmHg' },
            { name: '舒张压', value: '96', unit: 'mmHg' },
          ],
        })
        .expect(201);
    const postExamPlans = () =>
      sql(
        t,
        `SELECT p.trigger_key FROM follow_up_plan p JOIN follow_up_template tp ON tp.id = p.template_id
               WHERE p.client_id = $1 AND tp.seed_key = 'post-exam'`,
        [history],
      );
    await send('HIST-1', daysAgo(31));
    await dispatchPending(t);
    expect(await postExamPlans()).toHaveLength(0);
    await send('HIST-2', daysAgo(30));
    await dispatchPending(t);
    expect(await postExamPlans()).toHaveLength(1);

    const bad = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '历史报告回访',
        trigger: { type: 'report.ingested', maxReportAgeDays: -1 },
        steps: [{ title: 'x', offset: 'P1D', method: 'phone' }],
      })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'trigger.maxReportAgeDays' })]);
    const allowing = await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '历史报告回访',
        trigger: { type: 'report.ingested', maxReportAgeDays: 400 },
        steps: [{ title: '历史异常回访', offset: 'P1D', method: 'phone' }],
      })
      .expect(201);
    await send('HIST-3', daysAgo(365));
    await dispatchPending(t);
    const plans = await sql<{ name: string }>(t, `SELECT name FROM follow_up_plan WHERE client_id = $1 ORDER BY name`, [history]);
    expect(plans.map((p) => p.name)).toContain('历史报告回访');
    expect(plans.filter((p) => p.name === '检后随访')).toHaveLength(1);
    // Off again: the later tests count what reports start.
    await request(t.http)
      .patch(`/api/v1/follow-up-templates/${allowing.body.id}`)
      .set(bearer(admin))
      .send({ active: false })
      .expect(200);
  });

  it('the 高血压 tag the report set starts the chronic plan: quarterly, since China-PAR does not rate the client high', async () => {
    const [tagEvent] = await sql<{ created_at: Date }>(
      t,
      `SELECT o.created_at FROM outbox o JOIN tag ON tag.id = (o.payload->>'tagId')::uuid
        WHERE o.type = 'tag.added' AND tag.seed_key = 'hypertension' AND o.payload->>'clientId' = $1`,
      [clientId],
    );
    const anchor = new Date(tagEvent.created_at);
    const tasks = await tasksOfSeededPlan(t, clientId, 'chronic-hypertension');
    const months = (n: number) => {
      const d = new Date(anchor);
      d.setUTCMonth(d.getUTCMonth() + n);
      return d.toISOString();
    };
    expect(tasks.map((x) => [x.title, new Date(x.due_at).toISOString()])).toEqual(
      [3, 6, 9, 12].map((n) => ['高血压季度随访', months(n)]),
    );
  });

  it('a risk.changed template starts on its model and category only', async () => {
    await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '血压2级复查',
        trigger: { type: 'risk.changed', model: 'bp-grade', categories: ['grade_2', 'grade_3'] },
        steps: [{ title: '血压复查提醒', offset: 'P14D', method: 'clinic', assignee: 'role:nurse' }],
      })
      .expect(201);
    const other = await createClient(t, admin, { name: '蒋六', gender: 'female', birthDate: '1962-02-02' });
    await sendBloodPressure(t, admin, other, 'FU-2', 145, 85);
    await dispatchPending(t);
    const count = () =>
      sql(
        t,
        `SELECT k.assignee_user_id FROM follow_up_task k JOIN follow_up_plan p ON p.id = k.plan_id WHERE p.name = '血压2级复查'`,
      );
    expect(await count()).toHaveLength(0);
    await sendBloodPressure(t, admin, other, 'FU-3', 165, 101);
    await dispatchPending(t);
    const [nurseRow] = await sql<{ id: string }>(t, `SELECT id FROM staff_user WHERE username = 'fu.nurse'`);
    expect(await count()).toEqual([{ assignee_user_id: nurseRow.id }]);
  });

  it('a survey.completed template starts on its questionnaire and bands, once while its plan runs', async () => {
    const questionnaireId = randomUUID();
    await request(t.http)
      .post('/api/v1/follow-up-templates')
      .set(bearer(admin))
      .send({
        name: '抑郁量表回访',
        trigger: { type: 'survey.completed', questionnaireId, bands: ['moderate', 'severe'] },
        steps: [{ title: '心理状况回访', offset: 'P3D', method: 'phone', assignee: 'client_manager' }],
      })
      .expect(201);
    const client = await createClient(t, admin, { name: '韩七', gender: 'female', birthDate: '1985-03-03', managerId });
    const [{ org_id: orgId }] = await sql<{ org_id: string }>(t, `SELECT org_id FROM client WHERE id = $1`, [client]);
    // The surveys module appends this event when it scores a response; here the test does.
    const complete = async (questionnaire: string, bands: string[]) => {
      const responseId = randomUUID();
      await t.app.get(DataSource).transaction((manager) =>
        t.app.get(OutboxWriter).append(manager, {
          event: SurveyCompleted,
          orgId,
          aggregateId: responseId,
          payload: { responseId, clientId: client, questionnaireId: questionnaire, bands },
        }),
      );
      await dispatchPending(t);
    };
    const plans = () =>
      sql<{ trigger_key: string; due_at: Date; anchor: Date }>(
        t,
        `SELECT p.trigger_key, k.due_at, o.created_at AS anchor
           FROM follow_up_plan p JOIN follow_up_task k ON k.plan_id = p.id
           JOIN outbox o ON o.type = 'survey.completed' AND 'survey:' || (o.payload->>'responseId') = p.trigger_key
          WHERE p.client_id = $1 AND p.name = '抑郁量表回访'`,
        [client],
      );
    await complete(questionnaireId, ['mild']);
    await complete(randomUUID(), ['severe']);
    expect(await plans()).toHaveLength(0);
    await complete(questionnaireId, ['severe']);
    const [plan] = await plans();
    expect(plan.trigger_key).toMatch(/^survey:/);
    expect(new Date(plan.due_at).getTime() - new Date(plan.anchor).getTime()).toBe(3 * DAY_MS);
    await complete(questionnaireId, ['moderate']);
    expect(await plans()).toHaveLength(1);
  });

  it('the same event delivered again, or the report sent again, creates nothing', async () => {
    const before = await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM follow_up_task`);
    const [event] = await sql<{ id: string }>(
      t,
      `SELECT id FROM outbox WHERE type = 'report.ingested' AND payload->>'clientId' = $1`,
      [clientId],
    );
    // Past the per-handler guard too: only the plan's unique constraint is left to stop a duplicate.
    await sql(t, `DELETE FROM processed_events WHERE event_id = $1`, [event.id]);
    await sql(t, `UPDATE outbox SET processed_at = NULL WHERE id = $1`, [event.id]);
    await t.app.get(EventDispatcher).dispatch(event.id);
    await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send({
        source: 'fu-lis',
        externalId: 'FU-1',
        examDate: RECENT_EXAM_DATE,
        clientId,
        items: [
          { name: '收缩压', value: '152', unit: 'mmHg' },
          { name: '舒张压', value: '95', unit: 'mmHg' },
        ],
      })
      .expect(200);
    await dispatchPending(t);
    const after = await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM follow_up_task`);
    expect(after[0].n).toBe(before[0].n);
    expect(
      await sql(
        t,
        `SELECT 1 FROM follow_up_plan p JOIN follow_up_template tp ON tp.id = p.template_id
          WHERE tp.seed_key = 'post-exam' AND p.client_id = $1`,
        [clientId],
      ),
    ).toHaveLength(1);
  });
});
