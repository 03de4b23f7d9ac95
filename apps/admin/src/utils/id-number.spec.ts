import { describe, expect, it } from 'vitest';
import {
  ageOn,
  isMobilePhone,
  normaliseIdNumber,
  parseResidentId,
  residentIdCheckCharacter,
  residentIdMismatches,
} from './id-number';

const today = new Date('2026-06-01T12:00:00Z');

describe('resident ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes check characters, including X', () => {
    // The example printed in GB 11643-1999.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44030419850612003')).toBe('5');
    expect(residentIdCheckCharacter('32010219750101152')).toBe('0');
    expect(() => residentIdCheckCharacter('1234')).toThrow();
  });

  it('accepts valid numbers and reads birth date and sex', () => {
    expect(parseResidentId('11010519491231002X', today)).toEqual({ valid: true, birthDate: '1949-12-31', gender: 'female' });
    expect(parseResidentId('110101199003071233', today)).toEqual({ valid: true, birthDate: '1990-03-07', gender: 'male' });
    // A lower-case x and spaces are what people type.
    expect(parseResidentId(' 11010519491231002x ', today)).toMatchObject({ valid: true });
    expect(parseResidentId('110105200002290048', today)).toMatchObject({ valid: true, birthDate: '2000-02-29' });
  });

  it('names the problem of an invalid number', () => {
    expect(parseResidentId('1101051949123100', today)).toEqual({ valid: false, problem: 'format' });
    expect(parseResidentId('11010519491231002Y', today)).toEqual({ valid: false, problem: 'format' });
    expect(parseResidentId('99010519491231002X', today)).toEqual({ valid: false, problem: 'region' });
    expect(parseResidentId('110105194902300020', today)).toEqual({ valid: false, problem: 'birthDate' });
    expect(parseResidentId('110105189912310023', today)).toEqual({ valid: false, problem: 'birthDate' });
    // Born after "today".
    expect(parseResidentId('110105202701010016', today)).toEqual({ valid: false, problem: 'birthDate' });
    expect(parseResidentId('110101199003071234', today)).toEqual({ valid: false, problem: 'checksum' });
  });

  it('reports fields that disagree with the number', () => {
    const encoded = { birthDate: '1990-03-07', gender: 'male' as const };
    expect(residentIdMismatches(encoded, { birthDate: '1990-03-07', gender: 'male' })).toEqual([]);
    expect(residentIdMismatches(encoded, { birthDate: '1990-03-08', gender: 'female' })).toEqual(['birthDate', 'gender']);
    expect(residentIdMismatches(encoded, { birthDate: '', gender: '' })).toEqual([]);
  });

  it('normalises what was typed', () => {
    expect(normaliseIdNumber(' 1101 0519491231002x')).toBe('11010519491231002X');
  });
});

describe('mobile numbers', () => {
  it('accepts 11 digits starting 13–19', () => {
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('19912345678')).toBe(true);
    expect(isMobilePhone(' 15012345678 ')).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isMobilePhone('12812345678')).toBe(false);
    expect(isMobilePhone('1381234567')).toBe(false);
    expect(isMobilePhone('138123456789')).toBe(false);
    expect(isMobilePhone('+8613812345678')).toBe(false);
    expect(isMobilePhone('1381234567a')).toBe(false);
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1990-06-01', new Date(2026, 5, 1))).toBe(36);
    expect(ageOn('1990-06-02', new Date(2026, 5, 1))).toBe(35);
    expect(ageOn('2000-02-29', new Date(2026, 1, 28))).toBe(25);
  });
});
