import { MigrationInterface, QueryRunner } from 'typeorm';
import { RECORDINGS_MIGRATIONS } from './recordings/follow-up-recording.migrations';

const ACTOR_CHECK = `CHECK (%s IN ('user', 'api_key', 'system'))`;
const METHOD_CHECK = `CHECK (method IN ('phone', 'sms', 'wechat', 'visit', 'clinic', 'online_survey'))`;
const OPEN_STATUSES = `('pending', 'due', 'in_progress')`;

/**
 * Follow-ups (自动随访):
 * - `follow_up_template` (+ `_version`, the history of what defined it): trigger, condition, steps;
 *   `seed_key` on seeded rows so seeding is idempotent and never brings back what staff deleted;
 * - `follow_up_plan`: one per (client, template, trigger key), the unique constraint that makes a
 *   trigger delivered twice create nothing;
 * - `follow_up_task`: a row per task with `due_at`, its window and `remind_at`; the scheduler's
 *   delayed jobs are derived from these rows, so Redis holds nothing that cannot be rebuilt;
 * - `follow_up_record`: what happened on each attempt (call outcome, measurements, satisfaction).
 */
export class FollowUps1765300000001 implements MigrationInterface {
  name = 'FollowUps1765300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE follow_up_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        seed_key text,
        name text NOT NULL,
        description text,
        trigger_type text NOT NULL
          CHECK (trigger_type IN ('manual', 'card.opened', 'report.ingested', 'tag.added', 'risk.changed', 'survey.completed')),
        trigger jsonb NOT NULL,
        condition jsonb,
        steps jsonb NOT NULL,
        stop_when_card_ends boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX follow_up_template_seed_unique ON follow_up_template (org_id, seed_key) WHERE seed_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX follow_up_template_trigger_idx ON follow_up_template (org_id, trigger_type) WHERE deleted_at IS NULL AND active`,
    );

    await db.query(`
      CREATE TABLE follow_up_template_version (
        template_id uuid NOT NULL REFERENCES follow_up_template (id),
        version integer NOT NULL CHECK (version > 0),
        org_id uuid NOT NULL REFERENCES organisation (id),
        definition jsonb NOT NULL,
        actor_type text NOT NULL ${ACTOR_CHECK.replace('%s', 'actor_type')},
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (template_id, version)
      )`);

    await db.query(`
      CREATE TABLE follow_up_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        template_id uuid REFERENCES follow_up_template (id),
        template_version integer,
        name text NOT NULL,
        trigger_type text NOT NULL,
        trigger_key text NOT NULL,
        card_id uuid,
        anchor_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'stopped', 'completed')),
        stop_reason text,
        stopped_at timestamptz,
        created_by_type text NOT NULL ${ACTOR_CHECK.replace('%s', 'created_by_type')},
        created_by_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // NULLS NOT DISTINCT: hand-made plans without a template are still one per trigger key.
    await db.query(
      `CREATE UNIQUE INDEX follow_up_plan_trigger_unique ON follow_up_plan (org_id, client_id, template_id, trigger_key) NULLS NOT DISTINCT`,
    );
    await db.query(`CREATE INDEX follow_up_plan_client_idx ON follow_up_plan (client_id, created_at)`);
    await db.query(`CREATE INDEX follow_up_plan_card_idx ON follow_up_plan (card_id) WHERE card_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE follow_up_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES client (id),
        plan_id uuid REFERENCES follow_up_plan (id),
        step_index integer,
        title text NOT NULL,
        method text NOT NULL ${METHOD_CHECK},
        questionnaire_id uuid,
        assignee_rule text NOT NULL,
        assignee_user_id uuid REFERENCES staff_user (id),
        client_channels text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'due', 'in_progress', 'completed', 'missed', 'cancelled')),
        due_at timestamptz NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        completed_at timestamptz,
        missed_at timestamptz,
        cancelled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_up_task_window CHECK (window_start <= due_at AND due_at <= window_end AND remind_at <= due_at)
      )`);
    await db.query(`CREATE INDEX follow_up_task_plan_idx ON follow_up_task (plan_id) WHERE plan_id IS NOT NULL`);
    await db.query(`CREATE INDEX follow_up_task_client_idx ON follow_up_task (client_id, due_at)`);
    await db.query(`CREATE INDEX follow_up_task_assignee_idx ON follow_up_task (org_id, assignee_user_id, status, due_at)`);
    // What the reconciler walks (by id) and the KPIs scan (by due date).
    await db.query(`CREATE INDEX follow_up_task_open_idx ON follow_up_task (id) WHERE status IN ${OPEN_STATUSES}`);
    await db.query(`CREATE INDEX follow_up_task_org_due_idx ON follow_up_task (org_id, due_at)`);

    await db.query(`
      CREATE TABLE follow_up_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        task_id uuid NOT NULL REFERENCES follow_up_task (id),
        client_id uuid NOT NULL REFERENCES client (id),
        method text NOT NULL ${METHOD_CHECK},
        outcome text NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'wrong_number', 'refused')),
        duration_seconds integer CHECK (duration_seconds >= 0),
        content text,
        client_condition text,
        measured_values jsonb NOT NULL DEFAULT '[]',
        medication_adherence text CHECK (medication_adherence IN ('good', 'partial', 'poor', 'not_applicable')),
        satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
        next_action text NOT NULL CHECK (next_action IN ('close', 'schedule_extra', 'refer', 'escalate')),
        next_action_date date,
        extra_task_id uuid REFERENCES follow_up_task (id),
        recorded_by_type text NOT NULL ${ACTOR_CHECK.replace('%s', 'recorded_by_type')},
        recorded_by_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_up_record_extra_date CHECK ((next_action = 'schedule_extra') = (next_action_date IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX follow_up_record_task_idx ON follow_up_record (task_id, created_at)`);
    await db.query(`CREATE INDEX follow_up_record_client_idx ON follow_up_record (client_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'follow_up_record',
      'follow_up_task',
      'follow_up_plan',
      'follow_up_template_version',
      'follow_up_template',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}

/** Migrations of the follow-ups domain, in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FOLLOW_UPS_MIGRATIONS: Function[] = [FollowUps1765300000001, ...RECORDINGS_MIGRATIONS];
