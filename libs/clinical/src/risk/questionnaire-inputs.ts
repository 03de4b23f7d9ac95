import type { InputReader } from './inputs';
import { bandIndex } from './numbers';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, Evaluation, ModelInputs } from './risk-model';

/** How one list of answers is addressed and scored. */
export interface AnswerListSpec {
  /** Field path of the list in refusals (`answers`, `answers.气虚质`); items become `answers[0]`. */
  field: string;
  /** What the list is called in messages (`答案`, `气虚质`). */
  label: BilingualText;
  count: number;
  /** The item scale, closed. */
  min: number;
  max: number;
  /** The wording of item `index` (0-based), quoted in messages so the person knows which question. */
  itemText?: (index: number) => string;
}

/**
 * Reads a fixed-length list of integer answers (§7: all items answered, never prorated). Every bad
 * item is refused on its own field (`answers[3]`, 0-based like the JSON array) so one reply lists
 * every problem; messages number items from 1 as printed on the form. Answer values are never
 * quoted: refusals can end up in logs and mental-health answers are personal data.
 *
 * Returns the list with `undefined` for each refused item (PHQ-9 still needs item 9 on an incomplete
 * form), or `undefined` when the list itself is absent or not a list.
 */
export function readAnswerList(reader: InputReader, raw: unknown, spec: AnswerListSpec): (number | undefined)[] | undefined {
  if (raw === undefined || raw === null) {
    reader.refuse('MISSING_INPUT', spec.field, { zh: `缺少${spec.label.zh}`, en: `${spec.label.en} are required` });
    return undefined;
  }
  if (!Array.isArray(raw)) {
    reader.refuse('OUT_OF_RANGE', spec.field, {
      zh: `${spec.label.zh}必须是包含 ${spec.count} 个答案的数组`,
      en: `${spec.label.en} must be a list of ${spec.count} answers`,
    });
    return undefined;
  }
  if (raw.length > spec.count) {
    reader.refuse('OUT_OF_RANGE', spec.field, {
      zh: `${spec.label.zh}应恰好有 ${spec.count} 个答案，收到 ${raw.length} 个`,
      en: `${spec.label.en} must contain exactly ${spec.count} answers, got ${raw.length}`,
    });
  }
  const answers: (number | undefined)[] = [];
  for (let index = 0; index < spec.count; index++) {
    answers.push(readAnswer(reader, raw[index], index, spec));
  }
  return answers;
}

function readAnswer(reader: InputReader, value: unknown, index: number, spec: AnswerListSpec): number | undefined {
  const field = `${spec.field}[${index}]`;
  const itemZh = `${spec.label.zh}第${index + 1}题${spec.itemText ? `（${spec.itemText(index)}）` : ''}`;
  const itemEn = `${spec.label.en} item ${index + 1}${spec.itemText ? ` (${spec.itemText(index)})` : ''}`;
  if (value === undefined || value === null) {
    reader.refuse('MISSING_INPUT', field, { zh: `${itemZh}未作答`, en: `${itemEn} is not answered` });
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
    reader.refuse('OUT_OF_RANGE', field, {
      zh: `${itemZh}的答案必须是 ${spec.min}–${spec.max} 的整数`,
      en: `${itemEn} must be an integer from ${spec.min} to ${spec.max}`,
    });
    return undefined;
  }
  return value;
}

/** Narrows a list read by `readAnswerList` once the reader has no refusals. */
export function completeAnswers(answers: readonly (number | undefined)[] | undefined): number[] | undefined {
  if (!answers || answers.some((a) => a === undefined)) return undefined;
  return answers as number[];
}

/**
 * §7 "Adults only" for questionnaires that do not require age: when age is given it must be a
 * valid age of at least 18, otherwise `NOT_APPLICABLE`. Without age the scale is scored (the
 * calculator cannot know, and the questionnaire module assigns adult scales to adults).
 */
export function checkAdultIfAgeGiven(reader: InputReader, inputs: ModelInputs): void {
  if (inputs.age === undefined || inputs.age === null) return;
  const age = reader.age();
  if (age !== undefined && age < 18) {
    reader.notApplicable('age', { zh: '本量表仅适用于18岁及以上成人', en: 'this scale is for adults aged 18 or over' });
  }
}

export const ANSWERS_LABEL: BilingualText = { zh: '答案', en: 'answers' };

/**
 * The result of a scale scored by its total (PHQ-9, GAD-7): the total in points, the band it falls
 * in (bands split at `cuts`, lower edge included), and the scale's own findings.
 */
export function totalScoreResult(
  scale: { model: string; ruleId: string; bands: readonly { code: string; label: BilingualText }[]; cuts: readonly number[] },
  answers: number[],
  used: Record<string, unknown>,
  details: (total: number) => Record<string, unknown>,
): Evaluation {
  used.answers = answers;
  const total = answers.reduce((sum, a) => sum + a, 0);
  const band = scale.bands[bandIndex(total, scale.cuts)];
  return {
    status: 'ok',
    result: {
      model: scale.model,
      ruleId: scale.ruleId,
      version: RISK_SPEC_REVISION,
      value: total,
      unit: '分',
      display: `${total} 分`,
      category: band.code,
      categoryLabel: band.label,
      details: details(total),
      inputsUsed: used,
      warnings: [],
    },
  };
}
