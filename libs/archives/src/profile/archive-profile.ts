import type { ErrorDetail } from '@health/core';

export const ABO_GROUPS = ['A', 'B', 'AB', 'O', 'unknown'] as const;
export const RH_FACTORS = ['positive', 'negative', 'unknown'] as const;
export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'unknown'] as const;
export const FAMILY_RELATIONS = ['father', 'mother', 'sibling', 'child', 'grandparent', 'other'] as const;
export const SMOKING_STATUSES = ['never', 'former', 'current'] as const;
export const ALCOHOL_STATUSES = ['none', 'occasional', 'regular'] as const;
export const DIET_HABITS = ['high_salt', 'high_fat', 'high_sugar', 'irregular_meals', 'overeating', 'vegetarian'] as const;
export const SLEEP_QUALITIES = ['good', 'fair', 'poor'] as const;

/** Entries per list; a real history is far shorter, the cap keeps snapshots and diffs small. */
export const MAX_LIST_ENTRIES = 50;
/** Earliest year accepted for diagnoses, surgeries and medication start dates. */
export const EARLIEST_YEAR = 1900;

/** ICD-10 shape: a letter, two digits, optionally a dot and one to four characters (`I10`, `E11.9`, `S72.001`). */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/;
/** Partial dates, because patients often remember only the year or month: `2019`, `2019-03`, `2019-03-15`. */
export const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type AboGroup = (typeof ABO_GROUPS)[number];
export type RhFactor = (typeof RH_FACTORS)[number];
export type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
export type SmokingStatus = (typeof SMOKING_STATUSES)[number];
export type AlcoholStatus = (typeof ALCOHOL_STATUSES)[number];
export type DietHabit = (typeof DIET_HABITS)[number];
export type SleepQuality = (typeof SLEEP_QUALITIES)[number];

/**
 * The stored form of a health profile. Every key is always present (null or `[]` when unknown), so
 * two profiles that mean the same compare equal and the diff names only real changes.
 */
export interface ArchiveProfile {
  bloodType: { abo: AboGroup; rh: RhFactor } | null;
  allergies: { substance: string; reaction: string | null; severity: AllergySeverity }[];
  pastHistory: { condition: string; icd10: string | null; yearDiagnosed: number | null; underTreatment: boolean }[];
  familyHistory: { relation: FamilyRelation; condition: string; prematureAscvd: boolean; diabetes: boolean }[];
  surgeries: { name: string; year: number | null }[];
  medications: {
    name: string;
    dose: string | null;
    frequency: string | null;
    since: string | null;
    antihypertensive: boolean;
    glucoseLowering: boolean;
    lipidLowering: boolean;
  }[];
  lifestyle: {
    smoking: { status: SmokingStatus; cigarettesPerDay: number | null; years: number | null } | null;
    alcohol: { status: AlcoholStatus; gramsPerWeek: number | null } | null;
    physicalActivityMinutesPerDay: number | null;
    vegetablesFruitDaily: boolean | null;
    dietHabits: DietHabit[];
    sleep: { hoursPerNight: number | null; quality: SleepQuality | null } | null;
  } | null;
  womensHistory: {
    menarcheAge: number | null;
    menopause: boolean | null;
    menopauseAge: number | null;
    pregnancies: number | null;
    births: number | null;
  } | null;
  residence: { northChina: boolean | null; urban: boolean | null } | null;
}

/** What a client without an archive has: version 0 of this. */
export function emptyProfile(): ArchiveProfile {
  return {
    bloodType: null,
    allergies: [],
    pastHistory: [],
    familyHistory: [],
    surgeries: [],
    medications: [],
    lifestyle: null,
    womensHistory: null,
    residence: null,
  };
}

/**
 * Today's date where the day is furthest ahead (UTC+14), as `YYYY-MM-DD`: what the client calls
 * "this year" or "today" is never refused because the server's clock is in an earlier time zone.
 */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

type Maybe<T> = T | null | undefined;

