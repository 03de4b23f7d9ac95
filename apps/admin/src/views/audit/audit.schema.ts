import type { AuditEvent, AuditVerification } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { i18n, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export const auditColumns: TableColumn<AuditEvent>[] = [
  {
    key: 'occurredAt',
    labelKey: 'audit.occurredAt',
    width: 180,
    text: (row) => formatDateTime(row.occurredAt, { seconds: true }),
  },
  { key: 'actor', labelKey: 'audit.actor', minWidth: 150, slot: true },
  { key: 'action', labelKey: 'audit.action', minWidth: 210, slot: true },
  { key: 'target', labelKey: 'audit.target', minWidth: 240, slot: true },
  { key: 'outcome', labelKey: 'audit.outcome', width: 90, slot: true },
  { key: 'ip', labelKey: 'audit.ip', width: 140, text: (row) => row.ip || '—' },
  { key: 'requestId', labelKey: 'audit.requestId', minWidth: 150, ellipsis: true, text: (row) => row.requestId || '—' },
];

export type AuditOutcome = AuditEvent['outcome'];

export const outcomeTag: Record<AuditOutcome, 'success' | 'danger' | 'warning'> = {
  success: 'success',
  failure: 'danger',
  denied: 'warning',
};

export const outcomeOptions = (): FieldOption[] =>
  (['success', 'failure', 'denied'] as const).map((value) => ({ value, label: t(`audit.outcomes.${value}`) }));

export function actorTypeName(type: string): string {
  const key = `audit.actorTypes.${type}`;
  return i18n.global.te(key) ? t(key) : type;
}

export interface AuditFilters {
  range: [string, string] | null;
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
  outcome: AuditOutcome | '';
}

export const emptyAuditFilters = (): AuditFilters => ({
  range: null,
  action: '',
  actorId: '',
  targetType: '',
  targetId: '',
  outcome: '',
});

/** A verification job still to finish: its page keeps following it. */
export function isVerificationRunning(verification: Pick<AuditVerification, 'status'>): boolean {
  return verification.status === 'queued' || verification.status === 'running';
}

/** How far a running verification got, 0–100 (rows appended while it runs may take it past its total). */
export function verificationPercent(verification: Pick<AuditVerification, 'checked' | 'rowsTotal'>): number {
  if (verification.rowsTotal <= 0) return 0;
  return Math.min(100, Math.floor((verification.checked / verification.rowsTotal) * 100));
}
