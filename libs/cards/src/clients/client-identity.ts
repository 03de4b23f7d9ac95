import type { Gender, IdType } from './entities/client.entity';

/** Why an identity value was refused; the service turns these into 400 responses. */
export type IdentityProblem = 'ID_NUMBER_INVALID' | 'ID_NUMBER_MISMATCH' | 'PHONE_INVALID';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: IdentityProblem; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(problem: IdentityProblem, reason: string): Checked<T> => ({ ok: false, problem, reason });

/** Province-level codes of GB/T 2260 (first two digits), plus 81/82/83 of the HK/Macao/Taiwan resident permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
  81, 82, 83,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

/** `YYYY-MM-DD` when it is a real calendar date, else null. */
export function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export interface ResidentIdFacts {
  /** Upper-case, 18 characters. */
  number: string;
  birthDate: string;
  gender: Gender;
}

/**
 * A citizen ID number of GB 11643-1999 (18 characters): region code, birth date, sequence whose
 * parity gives the sex, ISO 7064 MOD 11-2 check character. `today` bounds the birth date.
 */
export function parseResidentId(raw: string, today: string): Checked<ResidentIdFacts> {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return fail('ID_NUMBER_INVALID', 'must be 17 digits followed by a digit or X');
  if (!PROVINCES.has(Number(number.slice(0, 2)))) return fail('ID_NUMBER_INVALID', 'region code is not a known province');
  const birthDate = calendarDate(Number(number.slice(6, 10)), Number(number.slice(10, 12)), Number(number.slice(12, 14)));
  if (!birthDate || birthDate < '1900-01-01' || birthDate > today) {
    return fail('ID_NUMBER_INVALID', 'birth date in the number is not a possible date');
  }
  if (residentIdCheckChar(number) !== number[17]) return fail('ID_NUMBER_INVALID', 'check digit does not match');
  return ok({ number, birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' });
}

/**
 * Validates an ID number of the given type and returns its normalised form. Numbers that follow
 * GB 11643 (resident IDs, the 18-digit HK/Macao/Taiwan resident permits and the 2023 foreign
 * permanent resident ID) must also agree with the given birth date and sex.
 */
export function checkIdNumber(
  idType: IdType,
  raw: string,
  person: { birthDate: string; gender: Gender },
  today: string,
): Checked<string> {
  const compact = raw
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  const asResidentId = (): Checked<string> => {
    const parsed = parseResidentId(compact, today);
    if (!parsed.ok) return parsed;
    if (parsed.value.birthDate !== person.birthDate) {
      return fail('ID_NUMBER_MISMATCH', 'the birth date in the ID number differs from birthDate');
    }
    if (parsed.value.gender !== person.gender) return fail('ID_NUMBER_MISMATCH', 'the sex in the ID number differs from gender');
    return ok(parsed.value.number);
  };
  switch (idType) {
    case 'resident_id':
      return asResidentId();
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(compact)
        ? ok(compact)
        : fail('ID_NUMBER_INVALID', 'a passport number has 5-17 letters or digits');
    case 'hk_macao_resident_permit':
      // 港澳居民居住证 (18 digits, 810000/820000) or 港澳居民来往内地通行证 (H/M and 8 or 10 digits).
      if (/^8[12]0000/.test(compact)) return asResidentId();
      return /^[HM]\d{8}(\d{2})?$/.test(compact)
        ? ok(compact)
        : fail('ID_NUMBER_INVALID', 'expected an 18-digit resident permit or H/M followed by 8 or 10 digits');
    case 'taiwan_resident_permit':
      // 台湾居民居住证 (18 digits, 830000) or 台湾居民来往大陆通行证 (8 or 10 digits).
      if (/^830000/.test(compact)) return asResidentId();
      return /^\d{8}(\d{2})?$/.test(compact)
        ? ok(compact)
        : fail('ID_NUMBER_INVALID', 'expected an 18-digit resident permit or 8 or 10 digits');
    case 'foreign_permanent_resident':
      // 2017 card: three letters (nationality) and 12 digits; 2023 card: 18 characters starting with 9.
      if (/^[A-Z]{3}\d{12}$/.test(compact)) return ok(compact);
      if (/^9\d{16}[\dX]$/.test(compact)) {
        return residentIdCheckChar(compact) === compact[17]
          ? ok(compact)
          : fail('ID_NUMBER_INVALID', 'check digit does not match');
      }
      return fail('ID_NUMBER_INVALID', 'expected three letters and 12 digits, or 18 characters starting with 9');
  }
}

/** A mainland mobile number (11 digits, 1[3-9]…); spaces, dashes and a +86 prefix are accepted. */
export function checkMobile(raw: string): Checked<string> {
  const compact = raw
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? ok(compact) : fail('PHONE_INVALID', 'must be an 11-digit mobile number starting 13-19');
}

/** An emergency contact may be a mobile or a landline with area code (010-12345678). */
export function checkContactPhone(raw: string): Checked<string> {
  const mobile = checkMobile(raw);
  if (mobile.ok) return mobile;
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(compact)
    ? ok(compact)
    : fail('PHONE_INVALID', 'must be a mobile number or a landline with area code');
}

/** Phones: first 3 and last 4 characters (`138****5678`). */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** ID numbers: first 6 and last 4; short ones (passports) keep only their first and last 2 characters. */
export function maskIdNumber(number: string): string {
  if (number.length >= 14) return `${number.slice(0, 6)}${'*'.repeat(number.length - 10)}${number.slice(-4)}`;
  if (number.length <= 4) return '*'.repeat(number.length);
  return `${number.slice(0, 1)}${'*'.repeat(number.length - 3)}${number.slice(-2)}`;
}

/** Completed years between a birth date and a date, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
