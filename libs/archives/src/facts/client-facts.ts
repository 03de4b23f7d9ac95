import { ageAtExam, guard, type Comparator, type Verdict } from '@health/clinical';
import type { ArchiveProfile, FamilyRelation } from '../profile/archive-profile';

/**
 * A client's facts: the one document tag rules, risk models and advice conditions read. Every
 * value is either known or absent (null): an unknown smoking status is never "non-smoker".
 */
export interface ClientFacts {
  clientId: string;
  /** Completed years today (the organisation's calendar date). */
  age: number | null;
  /** Completed years on the latest exam date: the age risk models use (age on the date of the measurements). */
  ageAtLatestExam: number | null;
  sex: 'male' | 'female';
  /** Latest value per indicator code, with the one before it. */
  ind: Record<string, IndicatorFact>;
  /** Computed from the latest measurements, guarded per §1.1 of the clinical spec. */
  derived: { bmi: number | null; nonHdlMmol: number | null };
  archive: ArchiveFacts;
  /** Questionnaire totals by model (`phq9`, `gad7`); filled by the surveys module's results. */
  scores: Record<string, number>;
  /**
   * Current result per computed model: category code, value, and `findings`, the category codes in
   * the result's details (`waist:central_obesity`, `hypercholesterolaemia`, `fpg:ifg`).
   */
  risk: Record<string, RiskFact>;
  card: { types: string[]; active: boolean };
  /** Names of the client's current tags. */
  tags: string[];
  /** The latest exam report the facts include, for evidence. */
  latestReportId: string | null;
  latestExamDate: string | null;
}

export interface RiskFact {
  category: string | null;
  value: number | null;
  findings: string[];
}

export interface IndicatorFact {
  value: number | string;
  comparator: Comparator | null;
  abnormal: Verdict;
  date: string;
  reportId: string | null;
  previous: { value: number | string; abnormal: Verdict; date: string } | null;
}

export interface ArchiveFacts {
  /** False until the health profile was saved once: then absent history means "none". */
  known: boolean;
  smoker: boolean | null;
  familyHistoryAscvd: boolean | null;
  familyHistoryDiabetes: 'none' | 'second_degree' | 'first_degree' | null;
  diabetes: boolean | null;
  hypertension: boolean | null;
  establishedAscvd: boolean | null;
  treatedDiabetes: boolean | null;
  treatedHypertension: boolean | null;
  onAntihypertensive: boolean | null;
  onGlucoseLowering: boolean | null;
  onLipidLowering: boolean | null;
  physicallyActive30min: boolean | null;
  vegetablesDaily: boolean | null;
  northChina: boolean | null;
  urban: boolean | null;
}

export interface ObservationFact {
  code: string;
  date: string;
  value: number | string;
  comparator: Comparator | null;
  verdict: Verdict;
  reportId: string | null;
}

export interface FactSources {
  client: { id: string; gender: 'male' | 'female'; birthDate: string };
  today: string;
  /** Null when the client has no saved profile. */
  profile: ArchiveProfile | null;
  /** The latest two observations per indicator code, newest first within a code. */
  observations: readonly ObservationFact[];
  cards: { types: string[]; active: boolean };
  scores: Record<string, number>;
}

const PARENT_OR_SIBLING: readonly FamilyRelation[] = ['father', 'mother', 'sibling'];
const FIRST_DEGREE: readonly FamilyRelation[] = ['father', 'mother', 'sibling', 'child'];

/**
 * Conditions recognised in the past medical history, by ICD-10 block or by the words staff write.
 * Only what the risk models ask about: diabetes, hypertension and established atherosclerotic
 * disease (coronary heart disease, ischaemic stroke, peripheral atherosclerosis).
 */
const DIABETES = { icd: /^E1[0-4]/, words: /糖尿病/, exclude: /前期|妊娠/ };
const HYPERTENSION = { icd: /^I1[0-5]/, words: /高血压/, exclude: /妊娠/ };
const ASCVD = { icd: /^(I2[0-5]|I63|I65|I66|I70)/, words: /冠心病|心肌梗|心梗|脑梗|缺血性脑卒中|动脉粥样硬化/, exclude: /$^/ };

type ConditionMatcher = typeof DIABETES;

function hasCondition(profile: ArchiveProfile, matcher: ConditionMatcher): { present: boolean; treated: boolean } {
  const entries = profile.pastHistory.filter(
    (h) =>
      (h.icd10 !== null && matcher.icd.test(h.icd10)) || (matcher.words.test(h.condition) && !matcher.exclude.test(h.condition)),
  );
  return { present: entries.length > 0, treated: entries.some((h) => h.underTreatment) };
}

