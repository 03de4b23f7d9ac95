import {
  cardNumberFromSequence,
  formatCardNumber,
  isValidLuhn,
  isWellFormedCardNumber,
  luhnCheckDigit,
  MAX_CARD_SEQUENCE,
  normaliseCardNumber,
} from './card-number';

describe('Luhn', () => {
  it('computes the check digit of known numbers', () => {
    // Classic examples: 7992739871 → 3, the Visa test number 4111 1111 1111 1111.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    expect(luhnCheckDigit('0')).toBe(0);
  });

  it('accepts valid numbers and rejects altered ones', () => {
    expect(isValidLuhn('79927398713')).toBe(true);
    expect(isValidLuhn('4111111111111111')).toBe(true);
    expect(isValidLuhn('79927398710')).toBe(false);
    expect(isValidLuhn('7992739871a')).toBe(false);
    expect(isValidLuhn('7')).toBe(false);
  });

  it('detects every single-digit change', () => {
    const number = cardNumberFromSequence(123_456);
    for (let i = 0; i < number.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === number[i]) continue;
        const altered = number.slice(0, i) + String(d) + number.slice(i + 1);
        expect(isValidLuhn(altered)).toBe(false);
      }
    }
  });

  it('detects swaps of adjacent different digits other than 09/90', () => {
    const number = cardNumberFromSequence(3_141_592_653);
    for (let i = 0; i < number.length - 1; i += 1) {
      const [a, b] = [number[i], number[i + 1]];
      if (a === b || `${a}${b}` === '09' || `${a}${b}` === '90') continue;
      const swapped = number.slice(0, i) + b + a + number.slice(i + 2);
      expect(isValidLuhn(swapped)).toBe(false);
    }
  });

  it('refuses a payload that is not digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow();
  });
});

describe('card numbers', () => {
  it('are 12 digits: 8, the sequence, the check digit', () => {
    expect(cardNumberFromSequence(1)).toBe('800000000011');
    expect(cardNumberFromSequence(MAX_CARD_SEQUENCE)).toMatch(/^89{10}\d$/);
    for (const sequence of [1, 2, 10, 999, 1_000_000, MAX_CARD_SEQUENCE]) {
      const number = cardNumberFromSequence(sequence);
      expect(number).toHaveLength(12);
      expect(isWellFormedCardNumber(number)).toBe(true);
    }
  });

  it('refuses sequences outside 1 … 9999999999', () => {
    expect(() => cardNumberFromSequence(0)).toThrow();
    expect(() => cardNumberFromSequence(MAX_CARD_SEQUENCE + 1)).toThrow();
    expect(() => cardNumberFromSequence(1.5)).toThrow();
  });

  it('recognises well-formed numbers only', () => {
    expect(isWellFormedCardNumber('800000000011')).toBe(true);
    expect(isWellFormedCardNumber('800000000017')).toBe(false);
    expect(isWellFormedCardNumber('79927398713')).toBe(false);
    expect(isWellFormedCardNumber('400000000010')).toBe(false);
  });

  it('normalises and formats for people', () => {
    expect(normaliseCardNumber(' 8000 0000-0011 ')).toBe('800000000011');
    expect(formatCardNumber('800000000011')).toBe('8000 0000 0011');
  });
});
