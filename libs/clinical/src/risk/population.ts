import type { InputReader } from './inputs';
import type { InputName } from './risk-model';

/** §1.2 population checks shared by the rules: age band, established disease, pregnancy. */

export const ADULT_AGE = 18;

/**
 * Reads the age (completed years) and refuses with `NOT_APPLICABLE` outside [min, max]. Ages that
 * cannot be real (beyond the reader's own limits) stay `OUT_OF_RANGE`.
 */
export function readAgeInPopulation(reader: InputReader, min: number, max?: number): number | undefined {
  const age = reader.age();
  if (age === undefined) return undefined;
  if (age < min || (max !== undefined && age > max)) {
    const range = max === undefined ? `≥ ${min}` : `[${min}, ${max}]`;
    reader.notApplicable('age', {
      zh: `本规则适用于 ${range} 岁人群，年龄 ${age} 岁不适用`,
      en: `this rule applies to ages ${range}; it does not apply at age ${age}`,
    });
    return undefined;
  }
  return age;
}

/** §6 and the adult-only scores: age is required and must be ≥ 18. */
export function readAdultAge(reader: InputReader): number | undefined {
  return readAgeInPopulation(reader, ADULT_AGE);
}

const EXCLUSIONS = {
  establishedAscvd: { zh: '已患动脉粥样硬化性心血管病者不适用本模型', en: 'not applicable to people with established ASCVD' },
  pregnant: { zh: '妊娠期不适用本规则', en: 'not applicable in pregnancy' },
  diabetes: { zh: '已确诊糖尿病者不适用本规则', en: 'not applicable to people with diagnosed diabetes' },
} as const;

/** An optional yes/no that, when true, puts the person outside the rule's population. */
export function excludeWhenTrue(reader: InputReader, name: keyof typeof EXCLUSIONS & InputName): void {
  if (reader.boolean(name, { optional: true }) === true) reader.notApplicable(name, EXCLUSIONS[name]);
}

/** Once the person is outside the population, other input problems would only mislead. */
export function isNotApplicable(reader: InputReader): boolean {
  return reader.refusals.some((r) => r.code === 'NOT_APPLICABLE');
}
