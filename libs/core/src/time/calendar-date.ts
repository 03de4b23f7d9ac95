/** Formatters are costly to build and safe to share: one per time zone for the process. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The last answer per time zone. Zone offsets are whole minutes, so the date cannot change within a
 * minute; formatting costs more than the rest of a request's date handling together.
 */
const lastAnswers = new Map<string, { minute: number; date: string }>();

/** The calendar day (YYYY-MM-DD) it is at `now` in the given IANA time zone. */
export function calendarDateIn(timeZone: string, now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastAnswers.get(timeZone);
  if (last?.minute === minute) return last.date;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const date = formatter.format(now);
  lastAnswers.set(timeZone, { minute, date });
  return date;
}