/** Input as validated from the request: any field may be missing or null. */
export interface ArchiveProfileInput {
  bloodType?: Maybe<{ abo: AboGroup; rh?: Maybe<RhFactor> }>;
  allergies?: Maybe<{ substance: string; reaction?: Maybe<string>; severity?: Maybe<AllergySeverity> }[]>;
  pastHistory?: Maybe<
    { condition: string; icd10?: Maybe<string>; yearDiagnosed?: Maybe<number>; underTreatment?: Maybe<boolean> }[]
  >;
  familyHistory?: Maybe<
    { relation: FamilyRelation; condition: string; prematureAscvd?: Maybe<boolean>; diabetes?: Maybe<boolean> }[]
  >;
  surgeries?: Maybe<{ name: string; year?: Maybe<number> }[]>;
  medications?: Maybe<
    {
      name: string;
      dose?: Maybe<string>;
      frequency?: Maybe<string>;
      since?: Maybe<string>;
      antihypertensive?: Maybe<boolean>;
      glucoseLowering?: Maybe<boolean>;
      lipidLowering?: Maybe<boolean>;
    }[]
  >;
  lifestyle?: Maybe<{
    smoking?: Maybe<{ status: SmokingStatus; cigarettesPerDay?: Maybe<number>; years?: Maybe<number> }>;
    alcohol?: Maybe<{ status: AlcoholStatus; gramsPerWeek?: Maybe<number> }>;
    physicalActivityMinutesPerDay?: Maybe<number>;
    vegetablesFruitDaily?: Maybe<boolean>;
    dietHabits?: Maybe<DietHabit[]>;
    sleep?: Maybe<{ hoursPerNight?: Maybe<number>; quality?: Maybe<SleepQuality> }>;
  }>;
  womensHistory?: Maybe<{
    menarcheAge?: Maybe<number>;
    menopause?: Maybe<boolean>;
    menopauseAge?: Maybe<number>;
    pregnancies?: Maybe<number>;
    births?: Maybe<number>;
  }>;
  residence?: Maybe<{ northChina?: Maybe<boolean>; urban?: Maybe<boolean> }>;
}

const text = (value: Maybe<string>): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};
const value = <T>(v: Maybe<T>): T | null => (v === undefined ? null : v);

/** An object whose every field is null or an empty list says nothing: store it as null. */
function meaningful<T extends object>(obj: T): T | null {
  return Object.values(obj).some((v) => v !== null && !(Array.isArray(v) && v.length === 0)) ? obj : null;
}

/** The stored form of validated input: trimmed strings, defaults filled in, diet habits in catalog order. */
export function canonicalProfile(input: ArchiveProfileInput): ArchiveProfile {
  const lifestyle = input.lifestyle;
  return {
    bloodType: input.bloodType ? { abo: input.bloodType.abo, rh: input.bloodType.rh ?? 'unknown' } : null,
    allergies: (input.allergies ?? []).map((a) => ({
      substance: a.substance.trim(),
      reaction: text(a.reaction),
      severity: a.severity ?? 'unknown',
    })),
    pastHistory: (input.pastHistory ?? []).map((p) => ({
      condition: p.condition.trim(),
      icd10: text(p.icd10),
      yearDiagnosed: value(p.yearDiagnosed),
      underTreatment: p.underTreatment ?? false,
    })),
    familyHistory: (input.familyHistory ?? []).map((f) => ({
      relation: f.relation,
      condition: f.condition.trim(),
      prematureAscvd: f.prematureAscvd ?? false,
      diabetes: f.diabetes ?? false,
    })),
    surgeries: (input.surgeries ?? []).map((s) => ({ name: s.name.trim(), year: value(s.year) })),
    medications: (input.medications ?? []).map((m) => ({
      name: m.name.trim(),
      dose: text(m.dose),
      frequency: text(m.frequency),
      since: value(m.since),
      antihypertensive: m.antihypertensive ?? false,
      glucoseLowering: m.glucoseLowering ?? false,
      lipidLowering: m.lipidLowering ?? false,
    })),
    lifestyle: lifestyle
      ? meaningful({
          smoking: lifestyle.smoking
            ? {
                status: lifestyle.smoking.status,
                cigarettesPerDay: value(lifestyle.smoking.cigarettesPerDay),
                years: value(lifestyle.smoking.years),
              }
            : null,
          alcohol: lifestyle.alcohol
            ? { status: lifestyle.alcohol.status, gramsPerWeek: value(lifestyle.alcohol.gramsPerWeek) }
            : null,
          physicalActivityMinutesPerDay: value(lifestyle.physicalActivityMinutesPerDay),
          vegetablesFruitDaily: value(lifestyle.vegetablesFruitDaily),
          dietHabits: DIET_HABITS.filter((habit) => lifestyle.dietHabits?.includes(habit)),
          sleep: lifestyle.sleep
            ? meaningful({ hoursPerNight: value(lifestyle.sleep.hoursPerNight), quality: value(lifestyle.sleep.quality) })
            : null,
        })
      : null,
    womensHistory: input.womensHistory
      ? meaningful({
          menarcheAge: value(input.womensHistory.menarcheAge),
          menopause: value(input.womensHistory.menopause),
          menopauseAge: value(input.womensHistory.menopauseAge),
          pregnancies: value(input.womensHistory.pregnancies),
          births: value(input.womensHistory.births),
        })
      : null,
    residence: input.residence
      ? meaningful({ northChina: value(input.residence.northChina), urban: value(input.residence.urban) })
      : null,
  };
}

