import type { ExamImport } from '@/api/types';
import type { TableColumn } from '@/components/schema';
import { formatDateTime } from '@/utils/format';
import { importStatusTag } from '@/views/client-imports/client-imports.schema';

export { importStatusTag };

/** The job has not finished: keep polling. */
export const isPending = (item: Pick<ExamImport, 'status'>) => item.status === 'queued' || item.status === 'running';

/** Progress counts reports, the unit each accepted or rejected outcome is given for. */
export function importProgress(item: Pick<ExamImport, 'processedReports' | 'totalReports' | 'status'>): number {
  if (item.status === 'completed') return 100;
  return item.totalReports > 0 ? Math.min(100, Math.round((item.processedReports / item.totalReports) * 100)) : 0;
}

export const MAX_EXAM_IMPORT_BYTES = 5 * 1024 * 1024;

export const examImportColumns: TableColumn<ExamImport>[] = [
  { key: 'fileName', labelKey: 'clientImports.fileName', minWidth: 180, ellipsis: true },
  { key: 'status', labelKey: 'common.status', width: 100, slot: true },
  { key: 'progress', labelKey: 'clientImports.progress', minWidth: 220, slot: true },
  { key: 'acceptedReports', labelKey: 'examImports.accepted', width: 100 },
  { key: 'rejectedReports', labelKey: 'examImports.rejected', width: 100, slot: true },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 150, fixed: 'right', slot: true },
];
