import { describe, expect, it } from 'vitest';
import {
  emptyRecordForm,
  emptyTaskFilters,
  formatDuration,
  formatRate,
  monthToDate,
  recordBody,
  recordFormProblem,
  recordingProblem,
  taskQuery,
  type RecordForm,
  type RecordOutcome,
} from './follow-ups.schema';

const reached = (changes: Partial<Omit<RecordForm, 'outcome'>> = {}): RecordForm & { outcome: RecordOutcome } => ({
  ...emptyRecordForm('phone'),
  outcome: 'reached',
  ...changes,
});

describe('taskQuery', () => {
  it('asks for my tasks of the tab by default and drops empty filters', () => {
    expect(taskQuery('today', emptyTaskFilters())).toEqual({
      view: 'today',
      assignee: 'me',
      method: undefined,
      status: undefined,
      clientId: undefined,
    });
  });

  it('sends no assignee for everyone, `none` for the unassigned pool, and the chosen filters', () => {
    const filters = { ...emptyTaskFilters(), scope: 'all' as const, method: 'visit' as const, status: 'missed' as const };
    expect(taskQuery('overdue', filters)).toMatchObject({
      view: 'overdue',
      assignee: undefined,
      method: 'visit',
      status: 'missed',
    });
    expect(taskQuery('done', { ...emptyTaskFilters(), scope: 'none', clientId: ' c-1 ' })).toMatchObject({
      assignee: 'none',
      clientId: 'c-1',
    });
  });
});

describe('recordFormProblem', () => {
  it('needs an outcome', () => {
    expect(recordFormProblem(emptyRecordForm('phone'))).toBe('followUps.record.outcomeRequired');
  });

  it('needs a date for an extra follow-up', () => {
    expect(recordFormProblem(reached({ nextAction: 'schedule_extra' }))).toBe('followUps.record.nextDateRequired');
    expect(recordFormProblem(reached({ nextAction: 'schedule_extra', nextActionDate: '2026-12-20' }))).toBeNull();
  });

  it('refuses a measured row with a code but no number, and ignores a blank row', () => {
    expect(recordFormProblem(reached({ measured: [{ code: 'SBP', value: 'abc' }] }))).toBe('followUps.record.measuredInvalid');
    expect(recordFormProblem(reached({ measured: [{ code: '', value: '135' }] }))).toBe('followUps.record.measuredInvalid');
    expect(recordFormProblem(reached({ measured: [{ code: ' ', value: '' }] }))).toBeNull();
  });
});

describe('recordBody', () => {
  it('sends only what was filled in', () => {
    expect(recordBody(reached())).toEqual({
      method: 'phone',
      outcome: 'reached',
      durationSeconds: undefined,
      content: undefined,
      clientCondition: undefined,
      measuredValues: undefined,
      medicationAdherence: undefined,
      satisfaction: undefined,
      nextAction: 'close',
      nextActionDate: undefined,
    });
  });

  it('converts duration to seconds, values to numbers, and keeps the date only for an extra follow-up', () => {
    const body = recordBody(
      reached({
        durationMinutes: 3,
        durationSeconds: 15,
        content: ' 血压控制尚可 ',
        measured: [
          { code: ' SBP ', value: '135' },
          { code: '', value: '' },
          { code: 'GLU', value: '6.1' },
        ],
        medicationAdherence: 'good',
        satisfaction: 5,
        nextAction: 'schedule_extra',
        nextActionDate: '2026-12-20',
      }),
    );
    expect(body).toMatchObject({
      durationSeconds: 195,
      content: '血压控制尚可',
      measuredValues: [
        { code: 'SBP', value: 135 },
        { code: 'GLU', value: 6.1 },
      ],
      medicationAdherence: 'good',
      satisfaction: 5,
      nextActionDate: '2026-12-20',
    });
    expect(recordBody(reached({ nextAction: 'refer', nextActionDate: '2026-12-20' })).nextActionDate).toBeUndefined();
  });

  it('counts minutes alone as a duration', () => {
    expect(recordBody(reached({ durationMinutes: 2 })).durationSeconds).toBe(120);
  });
});

describe('formatDuration and recordingProblem', () => {
  it('formats seconds as m:ss', () => {
    expect(formatDuration(195)).toBe('3:15');
    expect(formatDuration(null)).toBe('—');
  });

  it('names the refused type and size, nothing else', () => {
    expect(recordingProblem(415)).toBe('followUps.recording.unsupported');
    expect(recordingProblem(413)).toBe('followUps.recording.tooLarge');
    expect(recordingProblem(500)).toBeNull();
  });
});

describe('monthToDate and formatRate', () => {
  it('runs from the first of the month to today, in local days', () => {
    expect(monthToDate(new Date(2026, 11, 3, 23, 30))).toEqual(['2026-12-01', '2026-12-03']);
    expect(monthToDate(new Date(2026, 0, 1, 0, 5))).toEqual(['2026-01-01', '2026-01-01']);
  });

  it('shows rates as whole percentages, and nothing before any is decided', () => {
    expect(formatRate(0.8)).toBe('80%');
    expect(formatRate(2 / 3)).toBe('67%');
    expect(formatRate(null)).toBe('—');
  });
});
