import { calendarDateIn } from './calendar-date';

describe('calendarDateIn', () => {
  it('gives the day in the time zone, not in UTC', () => {
    const lateEveningUtc = new Date('2026-01-31T17:30:00Z');
    expect(calendarDateIn('Asia/Shanghai', lateEveningUtc)).toBe('2026-02-01');
    expect(calendarDateIn('UTC', lateEveningUtc)).toBe('2026-01-31');
  });
});
