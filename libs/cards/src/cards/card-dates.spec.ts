import { addDays, addMonths, expiryDate, isIsoDate, renewedExpiryDate, todayIn } from './card-dates';

describe('card dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('counts today in the organisation time zone', () => {
    const instant = new Date('2026-03-31T16:30:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-04-01');
    expect(todayIn('UTC', instant)).toBe('2026-03-31');
  });

  it('adds days and months, clamping to the end of shorter months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-05-31', 120)).toBe('2036-05-31');
  });

  it('expires the day before the same date N months later', () => {
    expect(expiryDate('2026-03-15', 12)).toBe('2027-03-14');
    expect(expiryDate('2026-01-01', 1)).toBe('2026-01-31');
    expect(expiryDate('2026-01-31', 1)).toBe('2026-02-27');
  });

  it('renews from the current expiry, or from today once lapsed', () => {
    expect(renewedExpiryDate('2026-12-31', '2026-06-01', 12)).toBe('2027-12-31');
    expect(renewedExpiryDate('2026-05-31', '2026-06-10', 12)).toBe('2027-06-09');
    expect(renewedExpiryDate('2026-06-09', '2026-06-10', 6)).toBe('2026-12-09');
  });
});
