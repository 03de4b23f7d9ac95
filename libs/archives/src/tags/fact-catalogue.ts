import { RISK_MODELS, type IndicatorDefinition } from '@health/clinical';
import type { FactFieldDto } from './dto/tag.dto';

const VERDICTS = ['normal', 'high', 'low', 'abnormal'];
const VERDICT_LABELS = ['正常', '偏高', '偏低', '异常'];

const ARCHIVE_FLAGS: [key: string, zh: string, en: string][] = [
  ['smoker', '目前吸烟', 'Current smoker'],
  ['diabetes', '糖尿病（病史或用药）', 'Diabetes (history or medication)'],
  ['hypertension', '高血压（病史或用药）', 'Hypertension (history or medication)'],
  ['establishedAscvd', '已患动脉粥样硬化性心血管病', 'Established ASCVD'],
  ['treatedDiabetes', '糖尿病治疗中', 'Treated diabetes'],
  ['treatedHypertension', '高血压治疗中', 'Treated hypertension'],
  ['onAntihypertensive', '服用降压药', 'On antihypertensives'],
  ['onGlucoseLowering', '服用降糖药', 'On glucose-lowering drugs'],
  ['onLipidLowering', '服用降脂药', 'On lipid-lowering drugs'],
  ['familyHistoryAscvd', '心脑血管病家族史', 'Family history of ASCVD'],
  ['physicallyActive30min', '每天活动至少30分钟', 'Active ≥ 30 min daily'],
  ['vegetablesDaily', '每天吃蔬菜水果', 'Vegetables or fruit daily'],
  ['northChina', '居住在长江以北', 'Lives north of the Yangtze'],
  ['urban', '城市居民', 'Urban resident'],
];

/**
 * What the tag rule builder offers: every fact path with its type, labels and possible values.
 * Indicators come from the organisation's dictionary (numeric ones by value, all by verdict);
 * those of `retiredCodes` are marked `retired`: rules written before still read them (and need
 * their labels), but the builder does not offer them for new conditions.
 */
export function factCatalogue(
  indicators: readonly IndicatorDefinition[],
  tagNames: string[],
  cardTypes: string[],
  retiredCodes: ReadonlySet<string> = new Set(),
): FactFieldDto[] {
  const fields: FactFieldDto[] = [
    { path: 'age', type: 'number', label: '年龄', labelEn: 'Age', group: '基本信息', unit: '岁' },
    {
      path: 'sex',
      type: 'string',
      label: '性别',
      labelEn: 'Sex',
      group: '基本信息',
      values: ['male', 'female'],
      valueLabels: ['男', '女'],
    },
    { path: 'tags', type: 'list', label: '已有标签', labelEn: 'Current tags', group: '基本信息', values: tagNames },
    { path: 'card.types', type: 'list', label: '持有卡类型', labelEn: 'Card types held', group: '基本信息', values: cardTypes },
    { path: 'card.active', type: 'boolean', label: '有有效会员卡', labelEn: 'Has an active card', group: '基本信息' },
    {
      path: 'derived.bmi',
      type: 'number',
      label: 'BMI（按身高体重计算）',
      labelEn: 'BMI (from height and weight)',
      group: '计算值',
      unit: 'kg/m²',
    },
    {
      path: 'derived.nonHdlMmol',
      type: 'number',
      label: '非HDL胆固醇（TC − HDL-C）',
      labelEn: 'Non-HDL-C (TC − HDL-C)',
      group: '计算值',
      unit: 'mmol/L',
    },
  ];
  for (const [key, zh, en] of ARCHIVE_FLAGS)
    fields.push({ path: `archive.${key}`, type: 'boolean', label: zh, labelEn: en, group: '健康档案' });
  fields.push({
    path: 'archive.familyHistoryDiabetes',
    type: 'string',
    label: '糖尿病家族史',
    labelEn: 'Family history of diabetes',
    group: '健康档案',
    values: ['none', 'second_degree', 'first_degree'],
    valueLabels: ['无', '仅二级亲属', '一级亲属'],
  });
  for (const model of RISK_MODELS) {
    const categories = model.categories ?? [];
    fields.push({
      path: `risk.${model.model}.category`,
      type: 'string',
      label: `${model.title.zh} 分类`,
      labelEn: `${model.title.en} category`,
      group: '风险评估',
      values: categories.map((c) => c.code),
      valueLabels: categories.map((c) => c.label.zh),
    });
    fields.push({
      path: `risk.${model.model}.findings`,
      type: 'list',
      label: `${model.title.zh} 细项结论`,
      labelEn: `${model.title.en} findings`,
      group: '风险评估',
    });
    if (model.resultKind !== 'category')
      fields.push({
        path: `risk.${model.model}.value`,
        type: 'number',
        label: `${model.title.zh} 数值`,
        labelEn: `${model.title.en} value`,
        group: '风险评估',
        unit: model.resultKind === 'percent' ? '%' : '分',
      });
  }
  for (const [score, zh] of [
    ['phq9', 'PHQ-9 总分'],
    ['gad7', 'GAD-7 总分'],
  ])
    fields.push({
      path: `scores.${score}`,
      type: 'number',
      label: zh,
      labelEn: `${score.toUpperCase()} total`,
      group: '问卷评分',
      unit: '分',
    });
  for (const indicator of indicators) {
    const retired = retiredCodes.has(indicator.code) ? { retired: true } : {};
    if (indicator.valueType === 'numeric')
      fields.push({
        path: `ind.${indicator.code}.value`,
        type: 'number',
        label: `${indicator.nameZh} 最新值`,
        labelEn: `${indicator.nameEn} latest value`,
        group: '检查指标',
        unit: indicator.unit,
        ...retired,
      });
    fields.push({
      path: `ind.${indicator.code}.abnormal`,
      type: 'string',
      label: `${indicator.nameZh} 最新判定`,
      labelEn: `${indicator.nameEn} latest verdict`,
      group: '检查指标',
      values: VERDICTS,
      valueLabels: VERDICT_LABELS,
      ...retired,
    });
  }
  return fields;
}
