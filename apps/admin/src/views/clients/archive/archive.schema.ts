import type { ArchiveProfile, ArchiveUpdate } from '@/api/types';
import type { FieldOption } from '@/components/schema';
import { i18n, t } from '@/i18n';

type Profile = NonNullable<ArchiveProfile>;
type Lifestyle = NonNullable<Profile['lifestyle']>;
export type AboGroup = NonNullable<Profile['bloodType']>['abo'];
export type RhFactor = NonNullable<NonNullable<Profile['bloodType']>['rh']>;
export type AllergySeverity = NonNullable<NonNullable<Profile['allergies']>[number]['severity']>;
export type FamilyRelation = NonNullable<Profile['familyHistory']>[number]['relation'];
export type SmokingStatus = NonNullable<Lifestyle['smoking']>['status'];
export type AlcoholStatus = NonNullable<Lifestyle['alcohol']>['status'];
export type DietHabit = NonNullable<Lifestyle['dietHabits']>[number];
export type SleepQuality = NonNullable<NonNullable<Lifestyle['sleep']>['quality']>;

export const ABO_GROUPS: readonly AboGroup[] = ['A', 'B', 'AB', 'O', 'unknown'];
export const RH_FACTORS: readonly RhFactor[] = ['positive', 'negative', 'unknown'];
export const ALLERGY_SEVERITIES: readonly AllergySeverity[] = ['mild', 'moderate', 'severe', 'unknown'];
export const FAMILY_RELATIONS: readonly FamilyRelation[] = ['father', 'mother', 'sibling', 'child', 'grandparent', 'other'];
export const SMOKING_STATUSES: readonly SmokingStatus[] = ['never', 'former', 'current'];
export const ALCOHOL_STATUSES: readonly AlcoholStatus[] = ['none', 'occasional', 'regular'];
export const DIET_HABITS: readonly DietHabit[] = [
  'high_salt',
  'high_fat',
  'high_sugar',
  'irregular_meals',
  'overeating',
  'vegetarian',
];
export const SLEEP_QUALITIES: readonly SleepQuality[] = ['good', 'fair', 'poor'];

/** Options of an enumeration whose labels live under `archive.<group>.<value>`. */
export function enumOptions(group: string, values: readonly string[]): FieldOption[] {
  return values.map((value) => ({ value, label: t(`archive.${group}.${value}`) }));
}

/** Yes / no / not known, for the profile's optional booleans. */
export type TriState = 'yes' | 'no' | '';
export const toTriState = (value: boolean | null | undefined): TriState => (value === true ? 'yes' : value === false ? 'no' : '');
export const fromTriState = (value: TriState): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

/** `yes` / `no` / `—` for display. */
export function yesNo(value: boolean | null | undefined): string {
  return value === true ? t('archive.yes') : value === false ? t('archive.no') : '—';
}

export function label(group: string, value: string | null | undefined): string {
  if (!value) return '—';
  const key = `archive.${group}.${value}`;
  return i18n.global.te(key) ? t(key) : value;
}

/** The editable form of a profile: flat where Element Plus needs it, `undefined` for empty numbers. */
export interface ArchiveFormModel {
  abo: AboGroup | '';
  rh: RhFactor;
  allergies: { substance: string; reaction: string; severity: AllergySeverity }[];
  pastHistory: { condition: string; icd10: string; yearDiagnosed: number | undefined; underTreatment: boolean }[];
  familyHistory: { relation: FamilyRelation; condition: string; prematureAscvd: boolean; diabetes: boolean }[];
  surgeries: { name: string; year: number | undefined }[];
  medications: {
    name: string;
    dose: string;
    frequency: string;
    since: string;
    antihypertensive: boolean;
    glucoseLowering: boolean;
    lipidLowering: boolean;
  }[];
  smokingStatus: SmokingStatus | '';
  cigarettesPerDay: number | undefined;
  smokingYears: number | undefined;
  alcoholStatus: AlcoholStatus | '';
  gramsPerWeek: number | undefined;
  activityMinutes: number | undefined;
  vegetablesFruitDaily: TriState;
  dietHabits: DietHabit[];
  sleepHours: number | undefined;
  sleepQuality: SleepQuality | '';
  menarcheAge: number | undefined;
  menopause: TriState;
  menopauseAge: number | undefined;
  pregnancies: number | undefined;
  births: number | undefined;
  northChina: TriState;
  urban: TriState;
}

const num = (value: number | null | undefined): number | undefined => (value === null ? undefined : value);
const orNull = <T>(value: T | undefined | ''): T | null => (value === undefined || value === '' ? null : value);
const text = (value: string): string | null => value.trim() || null;
/** A ticked flag; absent or null reads as not ticked. */
const flag = (value: unknown): boolean => value === true;

