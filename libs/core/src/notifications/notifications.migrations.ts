import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications and what they are made of. A `notification` row is one message on one channel; its
 * unique `(org_id, dedupe_key, channel)` is what makes a reminder impossible to send twice, whatever
 * retries, reconcilers or parallel workers do. Every delivery try appends a `notification_attempt`.
 * `message_template` holds each organisation's texts per code and channel; `notification_setting`
 * its quiet hours and channel credentials (secrets encrypted with the field cipher).
 */
export class Notifications1765200000001 implements MigrationInterface {
  name = 'Notifications1765200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        dedupe_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in_app', 'webhook', 'sms', 'wechat')),
        audience text NOT NULL CHECK (audience IN ('staff', 'client')),
        user_id uuid,
        client_id uuid,
        template text NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
        reason text,
        attempts integer NOT NULL DEFAULT 0,
        not_before timestamptz,
        rendered_text text,
        claimed_until timestamptz,
        sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_dedupe_unique UNIQUE (org_id, dedupe_key, channel),
        CONSTRAINT notification_recipient CHECK (
          (audience = 'staff' AND user_id IS NOT NULL AND client_id IS NULL) OR
          (audience = 'client' AND client_id IS NOT NULL AND user_id IS NULL))
      )`);
    // The reconciler's walk over undelivered rows, the inbox, and the per-client history.
    await db.query(`CREATE INDEX notification_queued_idx ON notification (id) WHERE status = 'queued'`);
    await db.query(
      `CREATE INDEX notification_inbox_idx ON notification (user_id, created_at DESC) WHERE channel = 'in_app' AND status = 'sent'`,
    );
    await db.query(
      `CREATE INDEX notification_client_idx ON notification (org_id, client_id, created_at DESC) WHERE client_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX notification_org_key_idx ON notification (org_id, dedupe_key text_pattern_ops)`);

    await db.query(`
      CREATE TABLE notification_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped')),
        http_status integer,
        error_code text
      )`);
    await db.query(`CREATE INDEX notification_attempt_notification_idx ON notification_attempt (notification_id, at)`);

    await db.query(`
      CREATE TABLE message_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        code text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in_app', 'webhook', 'sms', 'wechat')),
        text_zh text NOT NULL,
        wechat_template_id text,
        wechat_fields jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT message_template_code_unique UNIQUE (org_id, code, channel)
      )`);

    await db.query(`
      CREATE TABLE notification_setting (
        org_id uuid PRIMARY KEY REFERENCES organisation (id),
        quiet_start text NOT NULL DEFAULT '21:00',
        quiet_end text NOT NULL DEFAULT '08:00',
        time_zone text,
        webhook_url text,
        webhook_secret_cipher text,
        sms_gateway_url text,
        sms_token_cipher text,
        wechat_app_id text,
        wechat_secret_cipher text,
        wechat_api_base text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_setting`);
    await db.query(`DROP TABLE message_template`);
    await db.query(`DROP TABLE notification_attempt`);
    await db.query(`DROP TABLE notification`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const NOTIFICATIONS_MIGRATIONS: Function[] = [Notifications1765200000001];
