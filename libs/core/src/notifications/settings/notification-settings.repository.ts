import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The stored row, secrets still encrypted; defaults filled in for an organisation without one. */
export interface StoredNotificationSettings {
  quietStart: string;
  quietEnd: string;
  /** The setting's own zone, else the organisation's. */
  timeZone: string | null;
  ownTimeZone: string | null;
  webhookUrl: string | null;
  webhookSecretCipher: string | null;
  smsGatewayUrl: string | null;
  smsTokenCipher: string | null;
  wechatAppId: string | null;
  wechatSecretCipher: string | null;
  wechatApiBase: string | null;
  orgName: string;
}

export type SettingsChange = Partial<Omit<StoredNotificationSettings, 'timeZone' | 'orgName'>>;

const COLUMN_OF: Record<keyof SettingsChange, string> = {
  quietStart: 'quiet_start',
  quietEnd: 'quiet_end',
  ownTimeZone: 'time_zone',
  webhookUrl: 'webhook_url',
  webhookSecretCipher: 'webhook_secret_cipher',
  smsGatewayUrl: 'sms_gateway_url',
  smsTokenCipher: 'sms_token_cipher',
  wechatAppId: 'wechat_app_id',
  wechatSecretCipher: 'wechat_secret_cipher',
  wechatApiBase: 'wechat_api_base',
};

@Injectable()
export class NotificationSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the organisation does not exist. */
  async find(orgId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredNotificationSettings | null> {
    const rows: StoredNotificationSettings[] = await manager.query(
      `SELECT COALESCE(s.quiet_start, '21:00') AS "quietStart", COALESCE(s.quiet_end, '08:00') AS "quietEnd",
              COALESCE(s.time_zone, o.timezone) AS "timeZone", s.time_zone AS "ownTimeZone",
              s.webhook_url AS "webhookUrl", s.webhook_secret_cipher AS "webhookSecretCipher",
              s.sms_gateway_url AS "smsGatewayUrl", s.sms_token_cipher AS "smsTokenCipher",
              s.wechat_app_id AS "wechatAppId", s.wechat_secret_cipher AS "wechatSecretCipher",
              s.wechat_api_base AS "wechatApiBase", o.name AS "orgName"
       FROM organisation o LEFT JOIN notification_setting s ON s.org_id = o.id
       WHERE o.id = $1`,
      [orgId],
    );
    return rows[0] ?? null;
  }

  /** Writes the given fields (undefined ones keep their value), creating the row on first use. */
  async save(orgId: string, change: SettingsChange): Promise<void> {
    const entries = (Object.keys(COLUMN_OF) as (keyof SettingsChange)[]).filter((key) => change[key] !== undefined);
    const columns = entries.map((key) => COLUMN_OF[key]);
    const values = entries.map((key) => change[key]);
    const placeholders = values.map((_, i) => `$${i + 2}`);
    const updates = columns.map((column) => `${column} = EXCLUDED.${column}`);
    await this.dataSource.query(
      `INSERT INTO notification_setting (org_id${columns.map((c) => `, ${c}`).join('')})
       VALUES ($1${placeholders.map((p) => `, ${p}`).join('')})
       ON CONFLICT (org_id) DO UPDATE SET ${[...updates, 'updated_at = now()'].join(', ')}`,
      [orgId, ...values],
    );
  }
}