export function archiveFormModel(profile: ArchiveProfile | null | undefined): ArchiveFormModel {
  const p: Profile = profile ?? {};
  const lifestyle = p.lifestyle ?? {};
  return {
    abo: p.bloodType?.abo ?? '',
    rh: p.bloodType?.rh ?? 'unknown',
    allergies: (p.allergies ?? []).map((a) => ({
      substance: a.substance,
      reaction: a.reaction ?? '',
      severity: a.severity ?? 'unknown',
    })),
    pastHistory: (p.pastHistory ?? []).map((c) => ({
      condition: c.condition,
      icd10: c.icd10 ?? '',
      yearDiagnosed: num(c.yearDiagnosed),
      underTreatment: flag(c.underTreatment),
    })),
    familyHistory: (p.familyHistory ?? []).map((f) => ({
      relation: f.relation,
      condition: f.condition,
      prematureAscvd: flag(f.prematureAscvd),
      diabetes: flag(f.diabetes),
    })),
    surgeries: (p.surgeries ?? []).map((s) => ({ name: s.name, year: num(s.year) })),
    medications: (p.medications ?? []).map((m) => ({
      name: m.name,
      dose: m.dose ?? '',
      frequency: m.frequency ?? '',
      since: m.since ?? '',
      antihypertensive: flag(m.antihypertensive),
      glucoseLowering: flag(m.glucoseLowering),
      lipidLowering: flag(m.lipidLowering),
    })),
    smokingStatus: lifestyle.smoking?.status ?? '',
    cigarettesPerDay: num(lifestyle.smoking?.cigarettesPerDay),
    smokingYears: num(lifestyle.smoking?.years),
    alcoholStatus: lifestyle.alcohol?.status ?? '',
    gramsPerWeek: num(lifestyle.alcohol?.gramsPerWeek),
    activityMinutes: num(lifestyle.physicalActivityMinutesPerDay),
    vegetablesFruitDaily: toTriState(lifestyle.vegetablesFruitDaily),
    dietHabits: [...(lifestyle.dietHabits ?? [])],
    sleepHours: num(lifestyle.sleep?.hoursPerNight),
    sleepQuality: lifestyle.sleep?.quality ?? '',
    menarcheAge: num(p.womensHistory?.menarcheAge),
    menopause: toTriState(p.womensHistory?.menopause),
    menopauseAge: num(p.womensHistory?.menopauseAge),
    pregnancies: num(p.womensHistory?.pregnancies),
    births: num(p.womensHistory?.births),
    northChina: toTriState(p.residence?.northChina),
    urban: toTriState(p.residence?.urban),
  };
}

/**
 * The whole profile for `PUT …/archive` (what is left out becomes empty). Rows without their
 * required text are dropped; amounts of a status that rules them out (a never-smoker's cigarettes)
 * are not sent, matching the API's consistency rules.
 */
export function archiveProfileBody(model: ArchiveFormModel, includeWomensHistory: boolean): ArchiveUpdate['profile'] {
  const smokes = model.smokingStatus !== '' && model.smokingStatus !== 'never';
  const drinks = model.alcoholStatus !== '' && model.alcoholStatus !== 'none';
  const menopause = fromTriState(model.menopause);
  return {
    bloodType: model.abo ? { abo: model.abo, rh: model.rh } : null,
    allergies: model.allergies
      .filter((a) => a.substance.trim())
      .map((a) => ({ substance: a.substance.trim(), reaction: text(a.reaction), severity: a.severity })),
    pastHistory: model.pastHistory
      .filter((c) => c.condition.trim())
      .map((c) => ({
        condition: c.condition.trim(),
        icd10: text(c.icd10.toUpperCase()),
        yearDiagnosed: orNull(c.yearDiagnosed),
        underTreatment: c.underTreatment,
      })),
    familyHistory: model.familyHistory
      .filter((f) => f.condition.trim())
      .map((f) => ({
        relation: f.relation,
        condition: f.condition.trim(),
        prematureAscvd: f.prematureAscvd,
        diabetes: f.diabetes,
      })),
    surgeries: model.surgeries.filter((s) => s.name.trim()).map((s) => ({ name: s.name.trim(), year: orNull(s.year) })),
    medications: model.medications
      .filter((m) => m.name.trim())
      .map((m) => ({
        name: m.name.trim(),
        dose: text(m.dose),
        frequency: text(m.frequency),
        since: text(m.since),
        antihypertensive: m.antihypertensive,
        glucoseLowering: m.glucoseLowering,
        lipidLowering: m.lipidLowering,
      })),
    lifestyle: {
      smoking: model.smokingStatus
        ? {
            status: model.smokingStatus,
            cigarettesPerDay: smokes ? orNull(model.cigarettesPerDay) : null,
            years: smokes ? orNull(model.smokingYears) : null,
          }
        : null,
      alcohol: model.alcoholStatus
        ? { status: model.alcoholStatus, gramsPerWeek: drinks ? orNull(model.gramsPerWeek) : null }
        : null,
      physicalActivityMinutesPerDay: orNull(model.activityMinutes),
      vegetablesFruitDaily: fromTriState(model.vegetablesFruitDaily),
      dietHabits: [...model.dietHabits],
      sleep: { hoursPerNight: orNull(model.sleepHours), quality: orNull(model.sleepQuality) },
    },
    womensHistory: includeWomensHistory
      ? {
          menarcheAge: orNull(model.menarcheAge),
          menopause,
          menopauseAge: menopause ? orNull(model.menopauseAge) : null,
          pregnancies: orNull(model.pregnancies),
          births: orNull(model.births),
        }
      : null,
    residence: { northChina: fromTriState(model.northChina), urban: fromTriState(model.urban) },
  };
}

/** The profile's sections, in the order of the page; history entries are grouped by them. */
export const ARCHIVE_SECTIONS = [
  'bloodType',
  'allergies',
  'pastHistory',
  'familyHistory',
  'surgeries',
  'medications',
  'lifestyle',
  'womensHistory',
  'residence',
] as const;

/** `lifestyle.smoking.years`, `allergies[1]` → the sections they belong to, named, without repeats. */
export function changedSections(paths: readonly string[]): string[] {
  const sections = new Set(paths.map((path) => path.split(/[.[]/)[0]!));
  return [...sections].map((section) => label('sections', section));
}
