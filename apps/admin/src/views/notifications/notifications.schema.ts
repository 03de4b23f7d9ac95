import type { NotificationChannel, NotificationRecord, NotificationStatus } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export const STATUSES: readonly NotificationStatus[] = ['queued', 'sent', 'failed', 'skipped'];

export const statusOptions = (): FieldOption[] =>
  STATUSES.map((status) => ({ value: status, label: t(`notifications.statuses.${status}`) }));

export const statusTagType: Record<NotificationStatus, 'info' | 'success' | 'danger' | 'warning'> = {
  queued: 'warning',
  sent: 'success',
  failed: 'danger',
  skipped: 'info',
};

export const notificationColumns: TableColumn<NotificationRecord>[] = [
  { key: 'createdAt', labelKey: 'notifications.createdAt', width: 160, text: (row) => formatDateTime(row.createdAt) },
  { key: 'template', labelKey: 'notifications.template', minWidth: 160, slot: true },
  { key: 'channel', labelKey: 'notifications.channel', width: 100, slot: true },
  { key: 'audience', labelKey: 'notifications.audience', width: 90, slot: true },
  { key: 'status', labelKey: 'common.status', width: 90, slot: true },
  { key: 'reason', labelKey: 'notifications.reason', minWidth: 160, slot: true },
  { key: 'attempts', labelKey: 'notifications.attempts', width: 90, align: 'right', slot: true },
  { key: 'notBefore', labelKey: 'notifications.notBefore', width: 160, text: (row) => formatDateTime(row.notBefore) },
  { key: 'sentAt', labelKey: 'notifications.sentAt', width: 160, text: (row) => formatDateTime(row.sentAt) },
];

export interface NotificationFilters {
  status: NotificationStatus | '';
  channel: NotificationChannel | '';
}

/** A reason code in words when the admin knows it (`no_consent` → 客户未同意接收提醒), else the code itself. */
export function reasonText(reason: string | null, known: (key: string) => boolean): string {
  if (!reason) return '—';
  if (known(`notifications.reasons.${reason}`)) return t(`notifications.reasons.${reason}`);
  const http = /^http_(\d{3})$/.exec(reason);
  return http ? t('notifications.reasons.http', { status: http[1] }) : reason;
}
