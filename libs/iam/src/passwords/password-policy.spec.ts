import { checkPassword, isPasswordExpired } from './password-policy';

const codes = (...args: Parameters<typeof checkPassword>) => checkPassword(...args).map((v) => v.code);

describe('password policy', () => {
  describe('standard', () => {
    it('accepts a long uncommon passphrase without character classes', () => {
      expect(codes('standard', { password: 'correct horse battery' })).toEqual([]);
    });

    it('refuses fewer than 12 characters', () => {
      expect(codes('standard', { password: 'Sh0rt-pass!' })).toEqual(['too_short']);
    });

    it('counts characters, not UTF-16 units', () => {
      expect(codes('standard', { password: '健康管理系统的密码很长吗' })).toEqual([]);
      expect(codes('standard', { password: '健康管理系统密码' })).toEqual(['too_short']);
    });

    it('refuses common passwords whatever their case', () => {
      expect(codes('standard', { password: 'Password1234' })).toEqual(['common']);
      expect(codes('standard', { password: 'WOAINI1314520' })).toEqual(['common']);
    });

    it('refuses runs and sequences', () => {
      expect(codes('standard', { password: 'aaaaaaaaaaaaaa' })).toEqual(['common']);
      expect(codes('standard', { password: 'abababababab' })).toEqual(['common']);
      expect(codes('standard', { password: 'abcdefghijklmn' })).toEqual(['common']);
      expect(codes('standard', { password: '98765432109876' })).not.toContain('too_short');
    });

    it('refuses a password containing the username', () => {
      expect(codes('standard', { password: 'my-zhangwei-secret', username: 'ZhangWei' })).toEqual(['contains_username']);
    });

    it('refuses reusing the current password', () => {
      expect(codes('standard', { password: 'same old passphrase', currentPassword: 'same old passphrase' })).toEqual([
        'same_as_current',
      ]);
    });

    it('does not require character classes', () => {
      expect(codes('standard', { password: 'onlylowercaseletters' })).toEqual([]);
    });
  });

  describe('strict', () => {
    it('requires upper, lower, digit and symbol', () => {
      expect(codes('strict', { password: 'onlylowercaseletters' })).toEqual(['needs_uppercase', 'needs_digit', 'needs_symbol']);
      expect(codes('strict', { password: 'ONLY-UPPER-CASE-42' })).toEqual(['needs_lowercase']);
      expect(codes('strict', { password: 'Demo-Health-2026!' })).toEqual([]);
    });

    it('returns every violation at once with a message each', () => {
      const violations = checkPassword('strict', { password: 'kqz' });
      expect(violations.map((v) => v.code)).toEqual(['too_short', 'needs_uppercase', 'needs_digit', 'needs_symbol']);
      for (const v of violations) expect(v.message).toEqual(expect.any(String));
    });
  });

  describe('expiry', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    it('applies only to the strict profile', () => {
      const changed = new Date('2026-01-01T00:00:00Z');
      expect(isPasswordExpired('strict', changed, 90, now)).toBe(true);
      expect(isPasswordExpired('standard', changed, 90, now)).toBe(false);
      expect(isPasswordExpired('strict', new Date('2026-05-01T00:00:00Z'), 90, now)).toBe(false);
    });
  });
});
