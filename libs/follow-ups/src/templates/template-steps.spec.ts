import { addIsoDuration, parseIsoDuration } from './iso-duration';
import type { Condition } from '@health/archives';
import { planTasks, readSteps, type FollowUpStep } from './template-steps';
import { readTrigger } from './template-trigger';

const ANCHOR = new Date('2026-01-31T02:00:00.000Z');

function step(overrides: Partial<FollowUpStep> = {}): FollowUpStep {
  return {
    title: '电话随访',
    offset: 'P7D',
    windowDaysBefore: 1,
    windowDaysAfter: 3,
    method: 'phone',
    questionnaireId: null,
    assignee: 'client_manager',
    reminderLeadMinutes: 60,
    clientChannels: [],
    ...overrides,
  };
}

describe('ISO-8601 durations', () => {
  it('reads the units steps use and refuses the rest', () => {
    expect(parseIsoDuration('P7D')).toMatchObject({ days: 7, months: 0 });
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseIsoDuration('PT30S')).toMatchObject({ seconds: 30 });
    for (const bad of ['P', 'PT', '7D', 'P1.5D', '-P1D', 'p7d', 'P1DT']) expect(parseIsoDuration(bad)).toBeNull();
  });

  it('adds months on the calendar, ending on the last day of a shorter month', () => {
    expect(addIsoDuration(ANCHOR, parseIsoDuration('P1M')!).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(addIsoDuration(ANCHOR, parseIsoDuration('P3M')!).toISOString()).toBe('2026-04-30T02:00:00.000Z');
    expect(addIsoDuration(ANCHOR, parseIsoDuration('P7D')!).toISOString()).toBe('2026-02-07T02:00:00.000Z');
    expect(addIsoDuration(ANCHOR, parseIsoDuration('PT30S')!).toISOString()).toBe('2026-01-31T02:00:30.000Z');
  });
});

describe('template steps', () => {
  it('names every problem by its path', () => {
    const result = readSteps([
      { title: '', offset: 'P7X', method: 'fax', assignee: 'boss', windowDaysAfter: -1, extra: 1 },
      { title: 'x', rrule: 'FREQ=MONTHLY', method: 'phone' },
      { title: 'y', method: 'sms', condition: { '>=': [{ var: 'ind.SBP.valu' }, 1] } },
    ]);
    expect(result.ok).toBe(false);
    const fields = (result as { problems: { field: string }[] }).problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'steps[0].extra',
        'steps[0].title',
        'steps[0].offset',
        'steps[0].windowDaysAfter',
        'steps[0].method',
        'steps[0].assignee',
        'steps[1].rrule',
        'steps[2].offset',
        'steps[2].condition.>=[0].var',
      ]),
    );
  });

  it('refuses unbounded, sub-daily and DTSTART rules', () => {
    for (const rrule of [
      'FREQ=DAILY',
      'FREQ=HOURLY;COUNT=3',
      'DTSTART:20200101T000000Z',
      'FREQ=MONTHLY;COUNT=abc',
      'FREQ=MONTHLY;COUNT=61',
    ])
      expect(readSteps([{ title: 'r', rrule, method: 'phone' }]).ok).toBe(false);
    expect(readSteps([{ title: 'r', rrule: 'FREQ=MONTHLY;INTERVAL=3;COUNT=4', method: 'phone' }])).toMatchObject({
      ok: true,
      steps: [{ windowDaysBefore: 0, windowDaysAfter: 3, assignee: 'client_manager', clientChannels: [], questionnaireId: null }],
    });
  });

  it('plans 1 week, 1 month and 3 months with windows and reminders', () => {
    const tasks = planTasks([step({ offset: 'P3M' }), step({ offset: 'P7D' }), step({ offset: 'P1M' })], ANCHOR, null);
    expect(tasks.map((t) => [t.stepIndex, t.dueAt.toISOString()])).toEqual([
      [1, '2026-02-07T02:00:00.000Z'],
      [2, '2026-02-28T02:00:00.000Z'],
      [0, '2026-04-30T02:00:00.000Z'],
    ]);
    expect(tasks[0].windowStart.toISOString()).toBe('2026-02-06T02:00:00.000Z');
    expect(tasks[0].windowEnd.toISOString()).toBe('2026-02-10T02:00:00.000Z');
    expect(tasks[0].remindAt.toISOString()).toBe('2026-02-07T01:00:00.000Z');
  });

  it('expands a recurrence from trigger + offset and keeps steps whose condition holds', () => {
    const high: Condition = { '==': [{ var: 'risk.china-par.category' }, 'high'] };
    const steps = [
      step({ offset: 'P1M', rrule: 'FREQ=MONTHLY;COUNT=3', condition: high }),
      step({ offset: 'P3M', rrule: 'FREQ=MONTHLY;INTERVAL=3;COUNT=2', condition: { '!': high } }),
    ];
    const start = new Date('2026-03-10T01:00:00.000Z');
    const highRisk = planTasks(steps, start, { risk: { 'china-par': { category: 'high' } } });
    expect(highRisk.map((t) => t.dueAt.toISOString().slice(0, 10))).toEqual(['2026-04-10', '2026-05-10', '2026-06-10']);
    const lowRisk = planTasks(steps, start, { risk: { 'china-par': { category: 'low' } } });
    expect(lowRisk.map((t) => t.dueAt.toISOString().slice(0, 10))).toEqual(['2026-06-10', '2026-09-10']);
    expect(planTasks(steps, start, null)).toEqual([]);
  });
});

describe('template triggers', () => {
  it('keeps known keys and checks each kind', () => {
    expect(readTrigger({ type: 'report.ingested', abnormalCodes: ['SBP', 'SBP'], junk: 1 })).toEqual({
      ok: true,
      trigger: { type: 'report.ingested', abnormalCodes: ['SBP'] },
    });
    expect(readTrigger({ type: 'tag.added', tagIds: [] })).toMatchObject({ ok: false, problems: [{ field: 'trigger.tagIds' }] });
    expect(readTrigger({ type: 'risk.changed', model: 'China PAR', categories: ['high'] })).toMatchObject({
      ok: false,
      problems: [{ field: 'trigger.model' }],
    });
    expect(readTrigger({ type: 'cron' })).toMatchObject({ ok: false, problems: [{ field: 'trigger.type' }] });
  });
});
