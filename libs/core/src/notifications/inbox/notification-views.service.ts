import { Injectable } from '@nestjs/common';
import { DomainError } from '../../errors/domain-error';
import { Page, pageOf, pageOffset } from '../../http/pagination';
import { InboxItemDto, InboxPageDto, InboxQueryDto, ListNotificationsQueryDto, NotificationDto } from '../dto/notification.dto';
import { AttemptRow, NotificationRepository, NotificationRow } from '../notification.repository';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toNotificationDto(row: NotificationRow, attempts: AttemptRow[]): NotificationDto {
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    channel: row.channel,
    audience: row.audience,
    userId: row.userId,
    clientId: row.clientId,
    template: row.template,
    status: row.status,
    reason: row.reason,
    attempts: row.attempts,
    retried: Math.max(0, row.attempts - 1),
    notBefore: iso(row.notBefore),
    sentAt: iso(row.sentAt),
    createdAt: row.createdAt.toISOString(),
    attemptLog: attempts.map((a) => ({
      at: a.at.toISOString(),
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      errorCode: a.errorCode,
    })),
  };
}

function toInboxItem(row: NotificationRow): InboxItemDto {
  return {
    id: row.id,
    template: row.template,
    text: row.renderedText ?? '',
    variables: row.variables,
    sentAt: row.sentAt!.toISOString(),
    readAt: iso(row.readAt),
  };
}

/** Reading notifications: a staff member's own inbox, and the delivery history staff may inspect. */
@Injectable()
export class NotificationViewsService {
  constructor(private readonly notifications: NotificationRepository) {}

  async inbox(orgId: string, userId: string, query: InboxQueryDto): Promise<InboxPageDto> {
    const { rows, total, unread } = await this.notifications.inbox(
      orgId,
      userId,
      query.unreadOnly,
      pageOffset(query),
      query.pageSize,
    );
    return { ...pageOf(rows.map(toInboxItem), total, query), unread };
  }

  async markRead(orgId: string, userId: string, id: string): Promise<void> {
    if (!(await this.notifications.markRead(orgId, userId, id)))
      throw DomainError.notFound('NOTIFICATION_NOT_FOUND', 'No such notification in your inbox');
  }

  markAllRead(orgId: string, userId: string): Promise<number> {
    return this.notifications.markAllRead(orgId, userId);
  }

  async list(orgId: string, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const { rows, total } = await this.notifications.list(
      { orgId, clientId: query.clientId, dedupePrefix: query.dedupePrefix, status: query.status, channel: query.channel },
      pageOffset(query),
      query.pageSize,
    );
    const attempts = await this.notifications.attemptsOf(rows.map((r) => r.id));
    return pageOf(
      rows.map((row) =>
        toNotificationDto(
          row,
          attempts.filter((a) => a.notificationId === row.id),
        ),
      ),
      total,
      query,
    );
  }
}
