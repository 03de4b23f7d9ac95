import { InputReader } from './inputs';
import { formatHalfUp, guard } from './numbers';
import { checkAdultIfAgeGiven, completeAnswers, readAnswerList } from './questionnaire-inputs';
import type { Evaluation, ModelInputs, RiskModel, Sex } from './risk-model';
import { RISK_SPEC_REVISION } from './revision';
import { TCM60_ITEMS, tcm60ItemCount, tcm60ItemsFor } from './tcm-60-items';
import {
  BALANCED,
  JUDGEMENT_LABELS,
  TCM_TYPES,
  summariseConstitution,
  type JudgedType,
  type TcmJudgement,
  type TcmTypeName,
} from './tcm-constitutions';

/** §7.3 中医体质分类与判定 ZYYXH/T157-2009: 转化分 per type, judged on the unrounded value. */

const TYPE_NAMES = TCM_TYPES.map((t) => t.name);

/** 转化分 = (原始分 − n) / (n × 4) × 100, where reverse-scored items contribute 6 − answer. */
export function tcm60TransformedScore(type: TcmTypeName, answers: readonly number[], sex: Sex): number {
  const items = tcm60ItemsFor(type, sex);
  const raw = answers.reduce((sum, answer, i) => sum + (items[i].reverse ? 6 - answer : answer), 0);
  return ((raw - items.length) / (items.length * 4)) * 100;
}

/**
 * The §7.3 judgement table on 转化分 per type (unrounded; compared after the §1.1 guard). Exported
 * so the standard's published examples, given as scores, can be checked directly.
 */
export function judgeTcm60(scores: Readonly<Record<TcmTypeName, number>>): JudgedType[] {
  const others = TYPE_NAMES.filter((name) => name !== BALANCED).map((name) => guard(scores[name]));
  return TCM_TYPES.map((type) => {
    const score = guard(scores[type.name]);
    let judgement: TcmJudgement;
    if (type.name === BALANCED) {
      if (score >= 60 && others.every((s) => s < 30)) judgement = 'yes';
      else if (score >= 60 && others.every((s) => s < 40)) judgement = 'basically_yes';
      else judgement = 'no';
    } else {
      judgement = score >= 40 ? 'yes' : score >= 30 ? 'tendency' : 'no';
    }
    return { type, score: scores[type.name], judgement };
  });
}

function evaluateTcm60(inputs: ModelInputs): Evaluation {
  const reader = new InputReader(inputs);
  const sex = reader.sex();
  checkAdultIfAgeGiven(reader, inputs);
  const answers = readTypedAnswers(reader, inputs.answers, sex);
  if (!reader.ok || !answers || !sex) return reader.refused();

  reader.used.answers = answers;
  const scores = Object.fromEntries(TYPE_NAMES.map((name) => [name, tcm60TransformedScore(name, answers[name], sex)])) as Record<
    TcmTypeName,
    number
  >;
  const judged = judgeTcm60(scores);
  const summary = summariseConstitution(judged);
  return {
    status: 'ok',
    result: {
      model: 'tcm-60',
      ruleId: 'tcm-60',
      version: RISK_SPEC_REVISION,
      value: null,
      unit: null,
      display: null,
      category: summary.primary?.code ?? null,
      categoryLabel: summary.primary?.label ?? null,
      details: {
        types: judged.map((j) => ({
          type: j.type.name,
          code: j.type.code,
          transformedScore: j.score,
          display: formatHalfUp(j.score, 2),
          judgement: j.judgement,
          judgementLabel: JUDGEMENT_LABELS[j.judgement],
        })),
        biasedTypes: summary.biasedTypes,
        tiedAtTop: summary.tiedAtTop,
        conclusion: summary.conclusion,
      },
      inputsUsed: reader.used,
      warnings: [],
    },
  };
}

/**
 * Reads `answers` keyed by type name. Each list is checked on its own (`answers.气虚质[2]`), then
 * every shared item against its first appearance: the questionnaire asks it once, so two different
 * answers mean the object was built wrongly and neither can be trusted.
 */
