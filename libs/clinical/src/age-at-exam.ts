/**
 * Age in completed years on the exam date, the age the age bands of indicators.md are read by.
 * Dates are ISO calendar dates (`YYYY-MM-DD`); time zones play no part.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function ageAtExam(birthDate: string, examDate: string): number | undefined {
  const birth = parseIsoDate(birthDate);
  const exam = parseIsoDate(examDate);
  if (birth === undefined || exam === undefined) return undefined;

  const hadBirthdayThisYear = exam.month > birth.month || (exam.month === birth.month && exam.day >= birth.day);
  const age = exam.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
  return age >= 0 ? age : undefined;
}

function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Round-trip through Date.UTC to reject dates such as 2025-02-30.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}
