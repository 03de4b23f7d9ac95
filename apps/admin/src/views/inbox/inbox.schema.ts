import type { InboxItem } from '@/api/types';
import type { TableColumn } from '@/components/schema';
import { formatDateTime } from '@/utils/format';

export const inboxColumns: TableColumn<InboxItem>[] = [
  { key: 'readAt', labelKey: 'common.status', width: 90, slot: true },
  { key: 'text', labelKey: 'inbox.text', minWidth: 360, slot: true },
  { key: 'sentAt', labelKey: 'inbox.sentAt', width: 170, text: (row) => formatDateTime(row.sentAt) },
  { key: 'actions', labelKey: 'common.actions', width: 110, fixed: 'right', slot: true },
];

export interface InboxFilters {
  unreadOnly: boolean;
}
