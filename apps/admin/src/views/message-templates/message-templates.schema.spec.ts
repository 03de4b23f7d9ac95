import { describe, expect, it } from 'vitest';
import type { MessageTemplate } from '@/api/types';
import {
  duplicateKeys,
  fieldRowsToMapping,
  messageTemplateFormModel,
  messageTemplateRequestBody,
  sortTemplates,
  templateVariables,
} from './message-templates.schema';

function template(overrides: Partial<MessageTemplate>): MessageTemplate {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    code: 'follow-up.reminder',
    channel: 'wechat',
    textZh: '{{recipientName}}您好',
    wechatTemplateId: null,
    wechatFields: {},
    active: true,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('templateVariables', () => {
  it('lists the built-in and follow-up variables, then any other the text already uses', () => {
    expect(templateVariables(template({ wechatFields: { remark: '{{ hotline }}' } }))).toEqual([
      'orgName',
      'recipientName',
      'clientName',
      'method',
      'dueDate',
      'hotline',
    ]);
  });

  it('offers only the built-in ones to a template that is not a follow-up message', () => {
    expect(templateVariables(template({ code: 'card.expiring', textZh: '卡将到期' }))).toEqual(['orgName', 'recipientName']);
  });
});

describe('WeChat field mapping rows', () => {
  it('turns rows into the mapping, skipping rows without a key and trimming keys', () => {
    expect(
      fieldRowsToMapping([
        { key: ' keyword1 ', value: '{{method}}' },
        { key: '', value: 'ignored' },
        { key: 'remark', value: '' },
      ]),
    ).toEqual({ keyword1: '{{method}}', remark: '' });
  });

  it('finds keys entered twice', () => {
    expect(
      duplicateKeys([
        { key: 'first', value: 'a' },
        { key: 'first ', value: 'b' },
        { key: '', value: '' },
        { key: '', value: '' },
      ]),
    ).toEqual(['first']);
  });

  it('round-trips a stored mapping through the form', () => {
    const stored = template({ wechatTemplateId: 'TPL-1', wechatFields: { first: 'x', keyword1: '{{dueDate}}' } });
    const model = messageTemplateFormModel(stored);
    expect(model.fieldRows).toEqual([
      { key: 'first', value: 'x' },
      { key: 'keyword1', value: '{{dueDate}}' },
    ]);
    expect(messageTemplateRequestBody('wechat', model)).toEqual({
      textZh: '{{recipientName}}您好',
      active: true,
      wechatTemplateId: 'TPL-1',
      wechatFields: { first: 'x', keyword1: '{{dueDate}}' },
    });
  });
});

describe('messageTemplateRequestBody', () => {
  it('sends the WeChat id and mapping only for the WeChat channel; an emptied id is cleared', () => {
    const model = { textZh: ' 短信 ', wechatTemplateId: ' ', fieldRows: [{ key: 'a', value: 'b' }], active: false };
    expect(messageTemplateRequestBody('sms', model)).toEqual({ textZh: '短信', active: false });
    expect(messageTemplateRequestBody('wechat', model)).toEqual({
      textZh: '短信',
      active: false,
      wechatTemplateId: null,
      wechatFields: { a: 'b' },
    });
  });
});

describe('sortTemplates', () => {
  it('orders by code, then in-app, webhook, SMS, WeChat', () => {
    const sorted = sortTemplates([
      template({ code: 'follow-up.reminder', channel: 'wechat' }),
      template({ code: 'follow-up.missed', channel: 'webhook' }),
      template({ code: 'follow-up.reminder', channel: 'sms' }),
      template({ code: 'follow-up.missed', channel: 'in_app' }),
    ]);
    expect(sorted.map((t) => `${t.code}/${t.channel}`)).toEqual([
      'follow-up.missed/in_app',
      'follow-up.missed/webhook',
      'follow-up.reminder/sms',
      'follow-up.reminder/wechat',
    ]);
  });
});
