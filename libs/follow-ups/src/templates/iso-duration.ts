/**
 * ISO-8601 durations as follow-up steps write them (`P7D`, `P1M`, `P3M`, `P1Y2M`, `PT30S`):
 * calendar units (years, months, weeks, days) and clock units (hours, minutes, seconds), whole
 * numbers only. Fractions and negative durations have no use in a follow-up plan.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The duration, or null when the text is not one (empty `P`, `PT`, fractions, signs, lower case). */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/**
 * `start` moved forward by the duration. Months and years move the calendar date and keep the time
 * of day; a day that does not exist in the target month becomes its last day (31 Jan + P1M → 28/29
 * Feb), as people count "one month later".
 */
export function addIsoDuration(start: Date, duration: IsoDuration): Date {
  const result = new Date(start.getTime());
  const totalMonths = duration.years * 12 + duration.months;
  if (totalMonths > 0) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + totalMonths);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const ms =
    ((duration.weeks * 7 + duration.days) * 86_400 + duration.hours * 3_600 + duration.minutes * 60 + duration.seconds) * 1000;
  return new Date(result.getTime() + ms);
}
