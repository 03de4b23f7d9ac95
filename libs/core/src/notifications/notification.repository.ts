import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationAudience, NotificationChannel, NotificationStatus } from './notification.types';

export interface NotificationRow {
  id: string;
  orgId: string;
  dedupeKey: string;
  channel: NotificationChannel;
  audience: NotificationAudience;
  userId: string | null;
  clientId: string | null;
  template: string;
  variables: Record<string, string | number>;
  status: NotificationStatus;
  reason: string | null;
  attempts: number;
  notBefore: Date | null;
  renderedText: string | null;
  sentAt: Date | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface NewNotification {
  orgId: string;
  dedupeKey: string;
  channel: NotificationChannel;
  audience: NotificationAudience;
  userId: string | null;
  clientId: string | null;
  template: string;
  variables: Record<string, string | number>;
  status: 'queued' | 'skipped';
  reason: string | null;
  notBefore: Date | null;
}

export interface AttemptRow {
  notificationId: string;
  at: Date;
  outcome: 'sent' | 'failed' | 'skipped';
  httpStatus: number | null;
  errorCode: string | null;
}

export interface AttemptResult {
  httpStatus?: number;
  errorCode?: string;
}

export interface NotificationFilter {
  orgId: string;
  clientId?: string;
  dedupePrefix?: string;
  status?: NotificationStatus;
  channel?: NotificationChannel;
}

const COLUMNS = `id, org_id AS "orgId", dedupe_key AS "dedupeKey", channel, audience, user_id AS "userId",
  client_id AS "clientId", template, variables, status, reason, attempts, not_before AS "notBefore",
  rendered_text AS "renderedText", sent_at AS "sentAt", read_at AS "readAt", created_at AS "createdAt"`;

/** Escapes `%`, `_` and `\` so a prefix matches literally in LIKE. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The SQL of notifications and their attempts. Every status change is guarded by `status = 'queued'`,
 * so a row that reached an outcome never changes again, whoever tries.
 */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the rows whose `(org, dedupe key, channel)` is new; returns the ids of all, new or existing. */
  async insertDeduplicated(manager: EntityManager, rows: NewNotification[]): Promise<string[]> {
    const ids: string[] = [];
    for (const row of rows) {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO notification (org_id, dedupe_key, channel, audience, user_id, client_id, template, variables, status, reason, not_before)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (org_id, dedupe_key, channel) DO NOTHING RETURNING id`,
        [
          row.orgId,
          row.dedupeKey,
          row.channel,
          row.audience,
          row.userId,
          row.clientId,
          row.template,
          JSON.stringify(row.variables),
          row.status,
          row.reason,
          row.notBefore,
        ],
      );
      if (inserted[0]) {
        ids.push(inserted[0].id);
        continue;
      }
      // A concurrent first request may still be uncommitted: the conflict waited for it, so it is visible now.
      const existing: { id: string }[] = await manager.query(
        `SELECT id FROM notification WHERE org_id = $1 AND dedupe_key = $2 AND channel = $3`,
        [row.orgId, row.dedupeKey, row.channel],
      );
      if (existing[0]) ids.push(existing[0].id);
    }
    return ids;
  }

  /** The still-queued ones among `ids`, with the moment each may be delivered. */
  async queuedSchedule(ids: string[]): Promise<{ id: string; notBefore: Date | null }[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, not_before AS "notBefore" FROM notification WHERE id = ANY($1::uuid[]) AND status = 'queued' ORDER BY id`,
      [ids],
    );
  }