export function archiveFacts(profile: ArchiveProfile | null): ArchiveFacts {
  if (profile === null) {
    return {
      known: false,
      smoker: null,
      familyHistoryAscvd: null,
      familyHistoryDiabetes: null,
      diabetes: null,
      hypertension: null,
      establishedAscvd: null,
      treatedDiabetes: null,
      treatedHypertension: null,
      onAntihypertensive: null,
      onGlucoseLowering: null,
      onLipidLowering: null,
      physicallyActive30min: null,
      vegetablesDaily: null,
      northChina: null,
      urban: null,
    };
  }
  const meds = profile.medications;
  const onAntihypertensive = meds.some((m) => m.antihypertensive);
  const onGlucoseLowering = meds.some((m) => m.glucoseLowering);
  const diabetes = hasCondition(profile, DIABETES);
  const hypertension = hasCondition(profile, HYPERTENSION);
  const diabetesRelatives = profile.familyHistory.filter((f) => f.diabetes);
  const lifestyle = profile.lifestyle;
  const minutes = lifestyle?.physicalActivityMinutesPerDay ?? null;
  return {
    known: true,
    smoker: lifestyle?.smoking ? lifestyle.smoking.status === 'current' : null,
    familyHistoryAscvd: profile.familyHistory.some((f) => f.prematureAscvd && PARENT_OR_SIBLING.includes(f.relation)),
    familyHistoryDiabetes: diabetesRelatives.some((f) => FIRST_DEGREE.includes(f.relation))
      ? 'first_degree'
      : diabetesRelatives.length > 0
        ? 'second_degree'
        : 'none',
    diabetes: diabetes.present || onGlucoseLowering,
    hypertension: hypertension.present || onAntihypertensive,
    establishedAscvd: hasCondition(profile, ASCVD).present,
    treatedDiabetes: (diabetes.present && diabetes.treated) || onGlucoseLowering,
    treatedHypertension: (hypertension.present && hypertension.treated) || onAntihypertensive,
    onAntihypertensive,
    onGlucoseLowering,
    onLipidLowering: meds.some((m) => m.lipidLowering),
    // FINDRISC asks "at least 30 minutes of physical activity every day": the question's own words.
    physicallyActive30min: minutes === null ? null : minutes >= 30,
    vegetablesDaily: lifestyle?.vegetablesFruitDaily ?? null,
    northChina: profile.residence?.northChina ?? null,
    urban: profile.residence?.urban ?? null,
  };
}

function indicatorFacts(observations: readonly ObservationFact[]): Record<string, IndicatorFact> {
  const byCode: Record<string, IndicatorFact> = {};
  for (const o of observations) {
    const current = byCode[o.code];
    if (!current) {
      byCode[o.code] = {
        value: o.value,
        comparator: o.comparator,
        abnormal: o.verdict,
        date: o.date,
        reportId: o.reportId,
        previous: null,
      };
    } else if (current.previous === null) {
      current.previous = { value: o.value, abnormal: o.verdict, date: o.date };
    }
  }
  return byCode;
}

/** An exact numeric value (no `<`/`>` qualifier), or null. */
export function exactNumber(fact: IndicatorFact | undefined): number | null {
  return fact && fact.comparator === null && typeof fact.value === 'number' ? fact.value : null;
}

function derivedFacts(ind: Record<string, IndicatorFact>): ClientFacts['derived'] {
  const height = exactNumber(ind.HEIGHT);
  const weight = exactNumber(ind.WEIGHT);
  const reportedBmi = exactNumber(ind.BMI);
  const tc = exactNumber(ind.TC);
  const hdl = exactNumber(ind.HDL_C);
  const sameDay = (a?: IndicatorFact, b?: IndicatorFact) => a !== undefined && b !== undefined && a.date === b.date;
  return {
    // Measured height and weight of one day beat a reported BMI: the spec classifies the computed value.
    bmi:
      height !== null && weight !== null && height > 0 && sameDay(ind.HEIGHT, ind.WEIGHT)
        ? guard(weight / (height / 100) ** 2)
        : reportedBmi,
    nonHdlMmol: tc !== null && hdl !== null && sameDay(ind.TC, ind.HDL_C) ? guard(tc - hdl) : exactNumber(ind.NON_HDL_C),
  };
}

/** The facts without risks and tags (those are computed from these facts and added after). */
export function buildClientFacts(sources: FactSources): ClientFacts {
  const ind = indicatorFacts(sources.observations);
  const latest = sources.observations.reduce<ObservationFact | null>(
    (best, o) => (o.reportId !== null && (best === null || o.date > best.date) ? o : best),
    null,
  );
  return {
    clientId: sources.client.id,
    age: ageAtExam(sources.client.birthDate, sources.today) ?? null,
    ageAtLatestExam: latest ? (ageAtExam(sources.client.birthDate, latest.date) ?? null) : null,
    sex: sources.client.gender,
    ind,
    derived: derivedFacts(ind),
    archive: archiveFacts(sources.profile),
    scores: sources.scores,
    risk: {},
    card: sources.cards,
    tags: [],
    latestReportId: latest?.reportId ?? null,
    latestExamDate: latest?.date ?? null,
  };
}