function readTypedAnswers(reader: InputReader, raw: unknown, sex: Sex | undefined): Record<TcmTypeName, number[]> | undefined {
  if (raw === undefined || raw === null) {
    reader.refuse('MISSING_INPUT', 'answers', { zh: '缺少答案', en: 'answers are required' });
    return undefined;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    reader.refuse('OUT_OF_RANGE', 'answers', {
      zh: '答案必须是以体质类型名称为键的对象',
      en: 'answers must be an object keyed by constitution type name',
    });
    return undefined;
  }
  const byType = raw as Record<string, unknown>;
  for (const key of Object.keys(byType)) {
    if (!(TYPE_NAMES as string[]).includes(key)) {
      reader.refuse('OUT_OF_RANGE', `answers.${key}`, {
        zh: `未知的体质类型“${key}”，应为 ${TYPE_NAMES.join('、')}`,
        en: `unknown constitution type "${key}"; expected one of ${TYPE_NAMES.join(', ')}`,
      });
    }
  }
  const lists = new Map<TcmTypeName, (number | undefined)[] | undefined>();
  for (const type of TYPE_NAMES) {
    lists.set(
      type,
      readAnswerList(reader, byType[type], {
        field: `answers.${type}`,
        label: { zh: type, en: `${type} answers` },
        count: tcm60ItemCount(type),
        min: 1,
        max: 5,
        itemText: (index) => itemText(type, index, sex),
      }),
    );
  }
  checkSharedItems(reader, lists, sex);

  const complete: Partial<Record<TcmTypeName, number[]>> = {};
  for (const type of TYPE_NAMES) {
    const list = completeAnswers(lists.get(type));
    if (!list) return undefined;
    complete[type] = list;
  }
  return complete as Record<TcmTypeName, number[]>;
}

function checkSharedItems(
  reader: InputReader,
  lists: Map<TcmTypeName, (number | undefined)[] | undefined>,
  sex: Sex | undefined,
): void {
  for (const type of TYPE_NAMES) {
    TCM60_ITEMS[type].forEach((item, index) => {
      if (!item.sameAs) return;
      const here = lists.get(type)?.[index];
      const first = lists.get(item.sameAs.type)?.[item.sameAs.index];
      if (here === undefined || first === undefined || here === first) return;
      const { type: firstType, index: firstIndex } = item.sameAs;
      reader.refuse('OUT_OF_RANGE', `answers.${firstType}[${firstIndex}]`, {
        zh: `${firstType}第${firstIndex + 1}题（${itemText(firstType, firstIndex, sex)}）与${type}第${index + 1}题是同一问题，答案必须相同`,
        en: `${firstType} item ${firstIndex + 1} (${itemText(firstType, firstIndex, sex)}) is the same question as ${type} item ${index + 1} and must have the same answer`,
      });
    });
  }
}

/** The wording of answer `index` of `type`; 湿热质's last answer names both variants until sex is known. */
function itemText(type: TcmTypeName, index: number, sex: Sex | undefined): string {
  if (sex) return tcm60ItemsFor(type, sex)[index].text;
  const items = TCM60_ITEMS[type];
  return items[index].sex
    ? items
        .filter((item) => item.sex !== undefined)
        .map((item) => item.text)
        .join('/')
    : items[index].text;
}

export const TCM_60: RiskModel = {
  model: 'tcm-60',
  ruleId: 'tcm-60',
  version: RISK_SPEC_REVISION,
  title: { zh: '中医体质分类与判定（60题）', en: 'TCM constitution classification (60 items)' },
  resultKind: 'category',
  categories: TCM_TYPES.map(({ code, label }) => ({ code, label })),
  inputs: [
    {
      name: 'answers',
      kind: 'answers',
      required: true,
      answers: { min: 1, max: 5, groups: TYPE_NAMES.map((name) => ({ name, items: tcm60ItemCount(name) })) },
      label: { zh: '答案', en: 'answers' },
      note: {
        zh: '按体质类型分组，各组按标准条目顺序填写原始答案 1–5（反向计分由系统处理）；共用条目在各组中答案须相同；湿热质第6题按性别作答',
        en: 'Grouped by type, each in the standard item order, raw answers 1–5 (reversal is applied here); a shared item must carry the same answer in every group; 湿热质 item 6 is the one for the person’s sex',
      },
    },
    { name: 'sex', kind: 'enum', required: true, values: ['male', 'female'], label: { zh: '性别', en: 'sex' } },
    {
      name: 'age',
      kind: 'number',
      required: false,
      unit: '岁',
      min: 18,
      max: 130,
      label: { zh: '年龄', en: 'age' },
      note: { zh: '仅适用于成人；填写时须满18岁', en: 'Adults only: when given, it must be 18 or over' },
    },
  ],
  evaluate: evaluateTcm60,
};
