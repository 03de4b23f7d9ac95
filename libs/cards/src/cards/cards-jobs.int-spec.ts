import { DataSource } from 'typeorm';
import { AUDIT_MIGRATIONS, JobQueues, JobSchedulers, OUTBOX_MIGRATIONS } from '@health/core';
import {
  CoreTestContext,
  createCoreTestContext,
  createTestDatabase,
  deleteQueueKeys,
  TestDatabase,
  uniqueQueuePrefix,
  waitUntil,
} from '@health/core/testing';
import { IAM_MIGRATIONS } from '@health/iam';
import { CARDS_MIGRATIONS } from '../cards.migrations';
import { CardsJobsModule } from './cards-jobs.module';
import { CardStatusDailyJob } from './cards.jobs';

jest.setTimeout(30_000);

/** What apps/worker runs: the card module without HTTP, on the worker runtime. */
describe('card jobs in the worker', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let worker: CoreTestContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await createCoreTestContext({
      databaseUrl: database.url,
      env: { QUEUE_PREFIX: prefix },
      worker: true,
      imports: [CardsJobsModule],
      migrations: [...OUTBOX_MIGRATIONS, ...AUDIT_MIGRATIONS, ...IAM_MIGRATIONS, ...CARDS_MIGRATIONS],
    });
  });

  afterAll(async () => {
    await worker?.app.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  it('schedules the daily job at 00:05 Asia/Shanghai', async () => {
    const scheduler = await worker.app.get(JobSchedulers).find(CardStatusDailyJob);
    expect(scheduler).toMatchObject({ pattern: '5 0 * * *', tz: 'Asia/Shanghai' });
  });

  it('runs the job from the queue: an issued card whose day came becomes active, with history and event', async () => {
    const db = worker.app.get(DataSource);
    const [org] = await db.query(
      `INSERT INTO organisation (name, code, timezone) VALUES ('机构', 'org-jobs', 'Asia/Shanghai') RETURNING id`,
    );
    const [client] = await db.query(
      `INSERT INTO client (org_id, name, name_initials, gender, birth_date) VALUES ($1, '测试', 'cs', 'male', '1970-01-01') RETURNING id`,
      [org.id],
    );
    const [type] = await db.query(
      `INSERT INTO card_type (org_id, name, validity_months, services, status) VALUES ($1, '卡', 12, '[]', 'active') RETURNING id`,
      [org.id],
    );
    const [card] = await db.query(
      `INSERT INTO card (org_id, number, client_id, card_type_id, status, start_date, expiry_date)
       VALUES ($1, '800000000011', $2, $3, 'issued', '2030-01-01', '2030-12-31') RETURNING id`,
      [org.id, client.id, type.id],
    );

    await worker.app.get(JobQueues).enqueue(CardStatusDailyJob, { today: '2030-01-01' });
    const status = async () => (await db.query(`SELECT status FROM card WHERE id = $1`, [card.id]))[0].status as string;
    await waitUntil(async () => (await status()) === 'active', 15_000);

    const history = await db.query(`SELECT action, actor_type FROM card_history WHERE card_id = $1`, [card.id]);
    expect(history).toEqual([{ action: 'activated', actor_type: 'system' }]);
    const events = await db.query(`SELECT type FROM outbox WHERE aggregate_id = $1`, [card.id]);
    expect(events).toEqual([{ type: 'card.activated' }]);
  });
});
