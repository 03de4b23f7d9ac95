/**
 * Client-side checks of Chinese resident ID numbers (GB 11643-1999) and mobile numbers. They
 * mirror the API's rules so the form can explain a problem before submitting; the API decides.
 */

export type Gender = 'male' | 'female';

/** Why a resident ID number is not valid (`validation.idNumber.<problem>` messages). */
export type ResidentIdProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export type ResidentIdResult = { valid: true; birthDate: string; gender: Gender } | { valid: false; problem: ResidentIdProblem };

/** ISO 7064 MOD 11-2: weight of position i (0-based, left to right) is 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Province-level codes (first two digits) of GB/T 2260, including 71 Taiwan, 81 Hong Kong, 82 Macao. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
  81, 82,
]);

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** The check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('17 digits expected');
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** `YYYYMMDD` as `YYYY-MM-DD` when it is a real calendar day between 1900 and `today`. */
function birthDateOf(digits: string, today: Date): string | null {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return iso > today.toISOString().slice(0, 10) ? null : iso;
}

/** Upper-cases a trailing `x` and drops spaces, the two things people type differently. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Validates an 18-character resident ID number and reads the birth date and sex it encodes. */
export function parseResidentId(value: string, today = new Date()): ResidentIdResult {
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problem: 'format' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { valid: false, problem: 'region' };
  const birthDate = birthDateOf(id.slice(6, 14), today);
  if (!birthDate) return { valid: false, problem: 'birthDate' };
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return { valid: false, problem: 'checksum' };
  // The 17th digit is the sequence code's last: odd for men, even for women.
  return { valid: true, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Which of the given fields disagree with those encoded in a valid ID number. */
export function residentIdMismatches(
  encoded: { birthDate: string; gender: Gender },
  given: { birthDate?: string | null; gender?: Gender | '' | null },
): ('birthDate' | 'gender')[] {
  const mismatches: ('birthDate' | 'gender')[] = [];
  if (given.birthDate && given.birthDate !== encoded.birthDate) mismatches.push('birthDate');
  if (given.gender && given.gender !== encoded.gender) mismatches.push('gender');
  return mismatches;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isMobilePhone(value: string): boolean {
  return MOBILE_PATTERN.test(value.trim());
}

/** Completed years between a `YYYY-MM-DD` birth date and `today` (in the browser's calendar). */
export function ageOn(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  return today.getFullYear() - year - (hadBirthday ? 0 : 1);
}
