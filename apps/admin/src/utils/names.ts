import { currentLocale, i18n, t } from '@/i18n';

/** Roles and permissions carry both names; English falls back to Chinese when not translated. */
export function roleName(role: { name: string; nameEn?: string | null }): string {
  return currentLocale() === 'en' && role.nameEn ? role.nameEn : role.name;
}

export function permissionName(permission: { code: string; nameZh: string; nameEn: string }): string {
  return currentLocale() === 'en' ? permission.nameEn : permission.nameZh;
}

export function permissionGroupName(group: string): string {
  const key = `permissionGroups.${group}`;
  return i18n.global.te(key) ? t(key) : group;
}

/** Random password for resets and new accounts, shown once to the administrator. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const symbols = '!@#$%^&*-_=+';
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  const chars = [...bytes].map((b, i) => (i === 3 ? symbols[b % symbols.length] : alphabet[b % alphabet.length]));
  // Guarantee every class a strict policy asks for.
  chars[0] = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[bytes[0]! % 24]!;
  chars[1] = 'abcdefghijkmnpqrstuvwxyz'[bytes[1]! % 24]!;
  chars[2] = '23456789'[bytes[2]! % 8]!;
  return chars.join('');
}
