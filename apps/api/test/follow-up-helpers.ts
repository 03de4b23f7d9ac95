import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, Session, sql } from './iam-test-helpers';
export { dispatchPending } from './outbox-helpers';
import { TestApp } from './test-app';

export const DAY_MS = 86_400_000;

/** A calendar day (Asia/Shanghai, the test organisations' zone) `days` before today. */
export function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - days * DAY_MS));
}

/**
 * The exam date of the reports these tests send: recent, as a report arriving from the exam system
 * is (older ones are imported history and start no 检后随访).
 */
export const RECENT_EXAM_DATE = daysAgo(3);

export interface RequestedNotification {
  dedupeKey: string;
  audience: string;
  userId: string | null;
  clientId: string | null;
  channels: string[];
  template: string;
  variables: Record<string, unknown>;
}

/** What follow-ups asked the notifier for: the stored notifications, one entry per dedupe key, oldest first. */
export async function notificationRequests(t: TestApp): Promise<RequestedNotification[]> {
  return sql<RequestedNotification>(
    t,
    `SELECT dedupe_key AS "dedupeKey", audience, user_id AS "userId", client_id AS "clientId",
            array_agg(channel ORDER BY channel) AS channels, template, (array_agg(variables))[1] AS variables
       FROM notification
      GROUP BY org_id, dedupe_key, audience, user_id, client_id, template
      ORDER BY min(created_at), dedupe_key`,
  );
}

export async function createClient(t: TestApp, session: Session, body: Record<string, unknown>): Promise<string> {
  const res = await request(t.http).post('/api/v1/clients').set(bearer(session)).send(body);
  if (res.status !== 201) throw new Error(`create client failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Sends a report with one blood pressure reading for the client; returns the report id. */
export async function sendBloodPressure(
  t: TestApp,
  session: Session,
  clientId: string,
  externalId: string,
  sbp: number,
  dbp: number,
): Promise<string> {
  const res = await request(t.http)
    .post('/api/v1/exam-reports')
    .set(bearer(session))
    .send({
      source: 'fu-lis',
      externalId,
      examDate: RECENT_EXAM_DATE,
      clientId,
      items: [
        { name: '收缩压', value: String(sbp), unit: 'mmHg' },
        { name: '舒张压', value: String(dbp), unit: 'mmHg' },
      ],
    });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export interface TaskRow {
  id: string;
  title: string;
  status: string;
  due_at: Date;
  window_end: Date;
  remind_at: Date;
  assignee_user_id: string | null;
  plan_id: string;
}

/** The tasks of the client's plan from the seeded template with this seed key, in due order. */
export function tasksOfSeededPlan(t: TestApp, clientId: string, seedKey: string): Promise<TaskRow[]> {
  return sql<TaskRow>(
    t,
    `SELECT k.id, k.title, k.status, k.due_at, k.window_end, k.remind_at, k.assignee_user_id, k.plan_id
       FROM follow_up_task k JOIN follow_up_plan p ON p.id = k.plan_id JOIN follow_up_template tp ON tp.id = p.template_id
      WHERE k.client_id = $1 AND tp.seed_key = $2 ORDER BY k.due_at`,
    [clientId, seedKey],
  );
}

export interface WebhookHit {
  body: string;
  signature: string | undefined;
  notificationId: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  hits: WebhookHit[];
  close(): Promise<void>;
}

/** A local HTTP receiver standing in for an organisation's webhook: records every POST, answers 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hits: WebhookHit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      hits.push({
        body,
        signature: req.headers['x-signature'] as string | undefined,
        notificationId: req.headers['x-notification-id'] as string | undefined,
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends the organisation's client messages to `url`; quiet hours off, so no test depends on the time of day. */
export async function useWebhook(t: TestApp, session: Session, url: string, secret: string): Promise<void> {
  await request(t.http)
    .put('/api/v1/notification-settings')
    .set(bearer(session))
    .send({ quietStart: '00:00', quietEnd: '00:00', webhookUrl: url, webhookSecret: secret })
    .expect(200);
}
