/**
 * Calendar dates (`YYYY-MM-DD`) of the card life cycle. Days are counted in the organisation's
 * time zone, never the server's, so a card opened at 00:30 Beijing time starts that Beijing day.
 */
import { calendarDateIn } from '@health/core';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Today's date in `timeZone` (an IANA name such as Asia/Shanghai). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return calendarDateIn(timeZone, now);
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months; a day the target month lacks becomes its last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Last valid day of a card starting on `start`: valid `months` months, e.g. 2026-03-15 + 12 → 2027-03-14. */
export function expiryDate(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

/**
 * Expiry after a renewal: the new period follows the current one without a gap or an overlap,
 * or starts today when the card has already lapsed.
 */
export function renewedExpiryDate(currentExpiry: string, today: string, months: number): string {
  const dayAfterExpiry = addDays(currentExpiry, 1);
  const start = dayAfterExpiry > today ? dayAfterExpiry : today;
  return expiryDate(start, months);
}
