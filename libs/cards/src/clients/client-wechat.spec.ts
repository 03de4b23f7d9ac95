import { maskWechatOpenId, WECHAT_OPEN_ID_PATTERN } from './client-wechat';

describe('WeChat openids', () => {
  it('accepts openids of letters, digits, _ and -, 10 to 64 characters long', () => {
    expect(WECHAT_OPEN_ID_PATTERN.test('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBe(true);
    expect(WECHAT_OPEN_ID_PATTERN.test('oAbC-12_xy')).toBe(true);
    expect(WECHAT_OPEN_ID_PATTERN.test('a'.repeat(64))).toBe(true);
  });

  it('refuses other characters and lengths', () => {
    for (const bad of [
      'short_id1',
      'a'.repeat(65),
      'o6_bmjrPTlm6 2sgVt7hMZOPfL2M',
      'o6_bmjrPTlm6.2sgVt7h',
      '微信用户openid12345',
      '',
    ]) {
      expect(WECHAT_OPEN_ID_PATTERN.test(bad)).toBe(false);
    }
  });

  it('masks all but the first and last 4 characters, or 2 of a short openid', () => {
    expect(maskWechatOpenId('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBe('o6_b****fL2M');
    expect(maskWechatOpenId('oAbC-12_xy')).toBe('oA****xy');
    expect(maskWechatOpenId('0123456789abcdef')).toBe('0123****cdef');
  });
});
