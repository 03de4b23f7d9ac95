import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { i18n } from '@/i18n';
import { describeError } from './describe-error';

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

describe('describeError', () => {
  it('explains a lockout with the minutes left', () => {
    expect(describeError(new ApiError(401, 'ACCOUNT_LOCKED', 'locked', [], 600))).toBe('账户已锁定，请 10 分钟后再试');
    expect(describeError(new ApiError(401, 'ACCOUNT_LOCKED', 'locked', [], 61))).toBe('账户已锁定，请 2 分钟后再试');
    expect(describeError(new ApiError(401, 'ACCOUNT_LOCKED', 'locked', [], 5))).toBe('账户已锁定，请 1 分钟后再试');
  });

  it('explains wrong credentials, disabled accounts and rate limiting', () => {
    expect(describeError(new ApiError(401, 'INVALID_CREDENTIALS', 'x'))).toBe('用户名或密码错误');
    expect(describeError(new ApiError(401, 'ACCOUNT_DISABLED', 'x'))).toBe('账户已停用，请联系管理员');
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x', [], 30))).toBe('操作过于频繁，请 30 秒后再试');
  });

  it('lists password policy problems', () => {
    const err = new ApiError(400, 'PASSWORD_POLICY_VIOLATION', 'x', [
      { code: 'too_short', message: 'Use at least 12 characters' },
      { code: 'needs_digit', message: 'Include a digit' },
    ]);
    expect(describeError(err)).toBe('新密码不符合密码策略：密码长度不足；需要包含数字');
  });

  it('speaks English when the user switched', () => {
    i18n.global.locale.value = 'en';
    expect(describeError(new ApiError(401, 'ACCOUNT_LOCKED', 'locked', [], 900))).toBe(
      'The account is locked. Try again in 15 minutes.',
    );
  });

  it('falls back on the HTTP status, then on the server message', () => {
    expect(describeError(new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
    expect(describeError(new ApiError(403, 'SOMETHING_NEW', 'x'))).toBe('您没有执行此操作的权限');
    expect(describeError(new ApiError(418, 'TEAPOT', 'I am a teapot'))).toBe('操作失败：I am a teapot');
  });
});
