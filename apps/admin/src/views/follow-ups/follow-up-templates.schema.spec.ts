import { describe, expect, it } from 'vitest';
import type { FollowUpTemplate } from '@/api/types';
import { emptyStep, parseTemplateCondition, templateBody, templateModel, triggerBody } from './follow-up-templates.schema';

const seeded: FollowUpTemplate = {
  id: 't-1',
  name: '高血压慢病随访',
  description: null,
  active: true,
  seedKey: 'hypertension',
  stopWhenCardEnds: true,
  version: 2,
  updatedAt: '2026-12-01T00:00:00Z',
  condition: null,
  trigger: { type: 'tag.added', tagIds: ['tag-1'] },
  steps: [
    {
      title: '高危月度随访',
      offset: 'P1M',
      rrule: 'FREQ=MONTHLY;COUNT=12',
      windowDaysBefore: 0,
      windowDaysAfter: 7,
      method: 'phone',
      assignee: 'client_manager',
      reminderLeadMinutes: 60,
      clientChannels: [],
      questionnaireId: null,
      condition: { '==': [{ var: 'risk.china-par.category' }, 'high'] },
    },
  ],
};

describe('templateModel and templateBody', () => {
  it('round-trips a template, step conditions kept as they came', () => {
    const model = templateModel(seeded);
    expect(model.conditionText).toBe('');
    const body = templateBody(model, null);
    expect(body).toEqual({
      name: '高血压慢病随访',
      description: undefined,
      active: true,
      stopWhenCardEnds: true,
      trigger: { type: 'tag.added', tagIds: ['tag-1'] },
      condition: null,
      steps: seeded.steps,
    });
  });

  it('starts a new template with one P7D phone step for the client manager', () => {
    const model = templateModel(null);
    expect(model.trigger.type).toBe('manual');
    expect(model.steps).toEqual([emptyStep()]);
  });

  it('leaves out an empty offset or rule and trims the texts', () => {
    const model = templateModel(null);
    model.name = ' 复查随访 ';
    model.steps = [{ ...emptyStep(), title: ' 每周 ', offset: ' ', rrule: 'FREQ=WEEKLY;COUNT=4' }];
    const [step] = templateBody(model, null).steps;
    expect(step).toMatchObject({ title: '每周', rrule: 'FREQ=WEEKLY;COUNT=4' });
    expect(step).not.toHaveProperty('offset', expect.anything());
    expect(templateBody(model, null).name).toBe('复查随访');
  });
});

describe('triggerBody', () => {
  it('sends only the parameters of the chosen type', () => {
    const trigger = {
      type: 'risk.changed' as const,
      abnormalCodes: ['SBP'],
      cardTypeIds: [],
      tagIds: ['x'],
      categories: ['high'],
      model: ' china-par ',
      bands: [' 中度 ', ' '],
      questionnaireId: ' 5f1c0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e ',
      maxReportAgeDays: 90,
    };
    expect(triggerBody(trigger)).toEqual({ type: 'risk.changed', model: 'china-par', categories: ['high'] });
    expect(triggerBody({ ...trigger, type: 'report.ingested' })).toEqual({
      type: 'report.ingested',
      abnormalCodes: ['SBP'],
      maxReportAgeDays: 90,
    });
    expect(triggerBody({ ...trigger, type: 'manual' })).toEqual({ type: 'manual' });
  });

  it('sends the typed questionnaire id and the non-empty bands of survey.completed', () => {
    const model = templateModel(null);
    model.trigger = {
      ...model.trigger,
      type: 'survey.completed',
      questionnaireId: ' 5f1c0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e ',
      bands: [' 中度 ', ' ', '重度'],
    };
    expect(triggerBody(model.trigger)).toEqual({
      type: 'survey.completed',
      questionnaireId: '5f1c0a52-3c43-4a1e-8d3b-7a0a3b1c2d3e',
      bands: ['中度', '重度'],
    });
  });

  it('reads a stored survey trigger back into the editor', () => {
    const model = templateModel({
      ...seeded,
      trigger: { type: 'survey.completed', questionnaireId: 'q-1', bands: ['重度'] },
    });
    expect(model.trigger).toMatchObject({ type: 'survey.completed', questionnaireId: 'q-1', bands: ['重度'] });
  });
});

describe('parseTemplateCondition', () => {
  it('reads empty as no condition and an object as JSON Logic', () => {
    expect(parseTemplateCondition('  ')).toEqual({ condition: null });
    expect(parseTemplateCondition('{"==":[{"var":"age"},60]}')).toEqual({ condition: { '==': [{ var: 'age' }, 60] } });
  });

  it('refuses broken JSON and non-objects', () => {
    for (const text of ['{', '[1]', '42', 'null']) {
      expect(parseTemplateCondition(text)).toEqual({ problemKey: 'followUps.templates.conditionInvalid' });
    }
  });
});
