import { isWellFormedTemplate, placeholderNames, renderTemplate } from './template-render';

describe('message template rendering', () => {
  it('fills every placeholder, with or without spaces inside the braces', () => {
    expect(
      renderTemplate('{{clientName}}您好，随访时间 {{ dueDate }}，第{{step}}次', {
        clientName: '张三',
        dueDate: '2026-03-11',
        step: 2,
      }),
    ).toEqual({
      ok: true,
      text: '张三您好，随访时间 2026-03-11，第2次',
    });
  });

  it('fills a placeholder used twice', () => {
    expect(renderTemplate('{{a}}-{{a}}', { a: 'x' })).toEqual({ ok: true, text: 'x-x' });
  });

  it('fails naming every missing variable instead of sending a message with a hole', () => {
    expect(renderTemplate('{{clientName}} {{dueDate}} {{method}}', { clientName: '张三' })).toEqual({
      ok: false,
      missing: ['dueDate', 'method'],
    });
  });

  it('does not treat inherited object properties as variables', () => {
    expect(renderTemplate('{{constructor}}', {})).toEqual({ ok: false, missing: ['constructor'] });
  });

  it('inserts values literally, even when they contain placeholder or replacement syntax', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}} $& $1' })).toEqual({ ok: true, text: '{{b}} $& $1' });
  });

  it('lists placeholder names once, in order', () => {
    expect(placeholderNames('{{b}}{{a}}{{b}}{{ org.name }}')).toEqual(['b', 'a', 'org.name']);
  });

  it('tells well-formed templates from broken ones', () => {
    expect(isWellFormedTemplate('您好 {{name}}，{{ dueDate }}')).toBe(true);
    expect(isWellFormedTemplate('您好 {{name}')).toBe(false);
    expect(isWellFormedTemplate('您好 {{1abc}}')).toBe(false);
    expect(isWellFormedTemplate('您好 name}}')).toBe(false);
  });
});
