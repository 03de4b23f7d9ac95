import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationChannel } from '../notification.types';
import { DefaultMessageTemplate } from './default-templates';

export interface MessageTemplateRow {
  id: string;
  code: string;
  channel: NotificationChannel;
  textZh: string;
  wechatTemplateId: string | null;
  wechatFields: Record<string, string>;
  active: boolean;
  updatedAt: Date;
}

export interface MessageTemplateChange {
  textZh?: string;
  wechatTemplateId?: string | null;
  wechatFields?: Record<string, string>;
  active?: boolean;
}

const COLUMNS = `id, code, channel, text_zh AS "textZh", wechat_template_id AS "wechatTemplateId",
  wechat_fields AS "wechatFields", active, updated_at AS "updatedAt"`;

@Injectable()
export class MessageTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Gives one organisation, or all, the default templates it lacks; an existing (possibly edited)
   * template is never overwritten. Returns how many were added.
   */
  async insertDefaults(defaults: readonly DefaultMessageTemplate[], orgId?: string): Promise<number> {
    const [, added]: [unknown, number] = await this.dataSource.query(
      `INSERT INTO message_template (org_id, code, channel, text_zh, wechat_fields)
       SELECT o.id, d.code, d.channel, d.text_zh, d.wechat_fields::jsonb
       FROM organisation o
       CROSS JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d (code, channel, text_zh, wechat_fields)
       WHERE $5::uuid IS NULL OR o.id = $5::uuid
       ON CONFLICT (org_id, code, channel) DO NOTHING`,
      [
        defaults.map((d) => d.code),
        defaults.map((d) => d.channel),
        defaults.map((d) => d.textZh),
        defaults.map((d) => JSON.stringify(d.wechatFields)),
        orgId ?? null,
      ],
    );
    return added;
  }

  async list(orgId: string): Promise<MessageTemplateRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM message_template WHERE org_id = $1 ORDER BY code, channel`, [orgId]);
  }

  async find(orgId: string, code: string, channel: NotificationChannel): Promise<MessageTemplateRow | null> {
    const rows: MessageTemplateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM message_template WHERE org_id = $1 AND code = $2 AND channel = $3`,
      [orgId, code, channel],
    );
    return rows[0] ?? null;
  }

  async findById(orgId: string, id: string): Promise<MessageTemplateRow | null> {
    const rows: MessageTemplateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM message_template WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  async update(orgId: string, id: string, change: MessageTemplateChange): Promise<void> {
    await this.dataSource.query(
      `UPDATE message_template
       SET text_zh = COALESCE($3, text_zh),
           wechat_template_id = CASE WHEN $4::boolean THEN $5 ELSE wechat_template_id END,
           wechat_fields = COALESCE($6::jsonb, wechat_fields),
           active = COALESCE($7, active),
           updated_at = now()
       WHERE org_id = $1 AND id = $2`,
      [
        orgId,
        id,
        change.textZh ?? null,
        change.wechatTemplateId !== undefined,
        change.wechatTemplateId ?? null,
        change.wechatFields === undefined ? null : JSON.stringify(change.wechatFields),
        change.active ?? null,
      ],
    );
  }
}
