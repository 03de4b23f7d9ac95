import type { FollowUpRecordCreate, FollowUpTask, FollowUpTaskQuery } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import type { TagType } from '@/views/clients/trends/trend-chart';

export type TaskView = NonNullable<FollowUpTaskQuery['view']>;
export type TaskStatus = FollowUpTask['status'];
export type FollowUpMethod = FollowUpTask['method'];
export type RecordOutcome = FollowUpRecordCreate['outcome'];
export type MedicationAdherence = NonNullable<FollowUpRecordCreate['medicationAdherence']>;
export type NextAction = FollowUpRecordCreate['nextAction'];

export const TASK_VIEWS: readonly TaskView[] = ['today', 'overdue', 'upcoming', 'done'];
export const FOLLOW_UP_METHODS: readonly FollowUpMethod[] = ['phone', 'sms', 'wechat', 'visit', 'clinic', 'online_survey'];
export const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'due', 'in_progress', 'completed', 'missed', 'cancelled'];
/** In the order of the one-click buttons: the usual outcome first. */
export const RECORD_OUTCOMES: readonly RecordOutcome[] = ['reached', 'not_reached', 'wrong_number', 'refused'];
export const ADHERENCE_LEVELS: readonly MedicationAdherence[] = ['good', 'partial', 'poor', 'not_applicable'];
export const NEXT_ACTIONS: readonly NextAction[] = ['close', 'schedule_extra', 'refer', 'escalate'];

/** Element Plus tag colours; a due task is the one to act on now. */
export const taskStatusTag: Record<TaskStatus, TagType | 'primary'> = {
  pending: 'info',
  due: 'primary',
  in_progress: 'warning',
  completed: 'success',
  missed: 'danger',
  cancelled: 'info',
};

export const outcomeTag: Record<RecordOutcome, TagType> = {
  reached: 'success',
  not_reached: 'warning',
  wrong_number: 'danger',
  refused: 'info',
};

const options = <Value extends string>(values: readonly Value[], prefix: string): FieldOption[] =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

export const methodOptions = (): FieldOption[] => options(FOLLOW_UP_METHODS, 'followUps.methods');
export const statusOptions = (): FieldOption[] => options(TASK_STATUSES, 'followUps.statuses');
export const adherenceOptions = (): FieldOption[] => options(ADHERENCE_LEVELS, 'followUps.adherence');
export const nextActionOptions = (): FieldOption[] => options(NEXT_ACTIONS, 'followUps.nextActions');

/** Whose tasks the workbench lists: the signed-in user's, everyone's, or the unassigned pool. */
export type AssigneeScope = 'me' | 'all' | 'none';

export interface TaskFilters {
  scope: AssigneeScope;
  method: FollowUpMethod | '';
  status: TaskStatus | '';
  clientId: string;
}

export const emptyTaskFilters = (): TaskFilters => ({ scope: 'me', method: '', status: '', clientId: '' });

/** The assignee parameter of the list and counts: absent means everyone. */
export function assigneeParam(scope: AssigneeScope): string | undefined {
  return scope === 'all' ? undefined : scope;
}

/** A workbench tab and its filters as the list query (empty filters become `undefined`). */
export function taskQuery(
  view: TaskView,
  filters: TaskFilters,
): Pick<FollowUpTaskQuery, 'view' | 'assignee' | 'method' | 'status' | 'clientId'> {
  return {
    view,
    assignee: assigneeParam(filters.scope),
    method: filters.method || undefined,
    status: filters.status || undefined,
    clientId: filters.clientId.trim() || undefined,
  };
}

