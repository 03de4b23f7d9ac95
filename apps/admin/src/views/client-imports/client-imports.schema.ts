import type { ClientImport } from '@/api/types';
import type { TableColumn } from '@/components/schema';
import { formatDateTime } from '@/utils/format';

export type ImportStatus = ClientImport['status'];

export const importStatusTag: Record<ImportStatus, 'info' | 'primary' | 'success' | 'danger'> = {
  queued: 'info',
  running: 'primary',
  completed: 'success',
  failed: 'danger',
};

/** The job has not finished: keep polling. */
export const isPending = (item: Pick<ClientImport, 'status'>) => item.status === 'queued' || item.status === 'running';

export function importProgress(item: Pick<ClientImport, 'processedRows' | 'totalRows' | 'status'>): number {
  if (item.status === 'completed') return 100;
  return item.totalRows > 0 ? Math.min(100, Math.round((item.processedRows / item.totalRows) * 100)) : 0;
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const importColumns: TableColumn<ClientImport>[] = [
  { key: 'fileName', labelKey: 'clientImports.fileName', minWidth: 180, ellipsis: true },
  { key: 'status', labelKey: 'common.status', width: 100, slot: true },
  { key: 'progress', labelKey: 'clientImports.progress', minWidth: 200, slot: true },
  { key: 'importedRows', labelKey: 'clientImports.imported', width: 100, slot: true },
  { key: 'rejectedRows', labelKey: 'clientImports.rejected', width: 100, slot: true },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 140, fixed: 'right', slot: true },
];
