import { ageAtExam } from './age-at-exam';

describe('ageAtExam', () => {
  it('counts completed years on the exam date', () => {
    expect(ageAtExam('1955-09-30', '2025-05-20')).toBe(69);
    expect(ageAtExam('1968-11-02', '2025-04-16')).toBe(56);
    expect(ageAtExam('1965-05-20', '2025-05-20')).toBe(60);
    expect(ageAtExam('1965-05-21', '2025-05-20')).toBe(59);
  });

  it('handles 29 February', () => {
    expect(ageAtExam('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageAtExam('2000-02-29', '2001-03-01')).toBe(1);
  });

  it('returns undefined for invalid dates or an exam before birth', () => {
    expect(ageAtExam('2025-02-30', '2025-05-20')).toBeUndefined();
    expect(ageAtExam('1970/03/18', '2025-05-20')).toBeUndefined();
    expect(ageAtExam('2026-01-01', '2025-05-20')).toBeUndefined();
  });
});
