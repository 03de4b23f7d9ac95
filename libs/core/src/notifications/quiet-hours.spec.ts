import { isQuiet, quietPeriodEnd, QuietHours } from './quiet-hours';

const SHANGHAI: QuietHours = { start: '21:00', end: '08:00', timeZone: 'Asia/Shanghai' };

describe('quiet hours', () => {
  it('is quiet from 21:00 up to, not including, 08:00 local time (UTC+8)', () => {
    expect(isQuiet(new Date('2026-03-10T12:59:00Z'), SHANGHAI)).toBe(false); // 20:59
    expect(isQuiet(new Date('2026-03-10T13:00:00Z'), SHANGHAI)).toBe(true); // 21:00
    expect(isQuiet(new Date('2026-03-10T16:00:00Z'), SHANGHAI)).toBe(true); // 00:00
    expect(isQuiet(new Date('2026-03-10T23:59:00Z'), SHANGHAI)).toBe(true); // 07:59
    expect(isQuiet(new Date('2026-03-11T00:00:00Z'), SHANGHAI)).toBe(false); // 08:00
  });

  it('delays an evening message to 08:00 the next local day', () => {
    expect(quietPeriodEnd(new Date('2026-03-10T14:30:00Z'), SHANGHAI)?.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('delays a message after midnight to 08:00 the same local day', () => {
    // 02:30 on 11 March in Shanghai is 18:30 UTC on the 10th.
    expect(quietPeriodEnd(new Date('2026-03-10T18:30:00Z'), SHANGHAI)?.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('does not delay outside the quiet period', () => {
    expect(quietPeriodEnd(new Date('2026-03-10T02:00:00Z'), SHANGHAI)).toBeNull();
  });

  it('crosses a month end', () => {
    // 22:00 on 31 March local → 08:00 on 1 April local.
    expect(quietPeriodEnd(new Date('2026-03-31T14:00:00Z'), SHANGHAI)?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('handles a daytime period that does not cross midnight', () => {
    const lunch: QuietHours = { start: '12:00', end: '14:00', timeZone: 'Asia/Shanghai' };
    expect(isQuiet(new Date('2026-03-10T03:59:00Z'), lunch)).toBe(false); // 11:59
    expect(quietPeriodEnd(new Date('2026-03-10T04:30:00Z'), lunch)?.toISOString()).toBe('2026-03-10T06:00:00.000Z');
  });

  it('treats equal start and end as no quiet period', () => {
    expect(quietPeriodEnd(new Date('2026-03-10T14:30:00Z'), { ...SHANGHAI, end: '21:00' })).toBeNull();
  });

  it('reads the times in the organisation zone, with its daylight saving time', () => {
    const berlin: QuietHours = { start: '21:00', end: '08:00', timeZone: 'Europe/Berlin' };
    // 23:00 CET on 28 March 2026; clocks go forward that night, so 08:00 on the 29th is CEST (UTC+2).
    expect(quietPeriodEnd(new Date('2026-03-28T22:00:00Z'), berlin)?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // In winter 08:00 is UTC+1.
    expect(quietPeriodEnd(new Date('2026-01-15T22:00:00Z'), berlin)?.toISOString()).toBe('2026-01-16T07:00:00.000Z');
  });

  it('rejects a malformed time', () => {
    expect(() => isQuiet(new Date(), { ...SHANGHAI, start: '9pm' })).toThrow('invalid time of day');
  });
});
