import { COMMON_PASSWORDS, isTrivialPattern } from './common-passwords';

export type PasswordPolicyProfile = 'standard' | 'strict';

export type PasswordViolationCode =
  | 'too_short'
  | 'common'
  | 'needs_uppercase'
  | 'needs_lowercase'
  | 'needs_digit'
  | 'needs_symbol'
  | 'same_as_current'
  | 'contains_username';

export interface PasswordViolation {
  code: PasswordViolationCode;
  message: string;
}

export const PASSWORD_MIN_LENGTH = 12;
/** Bounds the cost of hashing; long passphrases still fit. */
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordCheckInput {
  password: string;
  username?: string;
  currentPassword?: string;
}

const MESSAGES: Record<PasswordViolationCode, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  common: 'This password is too common or too easy to guess',
  needs_uppercase: 'Include an uppercase letter (A-Z)',
  needs_lowercase: 'Include a lowercase letter (a-z)',
  needs_digit: 'Include a digit (0-9)',
  needs_symbol: 'Include a symbol such as ! - _ @ #',
  same_as_current: 'The new password must differ from the current one',
  contains_username: 'The password must not contain the username',
};

/**
 * Checks a new password against the configured profile. `standard`: at least 12 characters and not
 * a common or trivial password (NIST SP 800-63B). `strict` (等保 2.0 level 3) also requires upper and
 * lower case letters, a digit and a symbol. Returns every violation so the form can show them all.
 */
export function checkPassword(profile: PasswordPolicyProfile, input: PasswordCheckInput): PasswordViolation[] {
  const { password } = input;
  const codes: PasswordViolationCode[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) codes.push('too_short');
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || isTrivialPattern(password)) codes.push('common');
  if (profile === 'strict') {
    if (!/\p{Lu}/u.test(password)) codes.push('needs_uppercase');
    if (!/\p{Ll}/u.test(password)) codes.push('needs_lowercase');
    if (!/\p{Nd}/u.test(password)) codes.push('needs_digit');
    if (!/[^\p{L}\p{N}]/u.test(password)) codes.push('needs_symbol');
  }
  const username = input.username?.toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) codes.push('contains_username');
  if (input.currentPassword !== undefined && password === input.currentPassword) codes.push('same_as_current');
  return codes.map((code) => ({ code, message: MESSAGES[code] }));
}

/** Whether a password last changed at `changedAt` has expired (strict profile only). */
export function isPasswordExpired(
  profile: PasswordPolicyProfile,
  changedAt: Date,
  expiryDays: number,
  now = new Date(),
): boolean {
  return profile === 'strict' && now.getTime() - changedAt.getTime() > expiryDays * 86_400_000;
}