  /** Queued rows after `afterId` in id order: what the reconciler checks against Redis. */
  async queuedAfter(afterId: string | null, limit: number): Promise<{ id: string; notBefore: Date | null }[]> {
    return this.dataSource.query(
      `SELECT id, not_before AS "notBefore" FROM notification
       WHERE status = 'queued' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /**
   * Takes a queued, due notification for one delivery try: counts the attempt and holds it for
   * `leaseSeconds` so a parallel run of the same job finds nothing to do. Null when the row is not
   * queued, not yet due, or held by a try still in progress.
   */
  async claim(id: string, leaseSeconds: number): Promise<NotificationRow | null> {
    const rows: [NotificationRow[], number] = await this.dataSource.query(
      `UPDATE notification
       SET attempts = attempts + 1, claimed_until = now() + make_interval(secs => $2), updated_at = now()
       WHERE id = $1 AND status = 'queued'
         AND (claimed_until IS NULL OR claimed_until < now())
         AND (not_before IS NULL OR not_before <= now() + interval '1 second')
       RETURNING ${COLUMNS}`,
      [id, leaseSeconds],
    );
    return rows[0][0] ?? null;
  }

  async find(id: string): Promise<NotificationRow | null> {
    const rows: NotificationRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM notification WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Sent: an outcome for good, with the text that went out. */
  async markSent(id: string, renderedText: string | null, result: AttemptResult): Promise<void> {
    await this.finish(id, 'sent', null, renderedText, result);
  }

  /** Failed or skipped for good, with the reason. */
  async markFinal(id: string, status: 'failed' | 'skipped', reason: string, result: AttemptResult = {}): Promise<void> {
    await this.finish(id, status, reason, null, { errorCode: reason, ...result });
  }

  /** A try that failed but will be retried: the row stays queued with the last reason, the claim is let go. */
  async releaseForRetry(id: string, reason: string, result: AttemptResult): Promise<void> {
    await this.dataSource.query(
      `WITH released AS (
         UPDATE notification SET reason = $2, claimed_until = NULL, updated_at = now()
         WHERE id = $1 AND status = 'queued' RETURNING id)
       INSERT INTO notification_attempt (notification_id, outcome, http_status, error_code)
       SELECT id, 'failed', $3, $2 FROM released`,
      [id, reason, result.httpStatus ?? null],
    );
  }

  async attemptsOf(ids: string[]): Promise<AttemptRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT notification_id AS "notificationId", at, outcome, http_status AS "httpStatus", error_code AS "errorCode"
       FROM notification_attempt WHERE notification_id = ANY($1::uuid[]) ORDER BY at, id`,
      [ids],
    );
  }

  async list(filter: NotificationFilter, offset: number, limit: number): Promise<{ rows: NotificationRow[]; total: number }> {
    const params: unknown[] = [filter.orgId];
    const where = ['org_id = $1'];
    if (filter.clientId) {
      params.push(filter.clientId);
      where.push(`client_id = $${params.length}`);
    }
    if (filter.dedupePrefix) {
      params.push(likePrefix(filter.dedupePrefix));
      where.push(`dedupe_key LIKE $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.channel) {
      params.push(filter.channel);
      where.push(`channel = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM notification WHERE ${condition}`,
      params,
    );
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification WHERE ${condition}
       ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, total };
  }

  /** A staff member's delivered in-app notifications, newest first. */
  async inbox(
    orgId: string,
    userId: string,
    unreadOnly: boolean,
    offset: number,
    limit: number,
  ): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const base = `org_id = $1 AND user_id = $2 AND channel = 'in_app' AND status = 'sent'`;
    const [counts]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification WHERE ${base}`,
      [orgId, userId],
    );
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification WHERE ${base} ${unreadOnly ? 'AND read_at IS NULL' : ''}
       ORDER BY sent_at DESC, id LIMIT $3 OFFSET $4`,
      [orgId, userId, limit, offset],
    );
    return { rows, total: unreadOnly ? counts.unread : counts.total, unread: counts.unread };
  }

  /** Marks one of the staff member's in-app notifications read; false when it is not theirs. */
  async markRead(orgId: string, userId: string, id: string): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH mine AS (
         SELECT id FROM notification WHERE id = $3 AND org_id = $1 AND user_id = $2 AND channel = 'in_app' AND status = 'sent'),
       updated AS (UPDATE notification SET read_at = now() WHERE id IN (SELECT id FROM mine) AND read_at IS NULL)
       SELECT id FROM mine`,
      [orgId, userId, id],
    );
    return rows.length > 0;
  }

  async markAllRead(orgId: string, userId: string): Promise<number> {
    const [, updated]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification SET read_at = now()
       WHERE org_id = $1 AND user_id = $2 AND channel = 'in_app' AND status = 'sent' AND read_at IS NULL`,
      [orgId, userId],
    );
    return updated;
  }

  private async finish(
    id: string,
    status: 'sent' | 'failed' | 'skipped',
    reason: string | null,
    renderedText: string | null,
    result: AttemptResult,
  ): Promise<void> {
    await this.dataSource.query(
      `WITH finished AS (
         UPDATE notification
         SET status = $2, reason = $3, rendered_text = COALESCE($4, rendered_text), claimed_until = NULL,
             sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, updated_at = now()
         WHERE id = $1 AND status = 'queued' RETURNING id)
       INSERT INTO notification_attempt (notification_id, outcome, http_status, error_code)
       SELECT id, $2, $5, $6 FROM finished`,
      [id, status, reason, renderedText, result.httpStatus ?? null, result.errorCode ?? null],
    );
  }
}
