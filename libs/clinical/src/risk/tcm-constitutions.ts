import { guard } from './numbers';
import type { BilingualText } from './risk-model';

/**
 * The nine 中医体质 types and their judgements, shared by the 60-item standard (§7.3) and the
 * 33-item elderly form (§7.4). Their scores differ and cannot be compared; what a result
 * concludes from the per-type judgements is the same.
 */

export type TcmTypeName = '平和质' | '气虚质' | '阳虚质' | '阴虚质' | '痰湿质' | '湿热质' | '血瘀质' | '气郁质' | '特禀质';
export type TcmTypeCode = 'pinghe' | 'qixu' | 'yangxu' | 'yinxu' | 'tanshi' | 'shire' | 'xueyu' | 'qiyu' | 'tebing';

export interface TcmType {
  name: TcmTypeName;
  /** Machine code (pinyin), the result's `category`. */
  code: TcmTypeCode;
  label: BilingualText;
}

/** In the order of the §7.3 table; 平和质 is the balanced type, the other eight are 偏颇体质. */
export const TCM_TYPES: readonly TcmType[] = [
  { name: '平和质', code: 'pinghe', label: { zh: '平和质', en: 'balanced constitution' } },
  { name: '气虚质', code: 'qixu', label: { zh: '气虚质', en: 'qi-deficiency constitution' } },
  { name: '阳虚质', code: 'yangxu', label: { zh: '阳虚质', en: 'yang-deficiency constitution' } },
  { name: '阴虚质', code: 'yinxu', label: { zh: '阴虚质', en: 'yin-deficiency constitution' } },
  { name: '痰湿质', code: 'tanshi', label: { zh: '痰湿质', en: 'phlegm-dampness constitution' } },
  { name: '湿热质', code: 'shire', label: { zh: '湿热质', en: 'damp-heat constitution' } },
  { name: '血瘀质', code: 'xueyu', label: { zh: '血瘀质', en: 'blood-stasis constitution' } },
  { name: '气郁质', code: 'qiyu', label: { zh: '气郁质', en: 'qi-stagnation constitution' } },
  { name: '特禀质', code: 'tebing', label: { zh: '特禀质', en: 'special-diathesis constitution' } },
];

export const BALANCED: TcmTypeName = '平和质';

export type TcmJudgement = 'yes' | 'basically_yes' | 'tendency' | 'no';

export const JUDGEMENT_LABELS: Readonly<Record<TcmJudgement, BilingualText>> = {
  yes: { zh: '是', en: 'yes' },
  basically_yes: { zh: '基本是', en: 'basically yes' },
  tendency: { zh: '倾向是', en: 'tendency' },
  no: { zh: '否', en: 'no' },
};

/** One type's judgement, with the score the types are ordered by. */
export interface JudgedType {
  type: TcmType;
  score: number;
  judgement: TcmJudgement;
}

export interface ConstitutionSummary {
  /** Codes of the 偏颇体质 judged 是 or 倾向是, highest score first (ties keep the table order). */
  biasedTypes: TcmTypeCode[];
  /**
   * The constitution the result is guided by: 平和质 when judged 是 or 基本是, otherwise the
   * qualifying 偏颇体质 with the highest score; null when none qualifies or the top is tied.
   */
  primary: TcmType | null;
  /** The qualifying 偏颇体质 sharing the highest score when 平和质 does not lead; empty without a tie. */
  tiedAtTop: TcmTypeCode[];
  /** The result as the standards word it: 基本是平和质，有痰湿质倾向. */
  conclusion: BilingualText;
}

/** What a set of per-type judgements (in table order) concludes. */
export function summariseConstitution(judged: readonly JudgedType[]): ConstitutionSummary {
  const balanced = judged.find((j) => j.type.name === BALANCED);
  const balancedQualifies = balanced !== undefined && balanced.judgement !== 'no';
  // Scores are compared guarded (§1.1) so equal 转化分 from different n are equal; the sort is
  // stable, so equal scores keep the table order.
  const biased = judged
    .filter((j) => j.type.name !== BALANCED && (j.judgement === 'yes' || j.judgement === 'tendency'))
    .sort((a, b) => guard(b.score) - guard(a.score));
  const topScore = biased.length > 0 ? guard(biased[0].score) : undefined;
  const top = biased.filter((j) => guard(j.score) === topScore);
  const tied = !balancedQualifies && top.length > 1;
  const tiedAtTop = tied ? top.map((j) => j.type.code) : [];
  let primary: TcmType | null = null;
  if (balancedQualifies) primary = balanced.type;
  else if (biased.length > 0 && !tied) primary = biased[0].type;

  const parts = [...(balancedQualifies ? [balanced] : []), ...biased].map(conclusionPart);
  const conclusion =
    parts.length > 0
      ? { zh: parts.map((p) => p.zh).join('，'), en: parts.map((p) => p.en).join('; ') }
      : { zh: '未达到任何体质的判定标准', en: 'no constitution type meets its criteria' };
  return { biasedTypes: biased.map((j) => j.type.code), primary, tiedAtTop, conclusion };
}

function conclusionPart(j: JudgedType): BilingualText {
  switch (j.judgement) {
    case 'basically_yes':
      return { zh: `基本是${j.type.label.zh}`, en: `basically ${j.type.label.en}` };
    case 'tendency':
      return { zh: `有${j.type.label.zh}倾向`, en: `tendency to ${j.type.label.en}` };
    default:
      return { zh: `是${j.type.label.zh}`, en: j.type.label.en };
  }
}
