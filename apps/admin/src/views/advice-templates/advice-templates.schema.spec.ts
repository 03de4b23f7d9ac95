import { describe, expect, it } from 'vitest';
import { adviceTemplateFormModel, conditionSummary, parseCondition } from './advice-templates.schema';

describe('advice template form', () => {
  it('parses a JSON object and names what is wrong otherwise', () => {
    expect(parseCondition('{"in":["高血压",{"var":"tags"}]}')).toEqual({ condition: { in: ['高血压', { var: 'tags' }] } });
    expect(parseCondition('{"in":')).toEqual({ problemKey: 'advice.templates.conditionNotJson' });
    expect(parseCondition('true')).toEqual({ problemKey: 'advice.templates.conditionNotObject' });
    expect(parseCondition('[1]')).toEqual({ problemKey: 'advice.templates.conditionNotObject' });
  });

  it('starts a new template with the every-adult condition, as editable JSON', () => {
    const model = adviceTemplateFormModel();
    expect(parseCondition(model.conditionText)).toEqual({ condition: { '>=': [{ var: 'age' }, 18] } });
    expect(model).toMatchObject({ category: 'diet', priority: 50, active: true });
  });

  it('summarises a tag condition by its tag names', () => {
    expect(conditionSummary({ or: [{ in: ['高血压', { var: 'tags' }] }, { in: ['正常高值血压', { var: 'tags' }] }] })).toBe(
      '高血压 / 正常高值血压',
    );
    expect(conditionSummary({ '>=': [{ var: 'age' }, 18] })).toBe('{">=":[{"var":"age"},18]}');
  });
});
