import { INPUT_LABELS, PLAUSIBLE } from './inputs';
import type { BilingualText, InputName, InputSpec } from './risk-model';

/**
 * Builders for the `inputs` list each model publishes, so the labels, units and ranges shown to a
 * caller are the very ones the InputReader enforces.
 */

interface SpecOptions {
  required?: boolean;
  note?: BilingualText;
}

function labelOf(name: InputName): BilingualText {
  const { zh, en } = INPUT_LABELS[name];
  return { zh, en };
}

function withNote(spec: InputSpec, note?: BilingualText): InputSpec {
  return note ? { ...spec, note } : spec;
}

/** A number accepted within `range`, by default the §1.4 plausibility limits of the input. */
export function numberInput(name: InputName, options: SpecOptions & { range?: readonly [number, number] } = {}): InputSpec {
  const range = options.range ?? PLAUSIBLE[name];
  const unit = INPUT_LABELS[name].unit;
  const spec: InputSpec = {
    name,
    kind: 'number',
    required: options.required ?? true,
    ...(unit ? { unit } : {}),
    ...(range ? { min: range[0], max: range[1] } : {}),
    label: labelOf(name),
  };
  return withNote(spec, options.note);
}

export function booleanInput(name: InputName, options: SpecOptions = {}): InputSpec {
  return withNote({ name, kind: 'boolean', required: options.required ?? true, label: labelOf(name) }, options.note);
}

export function enumInput(name: InputName, values: readonly string[], options: SpecOptions = {}): InputSpec {
  return withNote({ name, kind: 'enum', required: options.required ?? true, values, label: labelOf(name) }, options.note);
}

export const SEX_INPUT = enumInput('sex', ['male', 'female']);

export const FAMILY_HISTORY_DEGREES = ['none', 'second_degree', 'first_degree'] as const;

/** Age in completed years; outside [min, max] the person is outside the rule's population. */
export function ageInput(min: number, max?: number): InputSpec {
  const range = max === undefined ? `≥ ${min}` : `[${min}, ${max}]`;
  return numberInput('age', {
    range: [min, max ?? 130],
    note: {
      zh: `周岁；${range} 岁以外不适用（NOT_APPLICABLE）`,
      en: `completed years; outside ${range} the rule does not apply (NOT_APPLICABLE)`,
    },
  });
}

/** The BMI inputs of every rule that needs BMI: either `bmi` or both height and weight (see body-mass.ts). */
export const BODY_MASS_INPUTS: readonly InputSpec[] = [
  numberInput('bmi', {
    required: false,
    note: {
      zh: '或提供身高和体重；两者都提供时按身高体重计算',
      en: 'or give height and weight; when both are given, they are used',
    },
  }),
  numberInput('heightCm', { required: false, note: { zh: '与体重一起代替体重指数', en: 'with weight, instead of BMI' } }),
  numberInput('weightKg', { required: false, note: { zh: '与身高一起代替体重指数', en: 'with height, instead of BMI' } }),
];