/**
 * Rules across fields that single-field validation cannot express. Field paths are relative to the
 * profile (`lifestyle.smoking.cigarettesPerDay`); the caller prefixes them as its request shape needs.
 */
export function inconsistencies(profile: ArchiveProfile, now: Date = new Date()): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, code: 'inconsistent', message });

  const smoking = profile.lifestyle?.smoking;
  if (smoking?.status === 'never') {
    if (smoking.cigarettesPerDay) add('lifestyle.smoking.cigarettesPerDay', 'A never-smoker smokes no cigarettes per day');
    if (smoking.years) add('lifestyle.smoking.years', 'A never-smoker has no years of smoking');
  }
  const alcohol = profile.lifestyle?.alcohol;
  if (alcohol?.status === 'none' && alcohol.gramsPerWeek) {
    add('lifestyle.alcohol.gramsPerWeek', 'Someone who does not drink has no weekly alcohol intake');
  }

  const women = profile.womensHistory;
  if (women) {
    if (women.menopauseAge !== null && women.menopause !== true) {
      add('womensHistory.menopauseAge', 'menopauseAge needs menopause to be true');
    }
    if (women.menopauseAge !== null && women.menarcheAge !== null && women.menopauseAge <= women.menarcheAge) {
      add('womensHistory.menopauseAge', 'menopauseAge must be after menarcheAge');
    }
    if (women.births !== null && women.pregnancies !== null && women.births > women.pregnancies) {
      add('womensHistory.births', 'births cannot exceed pregnancies');
    }
  }

  const today = latestToday(now);
  profile.medications.forEach((m, i) => {
    if (m.since !== null && m.since > today.slice(0, m.since.length)) {
      add(`medications.${i}.since`, 'since cannot be in the future');
    }
  });
  return problems;
}

/** True when a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string names a real year, month and day. */
export function isValidPartialDate(input: string): boolean {
  const match = PARTIAL_DATE.exec(input);
  if (!match) return false;
  const [, year, month, day] = match;
  if (Number(year) < EARLIEST_YEAR) return false;
  if (month === undefined) return true;
  if (Number(month) < 1 || Number(month) > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * JSON paths at which `after` differs from `before`, in document order: `bloodType`,
 * `lifestyle.smoking.cigarettesPerDay`, `allergies[1].severity`. List entries are compared by
 * position; an entry added or removed at the end is named by its index (`surgeries[2]`).
 */
export function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const paths: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const itemPath = `${path}[${i}]`;
      if (i >= before.length || i >= after.length) paths.push(itemPath);
      else paths.push(...changedPaths(before[i], after[i], itemPath));
    }
    return paths;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return before === after ? [] : [path];
}
