import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import type { Client } from '@/api/types';
import { boundToClientId, openIdRule, withoutWechatBinding } from './wechat-binding';

function validate(value: string): string | undefined {
  const rule = openIdRule();
  let message: string | undefined;
  rule.validator!(rule, value, (error?: string | Error) => (message = error instanceof Error ? error.message : error), {}, {});
  return message;
}

describe('WeChat binding', () => {
  it('accepts openids of 10–64 letters, digits, _ or -, ignoring spaces around a pasted one', () => {
    expect(validate('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBeUndefined();
    expect(validate('  oXq-4t7Lw0aZ3nVbQe9KmR2uYs5D\n')).toBeUndefined();
    expect(validate('')).toBeUndefined();
  });

  it('refuses other characters and lengths with a message', () => {
    for (const bad of ['o6_bmjr', 'x'.repeat(65), 'o6_bmjr PTlm6_2sgVt7h', 'o6_bmjr.PTlm6_2sgVt7h', '微信号一二三四五六七八']) {
      expect(validate(bad)).toBe('OpenID 应为 10–64 位字母、数字、下划线或短横线');
    }
  });

  it('finds the client holding the openid in a 409 WECHAT_ALREADY_BOUND only', () => {
    const details = [{ field: 'openId', code: 'existingClientId', message: 'c-2' }];
    expect(boundToClientId(new ApiError(409, 'WECHAT_ALREADY_BOUND', 'bound', details))).toBe('c-2');
    expect(boundToClientId(new ApiError(409, 'CLIENT_DUPLICATE_ID_NUMBER', 'taken', details))).toBeUndefined();
    expect(boundToClientId(new ApiError(409, 'WECHAT_ALREADY_BOUND', 'bound'))).toBeUndefined();
    expect(boundToClientId(new Error('offline'))).toBeUndefined();
  });

  it('describes an unbound client without touching the rest', () => {
    const client = {
      id: 'c-1',
      name: '李娟',
      wechatBound: true,
      wechatOpenIdMasked: 'o6_b****fL2M',
      wechatBoundAt: '2026-03-01T02:00:00Z',
    } as Client;
    expect(withoutWechatBinding(client)).toEqual({
      id: 'c-1',
      name: '李娟',
      wechatBound: false,
      wechatOpenIdMasked: null,
      wechatBoundAt: null,
    });
    expect(client.wechatBound).toBe(true);
  });
});
