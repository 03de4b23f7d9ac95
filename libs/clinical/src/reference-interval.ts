/**
 * Choosing the reference interval for one person: the sex columns of the dictionary, replaced by an
 * older age band where indicators.md ("Age bands") says a national standard splits adults by age.
 */
import type { IndicatorDefinition, ReferenceInterval, Sex } from './indicator-dictionary';

export interface Subject {
  readonly sex: Sex;
  /** Age in completed years at the exam (see `ageAtExam`); unknown → the sex columns are used. */
  readonly age?: number;
}

interface AgeBand {
  readonly sex: Sex;
  readonly minAge: number;
  readonly maxAge: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The bands of indicators.md that differ from the dictionary columns (which hold the younger band:
 * 20–59, or 20–49 for female ALP). Transcribed from the table there; do not edit without the source.
 */
const OLDER_AGE_BANDS: Readonly<Record<string, readonly AgeBand[]>> = {
  CREA: [
    { sex: 'male', minAge: 60, maxAge: 79, low: 57, high: 111 },
    { sex: 'female', minAge: 60, maxAge: 79, low: 41, high: 81 },
  ],
  UREA: [
    { sex: 'male', minAge: 60, maxAge: 79, low: 3.6, high: 9.5 },
    { sex: 'female', minAge: 60, maxAge: 79, low: 3.1, high: 8.8 },
  ],
  ALP: [{ sex: 'female', minAge: 50, maxAge: 79, low: 50, high: 135 }],
};

export function referenceIntervalFor(definition: IndicatorDefinition, subject: Subject): ReferenceInterval {
  const band = ageBandFor(definition.code, subject);
  return band === undefined ? definition.limits[subject.sex] : { low: band.low, high: band.high };
}

function ageBandFor(code: string, { sex, age }: Subject): AgeBand | undefined {
  if (age === undefined || !Number.isFinite(age)) return undefined;
  const bands = (OLDER_AGE_BANDS[code] ?? []).filter((band) => band.sex === sex);
  const inBand = bands.find((band) => age >= band.minAge && age <= band.maxAge);
  if (inBand !== undefined) return inBand;
  // The standards stop at 79; older people are judged by the oldest band.
  const oldest = bands.reduce<AgeBand | undefined>(
    (best, band) => (best === undefined || band.maxAge > best.maxAge ? band : best),
    undefined,
  );
  return oldest !== undefined && age > oldest.maxAge ? oldest : undefined;
}
