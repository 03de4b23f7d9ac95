import type { Condition } from './tag-condition';

export interface SeedTag {
  seedKey: string;
  name: string;
  nameEn: string;
  colour: string;
  category: string;
  description: string;
  condition: Condition;
}

const v = (path: string) => ({ var: path });
const categoryIn = (model: string, codes: string[]): Condition => ({ in: [v(`risk.${model}.category`), codes] });
const categoryIs = (model: string, code: string): Condition => ({ '==': [v(`risk.${model}.category`), code] });
const finding = (model: string, code: string): Condition => ({ in: [code, v(`risk.${model}.findings`)] });
const flag = (path: string): Condition => ({ '==': [v(path), true] });

const RED = '#f56c6c';
const ORANGE = '#e6a23c';
const PURPLE = '#9b59b6';
const GREY = '#909399';

/**
 * The tag rules every organisation starts with, built on the categories of
 * `shared/clinical/risk-models.md` (the models compute them; the rules only name them), so the
 * thresholds live in one place. A single reading names a finding, not a diagnosis: the
 * descriptions say so. Organisations may edit or deactivate them; re-seeding never overwrites.
 */
export const SEED_TAGS: readonly SeedTag[] = [
  {
    seedKey: 'hypertension',
    name: '高血压',
    nameEn: 'Hypertension',
    colour: RED,
    category: '血压',
    description: '最近一次血压达到1–3级高血压（≥140/90 mmHg，§6.2），或档案记录高血压病史/服用降压药。单次读数需非同日复测确认。',
    condition: { or: [categoryIn('bp-grade', ['grade_1', 'grade_2', 'grade_3']), flag('archive.hypertension')] },
  },
  {
    seedKey: 'high-normal-bp',
    name: '正常高值血压',
    nameEn: 'High-normal blood pressure',
    colour: ORANGE,
    category: '血压',
    description: '最近一次血压为正常高值（120–139/80–89 mmHg），且无高血压病史。',
    condition: { and: [categoryIs('bp-grade', 'high_normal'), { '!': flag('archive.hypertension') }] },
  },
  {
    seedKey: 'diabetes',
    name: '糖尿病',
    nameEn: 'Diabetes',
    colour: RED,
    category: '血糖',
    description: '血糖检测达到糖尿病范围（§6.3，无典型症状时需另日复查确认），或档案记录糖尿病/服用降糖药。',
    condition: { or: [categoryIs('glucose-class', 'diabetes_range'), flag('archive.diabetes')] },
  },
  {
    seedKey: 'ifg',
    name: '空腹血糖受损',
    nameEn: 'Impaired fasting glucose',
    colour: ORANGE,
    category: '血糖',
    description: '空腹血糖 6.1–6.9 mmol/L（§6.3）。',
    condition: categoryIn('glucose-class', ['ifg', 'ifg_igt']),
  },
  {
    seedKey: 'igt',
    name: '糖耐量减低',
    nameEn: 'Impaired glucose tolerance',
    colour: ORANGE,
    category: '血糖',
    description: 'OGTT 2小时血糖 7.8–11.0 mmol/L（§6.3）。',
    condition: categoryIn('glucose-class', ['igt', 'ifg_igt']),
  },
  {
    seedKey: 'hypercholesterolaemia',
    name: '高胆固醇血症',
    nameEn: 'Hypercholesterolaemia',
    colour: ORANGE,
    category: '血脂',
    description: '总胆固醇升高（≥6.2 mmol/L）而甘油三酯未升高（§6.4 临床分型）。',
    condition: finding('lipid-class', 'hypercholesterolaemia'),
  },
  {
    seedKey: 'hypertriglyceridaemia',
    name: '高甘油三酯血症',
    nameEn: 'Hypertriglyceridaemia',
    colour: ORANGE,
    category: '血脂',
    description: '甘油三酯升高（≥2.3 mmol/L）而总胆固醇未升高（§6.4 临床分型）。',
    condition: finding('lipid-class', 'hypertriglyceridaemia'),
  },
  {
    seedKey: 'mixed-hyperlipidaemia',
    name: '混合型高脂血症',
    nameEn: 'Mixed hyperlipidaemia',
    colour: RED,
    category: '血脂',
    description: '总胆固醇与甘油三酯均升高（§6.4 临床分型）。',
    condition: finding('lipid-class', 'mixed_hyperlipidaemia'),
  },
  {
    seedKey: 'low-hdl',
    name: '低HDL-C血症',
    nameEn: 'Low HDL-C',
    colour: ORANGE,
    category: '血脂',
    description: '高密度脂蛋白胆固醇 < 1.0 mmol/L（§6.4）。',
    condition: finding('lipid-class', 'low_hdl'),
  },
  {
    seedKey: 'overweight',
    name: '超重',
    nameEn: 'Overweight',
    colour: ORANGE,
    category: '体重',
    description: 'BMI 24.0–27.9 kg/m²（WS/T 428-2013，§6.1）。',
    condition: categoryIs('bmi-class', 'overweight'),
  },
  {
    seedKey: 'obese',
    name: '肥胖',
    nameEn: 'Obesity',
    colour: RED,
    category: '体重',
    description: 'BMI ≥ 28.0 kg/m²（§6.1）。',
    condition: categoryIs('bmi-class', 'obese'),
  },
  {
    seedKey: 'central-obesity',
    name: '中心型肥胖',
    nameEn: 'Central obesity',
    colour: ORANGE,
    category: '体重',
    description: '腰围 男 ≥ 90 cm，女 ≥ 85 cm（§6.1）。',
    condition: finding('bmi-class', 'waist:central_obesity'),
  },
  {
    seedKey: 'hyperuricaemia',
    name: '高尿酸血症',
    nameEn: 'Hyperuricaemia',
    colour: ORANGE,
    category: '代谢',
    description: '血尿酸高于阈值（> 420 µmol/L，§6.5）；确诊需非同日两次空腹检测。',
    condition: categoryIs('uric-acid', 'above_threshold'),
  },
  {
    seedKey: 'metabolic-syndrome',
    name: '代谢综合征',
    nameEn: 'Metabolic syndrome',
    colour: RED,
    category: '代谢',
    description: '符合中华医学会糖尿病学分会代谢综合征5项中至少3项（§6.6）。',
    condition: categoryIs('metabolic-syndrome', 'yes'),
  },
  {
    seedKey: 'smoker',
    name: '吸烟',
    nameEn: 'Smoker',
    colour: GREY,
    category: '生活方式',
    description: '健康档案记录目前吸烟。',
    condition: flag('archive.smoker'),
  },
  {
    seedKey: 'ascvd-medium',
    name: 'ASCVD中危',
    nameEn: 'ASCVD medium risk',
    colour: ORANGE,
    category: '心血管风险',
    description: 'China-PAR 10年ASCVD风险 5.0%–9.9%（§2.3）。',
    condition: categoryIs('china-par', 'medium'),
  },
  {
    seedKey: 'ascvd-high',
    name: 'ASCVD高危',
    nameEn: 'ASCVD high risk',
    colour: RED,
    category: '心血管风险',
    description: 'China-PAR 10年ASCVD风险 ≥ 10.0%（§2.3）。',
    condition: categoryIs('china-par', 'high'),
  },
  {
    seedKey: 'diabetes-high-risk',
    name: '糖尿病高风险',
    nameEn: 'High diabetes risk',
    colour: ORANGE,
    category: '血糖',
    description: '中国糖尿病风险评分 ≥ 25 分（§3），建议行OGTT。',
    condition: categoryIs('cdrs', 'high'),
  },
  {
    seedKey: 'depression-tendency',
    name: '抑郁倾向',
    nameEn: 'Depressive symptoms',
    colour: PURPLE,
    category: '心理',
    description: 'PHQ-9 总分 ≥ 10（§7.1 阳性筛查），需专业人员评估。',
    condition: { '>=': [v('scores.phq9'), 10] },
  },
  {
    seedKey: 'anxiety-tendency',
    name: '焦虑倾向',
    nameEn: 'Anxiety symptoms',
    colour: PURPLE,
    category: '心理',
    description: 'GAD-7 总分 ≥ 10（§7.2 阳性筛查），需专业人员评估。',
    condition: { '>=': [v('scores.gad7'), 10] },
  },
];
