/**
 * Passwords of 12 characters or more that top public breach lists (SecLists, Chinese leaks such as
 * CSDN), compared case-insensitively. Short ones are already refused by the length rule.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  '147258369147',
  '123456654321',
  '987654321098',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdf',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'qazwsxedcrfv',
  'zaq12wsxcde3',
  'q1w2e3r4t5y6',
  '1q2w3e4r5t6y',
  'asdfghjkl123',
  'zxcvbnm12345',
  'password1234',
  'password12345',
  'password123456',
  'password1234!',
  'password@123',
  'password@1234',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'passwordpassword',
  'administrator',
  'administrator1',
  'administrator123',
  'admin1234567',
  'admin123456789',
  'admin@123456',
  'admin@1234567',
  'adminadmin123',
  'rootroot1234',
  'welcome12345',
  'welcome@1234',
  'letmein12345',
  'iloveyou1234',
  'iloveyou12345',
  'changeme1234',
  'abc123456789',
  'abcd12345678',
  'abcdefghijkl',
  'a123456789012',
  'aa1234567890',
  'woaini1314520',
  'woaini123456',
  'woaini520520',
  '520131452013',
  '5201314520131',
  '1314520131452',
  'wangyang123456',
  'zhang123456789',
  'qq1234567890',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'superman1234',
  'trustno11234',
  'health123456',
  'hospital1234',
  'jiankang123456',
  'yiyuan123456',
]);

/** Same-character runs (`aaaaaaaaaaaa`) and straight sequences (`0123456789ab`, `abcdefghijklm`). */
export function isTrivialPattern(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return true;
  let ascending = 0;
  let descending = 0;
  for (let i = 1; i < lower.length; i += 1) {
    const step = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (step === 1) ascending += 1;
    if (step === -1) descending += 1;
  }
  return ascending >= lower.length - 2 || descending >= lower.length - 2;
}
