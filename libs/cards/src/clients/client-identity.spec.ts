import {
  ageOn,
  checkContactPhone,
  checkIdNumber,
  checkMobile,
  maskIdNumber,
  maskPhone,
  parseResidentId,
  residentIdCheckChar,
} from './client-identity';

const TODAY = '2026-11-22';
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example with check character X and derives birth date and sex', () => {
    expect(parseResidentId('11010519491231002x', TODAY)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
    expect(parseResidentId(withCheck('11010119780402001'), TODAY)).toMatchObject({ ok: true, value: { gender: 'male' } });
  });

  it.each([
    ['wrong check digit', '110105194912310021'],
    ['17 characters', '11010519491231002'],
    ['letter inside', '1101051949123A002X'],
    ['unknown province', withCheck('99010519491231002')],
    ['impossible date', withCheck('11010519490230002')],
    ['born in the future', withCheck('11010520300101002')],
    ['born before 1900', withCheck('11010518991231002')],
  ])('refuses %s', (_, number) => {
    expect(parseResidentId(number, TODAY)).toMatchObject({ ok: false, problem: 'ID_NUMBER_INVALID' });
  });

  it('requires birth date and sex to agree with the given ones', () => {
    const number = '11010519491231002X';
    expect(checkIdNumber('resident_id', number, { birthDate: '1949-12-31', gender: 'female' }, TODAY)).toEqual({
      ok: true,
      value: number,
    });
    expect(checkIdNumber('resident_id', number, { birthDate: '1949-12-30', gender: 'female' }, TODAY)).toMatchObject({
      ok: false,
      problem: 'ID_NUMBER_MISMATCH',
    });
    expect(checkIdNumber('resident_id', number, { birthDate: '1949-12-31', gender: 'male' }, TODAY)).toMatchObject({
      ok: false,
      problem: 'ID_NUMBER_MISMATCH',
    });
  });
});

describe('other ID types', () => {
  const person = { birthDate: '1990-01-01', gender: 'male' as const };

  it.each([
    ['passport', 'e12345678', 'E12345678'],
    ['hk_macao_resident_permit', 'H1234567801', 'H1234567801'],
    ['hk_macao_resident_permit', withCheck('81000019900101001'), withCheck('81000019900101001')],
    ['taiwan_resident_permit', '12345678', '12345678'],
    ['foreign_permanent_resident', 'usa123456789012', 'USA123456789012'],
    ['foreign_permanent_resident', withCheck('93311519900101001'), withCheck('93311519900101001')],
  ] as const)('accepts a %s number %s', (idType, raw, normalised) => {
    expect(checkIdNumber(idType, raw, person, TODAY)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    ['passport', 'E12'],
    ['passport', 'E1234567#'],
    ['hk_macao_resident_permit', 'X12345678'],
    ['hk_macao_resident_permit', '810000199001010010'],
    ['taiwan_resident_permit', '1234567'],
    ['foreign_permanent_resident', 'US123456789012'],
    ['foreign_permanent_resident', '933115199001010010'],
  ] as const)('refuses a %s number %s', (idType, raw) => {
    expect(checkIdNumber(idType, raw, person, TODAY)).toMatchObject({ ok: false });
  });

  it('checks the sex of an 18-digit resident permit', () => {
    const female = { birthDate: '1990-01-01', gender: 'female' as const };
    expect(checkIdNumber('hk_macao_resident_permit', withCheck('81000019900101001'), female, TODAY)).toMatchObject({
      problem: 'ID_NUMBER_MISMATCH',
    });
  });
});

describe('phones', () => {
  it.each(['13800138000', '138 0013 8000', '+86 138-0013-8000', '19912345678'])('accepts mobile %s', (raw) => {
    expect(checkMobile(raw)).toMatchObject({ ok: true });
  });

  it.each(['1380013800', '12800138000', '23800138000', '138001380001', '010-12345678'])('refuses mobile %s', (raw) => {
    expect(checkMobile(raw)).toMatchObject({ ok: false, problem: 'PHONE_INVALID' });
  });

  it('accepts a landline for an emergency contact', () => {
    expect(checkContactPhone('010-12345678')).toEqual({ ok: true, value: '010-12345678' });
    expect(checkContactPhone('12345')).toMatchObject({ ok: false });
  });
});

describe('masking and age', () => {
  it('masks phones and ID numbers as the API contract says', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('E12345678')).toBe('E******78');
  });

  it('counts completed years', () => {
    expect(ageOn('1978-04-02', '2026-04-01')).toBe(47);
    expect(ageOn('1978-04-02', '2026-04-02')).toBe(48);
  });
});
