import { EventDispatcher } from '@health/core';
import { seedDemoData } from '../src/demo-data';
import { sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

describe('demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends the shared samples and five yearly reports per chosen client through ingestion, once', async () => {
    const first = await seedDemoData(t.app);
    expect(first.cards.created).toBe(true);
    expect(first.examReports).toEqual({ samples: 24, generated: 200 });
    expect(first.followUpPlans).toBe(12);
    // The workbench of a new demo: first calls due today, some overdue but still open, some coming.
    const [calls] = await sql<{ today: number; overdue: number; coming: number; assigned: number }>(
      t,
      `SELECT count(*) FILTER (WHERE due_at::date = now()::date)::int AS today,
              count(*) FILTER (WHERE due_at::date < now()::date AND window_end > now())::int AS overdue,
              count(*) FILTER (WHERE due_at > now() AND due_at < now() + interval '7 days')::int AS coming,
              count(assignee_user_id)::int AS assigned
         FROM follow_up_task WHERE title = '检后1周随访'`,
    );
    expect(calls.today).toBeGreaterThanOrEqual(4);
    expect(calls.overdue).toBeGreaterThanOrEqual(2);
    expect(calls.coming).toBeGreaterThanOrEqual(2);
    expect(calls.assigned).toBeGreaterThan(0);

    const reports = await sql<{ source: string; n: number; needs_mapping: number }>(
      t,
      `SELECT source, count(*)::int AS n, count(*) FILTER (WHERE status = 'needs_mapping')::int AS needs_mapping
         FROM exam_report GROUP BY source ORDER BY source`,
    );
    expect(reports.reduce((sum, r) => sum + r.n, 0)).toBe(224);
    // Every sample item was resolved to the dictionary before the files were written.
    expect(reports.every((r) => r.needs_mapping === 0)).toBe(true);

    // 王志强's five years line up by his ID number, the 2022 mg/dL report converted.
    const wang = await sql<{ exam_date: string; value_num: number }>(
      t,
      `SELECT o.measured_on::text AS exam_date, o.value_num
         FROM observation o JOIN client c ON c.id = o.client_id
        WHERE c.name = '王志强' AND o.indicator_code = 'FPG' ORDER BY o.measured_on`,
    );
    expect(wang.map((r) => r.exam_date)).toEqual(['2021-06-01', '2022-06-15', '2023-06-20', '2024-07-02', '2025-07-08']);
    expect(wang[1].value_num).toBeCloseTo(5.88, 2);

    const yearly = await sql<{ years: number }>(
      t,
      `SELECT count(DISTINCT extract(year FROM measured_on))::int AS years FROM observation o
         JOIN exam_report r ON r.id = o.report_id
        WHERE r.source = 'demo-annual-checkup' AND o.indicator_code = 'SBP'
        GROUP BY o.client_id LIMIT 1`,
    );
    expect(yearly).toEqual([{ years: 5 }]);

    const again = await seedDemoData(t.app);
    expect(again.cards.created).toBe(false);
    expect(again.examReports.generated).toBe(0);
    expect(again.followUpPlans).toBe(0);
    expect(await sql(t, `SELECT count(*)::int AS n FROM exam_report`)).toEqual([{ n: 224 }]);
  }, 300_000);

  it('the worker turns the demo reports and archives into facts, risk assessments and seeded tags', async () => {
    const dispatcher = t.app.get(EventDispatcher);
    for (;;) {
      const pending = await sql<{ id: string }>(
        t,
        `SELECT id FROM outbox WHERE processed_at IS NULL ORDER BY created_at, id LIMIT 500`,
      );
      if (pending.length === 0) break;
      for (const { id } of pending) await dispatcher.dispatch(id);
    }
    const [{ facts }] = await sql<{ facts: number }>(t, `SELECT count(*)::int AS facts FROM client_facts`);
    expect(facts).toBeGreaterThanOrEqual(150);
    const tagged = await sql<{ name: string; n: number }>(
      t,
      `SELECT t.name, count(*)::int AS n FROM client_tag ct JOIN tag t ON t.id = ct.tag_id GROUP BY t.name`,
    );
    const names = tagged.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['高血压', '超重', '吸烟']));
    const models = await sql<{ model: string }>(
      t,
      `SELECT DISTINCT model FROM risk_assessment WHERE status = 'ok' AND is_current ORDER BY model`,
    );
    expect(models.map((m) => m.model)).toEqual(expect.arrayContaining(['bp-grade', 'china-par', 'glucose-class', 'lipid-class']));
  }, 300_000);
});