export const taskColumns: TableColumn<FollowUpTask>[] = [
  { key: 'clientName', labelKey: 'followUps.client', minWidth: 110, slot: true },
  { key: 'title', labelKey: 'followUps.title', minWidth: 180, slot: true },
  { key: 'method', labelKey: 'followUps.method', width: 100, text: (row) => t(`followUps.methods.${row.method}`) },
  { key: 'dueAt', labelKey: 'followUps.dueAt', width: 150, text: (row) => formatDateTime(row.dueAt) },
  { key: 'windowEnd', labelKey: 'followUps.windowEnd', width: 150, text: (row) => formatDateTime(row.windowEnd) },
  { key: 'status', labelKey: 'common.status', width: 110, slot: true },
  {
    key: 'assignee',
    labelKey: 'followUps.assignee',
    width: 120,
    text: (row) => row.assignee?.displayName ?? t('followUps.unassigned'),
  },
  { key: 'attempts', labelKey: 'followUps.attempts', width: 90, align: 'right' },
];

export interface MeasuredRow {
  code: string;
  /** As typed: an empty row is left out, a number is sent as one. */
  value: string;
}

export interface RecordForm {
  method: FollowUpMethod;
  outcome: RecordOutcome | '';
  /** Minutes and seconds as typed; sent as seconds. */
  durationMinutes: number | null;
  durationSeconds: number | null;
  content: string;
  clientCondition: string;
  measured: MeasuredRow[];
  medicationAdherence: MedicationAdherence | '';
  /** 0: not asked (el-rate's empty value). */
  satisfaction: number;
  nextAction: NextAction;
  nextActionDate: string | null;
}

export const emptyRecordForm = (method: FollowUpMethod): RecordForm => ({
  method,
  outcome: '',
  durationMinutes: null,
  durationSeconds: null,
  content: '',
  clientCondition: '',
  measured: [],
  medicationAdherence: '',
  satisfaction: 0,
  nextAction: 'close',
  nextActionDate: null,
});

/** Why a record form cannot be sent yet, as an i18n key; `null` when it can. */
export function recordFormProblem(form: RecordForm): string | null {
  if (!form.outcome) return 'followUps.record.outcomeRequired';
  if (form.nextAction === 'schedule_extra' && !form.nextActionDate) return 'followUps.record.nextDateRequired';
  const rows = form.measured.filter((row) => row.code.trim() || row.value.trim());
  if (rows.some((row) => !row.code.trim() || !Number.isFinite(Number(row.value.trim())) || !row.value.trim())) {
    return 'followUps.record.measuredInvalid';
  }
  return null;
}

/** The record form as the API's body: empty fields left out, duration in seconds, values as numbers. */
export function recordBody(form: RecordForm & { outcome: RecordOutcome }): FollowUpRecordCreate {
  const duration =
    form.durationMinutes === null && form.durationSeconds === null
      ? undefined
      : (form.durationMinutes ?? 0) * 60 + (form.durationSeconds ?? 0);
  const measured = form.measured
    .filter((row) => row.code.trim() && row.value.trim())
    .map((row) => ({ code: row.code.trim(), value: Number(row.value.trim()) }));
  return {
    method: form.method,
    outcome: form.outcome,
    durationSeconds: duration,
    content: form.content.trim() || undefined,
    clientCondition: form.clientCondition.trim() || undefined,
    measuredValues: measured.length > 0 ? measured : undefined,
    medicationAdherence: form.medicationAdherence || undefined,
    satisfaction: form.satisfaction > 0 ? form.satisfaction : undefined,
    nextAction: form.nextAction,
    nextActionDate: form.nextAction === 'schedule_extra' ? (form.nextActionDate ?? undefined) : undefined,
  };
}

/** Seconds as `m:ss`, `—` when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A recording upload the API refused, as an i18n key: the type (415) and size (413) have their own words. */
export function recordingProblem(status: number): string | null {
  if (status === 415) return 'followUps.recording.unsupported';
  if (status === 413) return 'followUps.recording.tooLarge';
  return null;
}

/** The KPI period the workbench opens with: the first of this month to today, as local `YYYY-MM-DD` days. */
export function monthToDate(today: Date): [string, string] {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return [day(new Date(today.getFullYear(), today.getMonth(), 1)), day(today)];
}

/** A rate from the KPIs (0–1) as a whole percentage; `—` before anything is decided. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
