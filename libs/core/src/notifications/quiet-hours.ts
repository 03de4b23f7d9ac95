/** A daily quiet period in an organisation's time zone, e.g. 21:00–08:00 (overnight) or 12:00–14:00. */
export interface QuietHours {
  /** `HH:MM`, inclusive. */
  start: string;
  /** `HH:MM`, exclusive: messages go out at this time. Equal to `start` means no quiet period. */
  end: string;
  /** IANA time zone the times are read in. */
  timeZone: string;
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const MINUTE_MS = 60_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
}

function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, minutes: parts.hour * 60 + parts.minute };
}

function minutesOf(time: string): number {
  if (!TIME_OF_DAY.test(time)) throw new Error(`invalid time of day "${time}": use HH:MM`);
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The instant a local wall-clock time (day may overflow: day 32 is the next month) has in the zone. */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // The zone's offset at the guess, then again at the corrected instant (differs only across a DST change).
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(instant), timeZone);
    const localAsUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
    const offset = localAsUtc - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
    instant = wall - offset;
  }
  return new Date(instant);
}

/** Whether `now` falls in the quiet period. */
export function isQuiet(now: Date, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const { minutes } = localTime(now, quiet.timeZone);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * When a client message requested at `now` may go out: null when `now` is outside the quiet period,
 * else the end of the quiet period (the next local `end` time after `now`).
 */
export function quietPeriodEnd(now: Date, quiet: QuietHours): Date | null {
  if (!isQuiet(now, quiet)) return null;
  const end = minutesOf(quiet.end);
  const local = localTime(now, quiet.timeZone);
  const dayOffset = local.minutes < end ? 0 : 1;
  const candidate = instantOf(local.year, local.month, local.day + dayOffset, end, quiet.timeZone);
  // A wall time skipped by a DST change can land before now: the period then ends a day later.
  return candidate.getTime() > now.getTime()
    ? candidate
    : instantOf(local.year, local.month, local.day + dayOffset + 1, end, quiet.timeZone);
}
