import { calendarDateIn } from './calendar-date';

describe('calendarDateIn', () => {
  it('gives the day in the time zone, not in UTC', () => {
    const lateEveningUtc = new Date('2026-01-31T17:30:00Z');
    expect(calendarDateIn('Asia/Shanghai', lateEveningUtc)).toBe('2026-02-01');
    expect(calendarDateIn('UTC', lateEveningUtc)).toBe('2026-01-31');
  });

  it('turns at midnight of the zone, also when asked again within the same minute before it', () => {
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-03-01T15:59:59.000Z'))).toBe('2026-03-01');
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    // Half-hour zones turn at a whole minute too.
    expect(calendarDateIn('Asia/Kolkata', new Date('2026-03-01T18:29:59.000Z'))).toBe('2026-03-01');
    expect(calendarDateIn('Asia/Kolkata', new Date('2026-03-01T18:30:00.000Z'))).toBe('2026-03-02');
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-03-01T15:59:30.000Z'))).toBe('2026-03-01');
  });
});
