import { describe, expect, it } from 'vitest';
import { emptyTaskForm, newFollowUpKinds, planActions, planBody, taskBody, tomorrowMorning } from './follow-up-plans';

const CLIENT = '7d4f0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e';

describe('planActions', () => {
  it('offers pause or resume with stop while the plan runs, nothing once it ended', () => {
    expect(planActions('active', true)).toEqual(['pause', 'stop']);
    expect(planActions('paused', true)).toEqual(['resume', 'stop']);
    expect(planActions('stopped', true)).toEqual([]);
    expect(planActions('completed', true)).toEqual([]);
  });

  it('offers nothing without follow-ups:manage', () => {
    expect(planActions('active', false)).toEqual([]);
    expect(planActions('paused', false)).toEqual([]);
  });
});

describe('newFollowUpKinds', () => {
  const holding =
    (...codes: string[]) =>
    (permission: string) =>
      codes.includes(permission);

  it('offers a plan to managers and a single task to writers', () => {
    expect(newFollowUpKinds(holding('follow-ups:manage', 'follow-ups:write'))).toEqual(['plan', 'task']);
    expect(newFollowUpKinds(holding('follow-ups:write'))).toEqual(['task']);
    expect(newFollowUpKinds(holding('follow-ups:manage'))).toEqual(['plan']);
    expect(newFollowUpKinds(holding('follow-ups:read'))).toEqual([]);
  });
});

describe('a new single task', () => {
  it('is due tomorrow at 09:00 local time by default, across month ends', () => {
    expect(tomorrowMorning(new Date(2026, 11, 3, 17, 42))).toEqual(new Date(2026, 11, 4, 9, 0, 0, 0));
    expect(tomorrowMorning(new Date(2026, 0, 31, 8, 0))).toEqual(new Date(2026, 1, 1, 9, 0, 0, 0));
    expect(emptyTaskForm(new Date(2026, 11, 3, 17, 42)).dueAt).toEqual(new Date(2026, 11, 4, 9, 0, 0, 0));
  });
});

describe('request bodies', () => {
  it('starts a plan now unless a start is chosen', () => {
    const templateId = '1a2b3c4d-0000-4000-8000-000000000001';
    expect(planBody(CLIENT, { templateId, startAt: null })).toEqual({ clientId: CLIENT, templateId, startAt: undefined });
    expect(planBody(CLIENT, { templateId, startAt: new Date('2026-12-10T01:00:00Z') })).toEqual({
      clientId: CLIENT,
      templateId,
      startAt: '2026-12-10T01:00:00.000Z',
    });
  });

  it('trims the task title and leaves the assignee to the client’s manager when none is chosen', () => {
    const dueAt = new Date('2026-12-10T01:00:00Z');
    expect(taskBody(CLIENT, { ...emptyTaskForm(), title: ' 复查血压 ', dueAt })).toEqual({
      clientId: CLIENT,
      title: '复查血压',
      method: 'phone',
      dueAt: '2026-12-10T01:00:00.000Z',
      windowDaysAfter: 3,
      assigneeUserId: undefined,
    });
    const assigneeUserId = '5e6f7a8b-0000-4000-8000-000000000002';
    expect(taskBody(CLIENT, { ...emptyTaskForm(), title: 'x', dueAt, method: 'visit', assigneeUserId })).toMatchObject({
      method: 'visit',
      assigneeUserId,
    });
  });
});
