import type { ExamReportQuery, ExamReportSummary, ReportItem, Verdict } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { currentLocale, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { formatReference, formatValue, verdictMark, type TagType } from '@/views/clients/trends/trend-chart';

export type ReportStatus = NonNullable<ExamReportQuery['status']>;
export const REPORT_STATUSES: readonly ReportStatus[] = ['processed', 'needs_mapping'];

export const reportStatusTag: Record<ReportStatus, TagType> = { processed: 'success', needs_mapping: 'warning' };

export const statusOptions = (): FieldOption[] =>
  REPORT_STATUSES.map((value) => ({ value, label: t(`examReports.statuses.${value}`) }));

export const abnormalOptions = (): FieldOption[] => [
  { value: 'true', label: t('examReports.withAbnormal') },
  { value: 'false', label: t('examReports.withoutAbnormal') },
];

export interface ExamReportFilters {
  dates: [string, string] | null;
  source: string;
  status: ReportStatus | '';
  abnormal: 'true' | 'false' | '';
}

export const emptyReportFilters = (): ExamReportFilters => ({ dates: null, source: '', status: '', abnormal: '' });

/** The filters as the API's query (empty ones dropped by `compactQuery`). */
export function reportQuery(filters: ExamReportFilters): Pick<ExamReportQuery, 'from' | 'to' | 'source' | 'status' | 'abnormal'> {
  return {
    from: filters.dates?.[0],
    to: filters.dates?.[1],
    source: filters.source.trim() || undefined,
    status: filters.status || undefined,
    abnormal: filters.abnormal === '' ? undefined : filters.abnormal === 'true',
  };
}

export const reportColumns: TableColumn<ExamReportSummary>[] = [
  { key: 'examDate', labelKey: 'examReports.examDate', width: 120 },
  { key: 'clientName', labelKey: 'examReports.client', minWidth: 110, slot: true },
  { key: 'source', labelKey: 'examReports.source', minWidth: 130, ellipsis: true },
  { key: 'institution', labelKey: 'examReports.institution', minWidth: 200, ellipsis: true },
  { key: 'status', labelKey: 'common.status', width: 100, slot: true },
  { key: 'itemCount', labelKey: 'examReports.itemCount', width: 90, align: 'right' },
  { key: 'abnormalCount', labelKey: 'examReports.abnormalCount', width: 100, align: 'right', slot: true },
  { key: 'createdAt', labelKey: 'examReports.receivedAt', width: 150, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 80, fixed: 'right', slot: true },
];

/** On the client page the client column says nothing new. */
export const clientReportColumns = reportColumns.filter((column) => column.key !== 'clientName');

export interface ItemView {
  key: string;
  name: string;
  /** The dictionary's name when it differs from what the sender printed. */
  indicator: string | null;
  code: string | null;
  status: ReportItem['status'];
  /**
   * The stored value (canonical unit) for mapped items, numbers at the indicator's display
   * decimals; what was sent otherwise.
   */
  value: string;
  unit: string;
  reference: string;
  abnormal: boolean;
  /** ↑ high, ↓ low, ! other abnormal; empty when normal or not judged. */
  mark: string;
  verdictLabel: string | null;
  verdictType: TagType;
  /** What the sender printed, shown on hover. */
  sender: { label: string; value: string }[];
  problem: string | null;
}

const VERDICT_TAG: Record<Verdict, TagType> = { normal: 'success', high: 'danger', low: 'danger', abnormal: 'danger' };

function itemReference(item: ReportItem): string {
  if (item.reference) {
    const numeric = formatReference(item.reference);
    if (numeric) return numeric;
    if (item.reference.text) return item.reference.text;
  }
  return item.sender.referenceRange ?? '';
}

function senderLines(item: ReportItem): { label: string; value: string }[] {
  const { sender } = item;
  const lines = [
    { label: t('examReports.sender.value'), value: sender.unit ? `${sender.value} ${sender.unit}` : sender.value },
    { label: t('examReports.sender.range'), value: sender.referenceRange ?? '' },
    { label: t('examReports.sender.flag'), value: sender.flag ?? '' },
    { label: t('examReports.sender.code'), value: sender.code ?? '' },
  ];
  return lines.filter((line) => line.value !== '');
}

function storedValue(item: ReportItem): string {
  if (item.numericValue !== null) return formatValue(item.numericValue, item.comparator, item.decimals);
  return item.value ?? '';
}

/** One report item as the detail table shows it. */
export function itemView(item: ReportItem): ItemView {
  const verdict = item.verdict as Verdict | null;
  const abnormal = verdict !== null && verdict !== 'normal';
  const mapped = item.status === 'mapped' && item.value !== null;
  const indicatorName = currentLocale() === 'en' ? item.indicatorNameEn : item.indicatorName;
  return {
    key: `${item.index}`,
    name: item.name,
    indicator: indicatorName && indicatorName !== item.name ? indicatorName : null,
    code: item.code,
    status: item.status,
    value: mapped ? storedValue(item) : item.sender.value,
    unit: mapped ? item.unit : (item.sender.unit ?? ''),
    reference: itemReference(item),
    abnormal,
    mark: verdict && abnormal ? verdictMark(verdict) : '',
    verdictLabel: verdict ? t(`trends.verdicts.${verdict}`) : null,
    verdictType: verdict ? VERDICT_TAG[verdict] : 'info',
    sender: senderLines(item),
    problem: item.problem,
  };
}
