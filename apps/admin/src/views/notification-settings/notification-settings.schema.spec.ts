import { describe, expect, it } from 'vitest';
import type { NotificationSettings } from '@/api/types';
import { settingsFieldErrors, settingsFormModel, settingsRequestBody } from './notification-settings.schema';

const stored: NotificationSettings = {
  quietStart: '21:00',
  quietEnd: '08:00',
  timeZone: 'Asia/Shanghai',
  timeZoneIsDefault: true,
  webhookUrl: 'https://hooks.example.com/in',
  webhookSecretConfigured: true,
  smsGatewayUrl: null,
  smsTokenConfigured: false,
  wechatAppId: 'wx123',
  wechatSecretConfigured: true,
  wechatApiBase: 'https://api.weixin.qq.com',
};

describe('settingsFormModel', () => {
  it('starts every secret empty and shows the organisation’s own zone as empty', () => {
    expect(settingsFormModel(stored)).toEqual({
      quietStart: '21:00',
      quietEnd: '08:00',
      timeZone: '',
      webhookUrl: 'https://hooks.example.com/in',
      webhookSecret: '',
      smsGatewayUrl: '',
      smsToken: '',
      wechatAppId: 'wx123',
      wechatSecret: '',
      wechatApiBase: 'https://api.weixin.qq.com',
    });
    expect(settingsFormModel({ ...stored, timeZone: 'Europe/Berlin', timeZoneIsDefault: false }).timeZone).toBe('Europe/Berlin');
  });
});

describe('settingsRequestBody', () => {
  const loaded = settingsFormModel(stored);

  it('sends nothing when nothing changed, so configured secrets stay untouched', () => {
    expect(settingsRequestBody({ ...loaded }, loaded)).toEqual({});
  });

  it('sends only the changed quiet hours', () => {
    expect(settingsRequestBody({ ...loaded, quietStart: '22:00' }, loaded)).toEqual({ quietStart: '22:00' });
  });

  it('sends a secret only when one was typed, as typed', () => {
    expect(settingsRequestBody({ ...loaded, smsToken: ' tok en ' }, loaded)).toEqual({ smsToken: ' tok en ' });
    expect(settingsRequestBody({ ...loaded, webhookSecret: '   ' }, loaded)).toEqual({});
  });

  it('clears an emptied field with null and trims what is typed', () => {
    expect(
      settingsRequestBody({ ...loaded, webhookUrl: '', smsGatewayUrl: ' https://sms.example.com ', wechatApiBase: '' }, loaded),
    ).toEqual({ webhookUrl: null, smsGatewayUrl: 'https://sms.example.com', wechatApiBase: null });
  });

  it('sets a zone of its own, and null goes back to the organisation’s', () => {
    expect(settingsRequestBody({ ...loaded, timeZone: 'Asia/Tokyo' }, loaded)).toEqual({ timeZone: 'Asia/Tokyo' });
    const ownZone = { ...loaded, timeZone: 'Asia/Tokyo' };
    expect(settingsRequestBody({ ...ownZone, timeZone: '' }, ownZone)).toEqual({ timeZone: null });
  });
});

describe('settingsFieldErrors', () => {
  it('puts each 400 detail on its field in words, the first per field, and keeps the rest aside', () => {
    const result = settingsFieldErrors([
      { field: 'webhookUrl', code: 'isUrl', message: 'webhookUrl must be a URL address' },
      { field: 'webhookUrl', code: 'maxLength', message: 'too long' },
      { field: 'timeZone', code: 'invalid', message: 'timeZone must be an IANA time zone' },
      { field: 'quietStart', code: 'somethingNew', message: 'quietStart is odd' },
      { field: 'unknownField', code: 'whitelistValidation', message: 'property unknownField should not exist' },
    ]);
    expect(result.fields).toEqual({
      webhookUrl: '请输入以 http:// 或 https:// 开头的有效地址',
      timeZone: '无效的时区，请从列表中选择',
      quietStart: 'quietStart is odd',
    });
    expect(result.other).toEqual(['property unknownField should not exist']);
  });
});
