/**
 * Card numbers are 12 digits: `8`, the organisation's card sequence zero-padded to 10 digits, and
 * a Luhn check digit (ISO/IEC 7812 style; 8 is the healthcare major industry identifier). The
 * sequence is per organisation, so a number is unique within its organisation only. The check
 * digit catches every single-digit typo and most swaps of adjacent digits when staff type a number.
 */
export const CARD_NUMBER_PREFIX = '8';
export const CARD_NUMBER_LENGTH = 12;
const SEQUENCE_DIGITS = CARD_NUMBER_LENGTH - CARD_NUMBER_PREFIX.length - 1;
export const MAX_CARD_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

/** The digit that makes `payload + digit` pass the Luhn check. */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new Error('Luhn payload must be digits');
  let sum = 0;
  // Doubling starts from the rightmost payload digit, because the check digit goes after it.
  for (let i = payload.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(value: string): boolean {
  if (!/^\d{2,}$/.test(value)) return false;
  return luhnCheckDigit(value.slice(0, -1)) === Number(value.slice(-1));
}

export function cardNumberFromSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_CARD_SEQUENCE) {
    throw new Error(`card sequence out of range: ${sequence}`);
  }
  const payload = CARD_NUMBER_PREFIX + String(sequence).padStart(SEQUENCE_DIGITS, '0');
  return payload + String(luhnCheckDigit(payload));
}

/** Removes the spaces and dashes people type or print (`8000 0000 0011`). */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isWellFormedCardNumber(value: string): boolean {
  return value.length === CARD_NUMBER_LENGTH && value.startsWith(CARD_NUMBER_PREFIX) && isValidLuhn(value);
}

/** `800000000011` → `8000 0000 0011`, as printed on the card face. */
export function formatCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}
