import type { AdviceCategory } from './advice-category';

/**
 * The starter advice library every organisation gets (seeded once per `seedKey`; staff may edit,
 * deactivate or delete a seeded template and it is never re-seeded over their change). Wording is
 * general public-health lifestyle advice, never a diagnosis or a drug; 就医建议 says to see a doctor.
 * Conditions read the names of the seeded tag rules, so advice follows the tags.
 */
export interface AdviceSeed {
  seedKey: string;
  category: AdviceCategory;
  priority: number;
  condition: Record<string, unknown>;
  textZh: string;
  textEn: string;
}

/** Holds when the client has any of these tags. */
function anyTag(...names: string[]): Record<string, unknown> {
  const tests = names.map((name) => ({ in: [name, { var: 'tags' }] }));
  return tests.length === 1 ? tests[0] : { or: tests };
}

/** Every adult: the always-true condition the validator accepts (a bare `true` is not an operation). */
const ADULT = { '>=': [{ var: 'age' }, 18] };

const BLOOD_PRESSURE = ['高血压', '正常高值血压'];
const GLUCOSE = ['糖尿病', '空腹血糖受损', '糖耐量减低', '糖尿病高风险'];
const PREDIABETES = ['空腹血糖受损', '糖耐量减低', '糖尿病高风险'];
const LIPIDS = ['高胆固醇血症', '高甘油三酯血症', '混合型高脂血症', '低HDL-C血症'];
const WEIGHT = ['超重', '肥胖', '中心型肥胖'];
const MOOD = ['抑郁倾向', '焦虑倾向'];

export const ADVICE_SEEDS: readonly AdviceSeed[] = [
  {
    seedKey: 'general.balanced-diet',
    category: 'diet',
    priority: 10,
    condition: ADULT,
    textZh: '饮食多样、合理搭配，每天吃蔬菜和水果，适量摄入全谷物、奶类和豆制品。',
    textEn: 'Eat a varied, balanced diet with vegetables and fruit every day, and include whole grains, dairy and soy foods.',
  },
  {
    seedKey: 'general.physical-activity',
    category: 'exercise',
    priority: 10,
    condition: ADULT,
    textZh: '每周进行至少150分钟中等强度的身体活动，如快走、骑车或游泳，减少久坐时间。',
    textEn:
      'Aim for at least 150 minutes of moderate physical activity a week, such as brisk walking, cycling or swimming, and sit less.',
  },
  {
    seedKey: 'general.check-up',
    category: 'medical',
    priority: 5,
    condition: ADULT,
    textZh: '定期进行健康体检；如有不适，请及时咨询医生。',
    textEn: 'Have regular health check-ups, and consult a doctor promptly if you feel unwell.',
  },
  {
    seedKey: 'blood-pressure.salt',
    category: 'diet',
    priority: 80,
    condition: anyTag(...BLOOD_PRESSURE),
    textZh: '减少钠盐摄入，每日食盐不超过5克，少吃腌制食品和加工肉类。',
    textEn: 'Cut down on salt: no more than 5 g a day, and fewer pickled foods and processed meats.',
  },
  {
    seedKey: 'blood-pressure.aerobic',
    category: 'exercise',
    priority: 60,
    condition: anyTag(...BLOOD_PRESSURE),
    textZh: '坚持规律的有氧运动，如快走、慢跑、太极拳，每周5次以上，每次30分钟左右。',
    textEn:
      'Keep up regular aerobic exercise such as brisk walking, jogging or tai chi, about 30 minutes at a time, 5 or more days a week.',
  },
  {
    seedKey: 'blood-pressure.relax',
    category: 'mental',
    priority: 40,
    condition: anyTag(...BLOOD_PRESSURE),
    textZh: '保持心情平和，学习放松方法，保证充足睡眠。',
    textEn: 'Stay calm, learn ways to relax and get enough sleep.',
  },
  {
    seedKey: 'blood-pressure.routine',
    category: 'tcm',
    priority: 30,
    condition: anyTag('高血压'),
    textZh: '起居有常，避免情绪激动；可在中医师指导下练习八段锦、太极拳等传统养生功法。',
    textEn:
      'Keep regular daily routines and avoid emotional upsets; traditional exercises such as Baduanjin or tai chi can be practised under the guidance of a TCM practitioner.',
  },
  {
    seedKey: 'blood-pressure.doctor',
    category: 'medical',
    priority: 90,
    condition: anyTag('高血压'),
    textZh: '定期测量并记录血压，请咨询医生评估血压情况，确定是否需要治疗。',
    textEn:
      'Measure and record your blood pressure regularly, and consult a doctor to assess it and decide whether treatment is needed.',
  },
  {
    seedKey: 'glucose.diet',
    category: 'diet',
    priority: 80,
    condition: anyTag(...GLUCOSE),
    textZh: '控制总能量摄入，减少精制米面和含糖饮料，主食中增加全谷物和杂豆。',
    textEn:
      'Watch your total energy intake, cut down on refined rice, flour and sugary drinks, and add whole grains and beans to staple foods.',
  },
  {
    seedKey: 'glucose.exercise',
    category: 'exercise',
    priority: 60,
    condition: anyTag(...GLUCOSE),
    textZh: '餐后适当活动；每周进行至少150分钟中等强度运动，并可加入抗阻练习。',
    textEn: 'Be active after meals; get at least 150 minutes of moderate exercise a week and add some resistance training.',
  },
  {
    seedKey: 'glucose.doctor-diabetes',
    category: 'medical',
    priority: 90,
    condition: anyTag('糖尿病'),
    textZh: '请咨询医生，定期复查血糖和糖化血红蛋白，按医生的建议进行管理。',
    textEn: 'Consult a doctor, have your blood glucose and HbA1c checked regularly, and follow the doctor’s advice.',
  },
  {
    seedKey: 'glucose.doctor-prediabetes',
    category: 'medical',
    priority: 70,
    condition: anyTag(...PREDIABETES),
    textZh: '建议咨询医生，定期复查血糖，由医生判断是否需要进一步检查。',
    textEn:
      'Consult a doctor and have your blood glucose rechecked regularly; the doctor will decide whether further tests are needed.',
  },
  {
    seedKey: 'lipids.less-fat',
    category: 'diet',
    priority: 75,
    condition: anyTag('高胆固醇血症', '混合型高脂血症'),
    textZh: '少吃动物内脏、肥肉和油炸食品，烹调少用油，优先选择植物油。',
    textEn: 'Eat less offal, fatty meat and fried food, use less cooking oil and prefer vegetable oils.',
  },
  {
    seedKey: 'lipids.less-sugar-alcohol',
    category: 'diet',
    priority: 75,
    condition: anyTag('高甘油三酯血症', '混合型高脂血症'),
    textZh: '限制饮酒，减少甜食和精制碳水化合物的摄入。',
    textEn: 'Limit alcohol and eat fewer sweets and refined carbohydrates.',
  },
  {
    seedKey: 'lipids.good-fats',
    category: 'diet',
    priority: 50,
    condition: anyTag('低HDL-C血症'),
    textZh: '用富含不饱和脂肪的食物（如坚果、鱼类）替代部分饱和脂肪。',
    textEn: 'Replace some saturated fat with foods rich in unsaturated fat, such as nuts and fish.',
  },
  {
    seedKey: 'lipids.exercise',
    category: 'exercise',
    priority: 55,
    condition: anyTag(...LIPIDS),
    textZh: '坚持规律的有氧运动，有助于改善血脂水平。',
    textEn: 'Regular aerobic exercise helps improve blood lipid levels.',
  },
  {
    seedKey: 'lipids.doctor',
    category: 'medical',
    priority: 70,
    condition: anyTag(...LIPIDS),
    textZh: '请咨询医生，定期复查血脂，由医生评估是否需要进一步处理。',
    textEn:
      'Consult a doctor and have your blood lipids rechecked regularly; the doctor will assess whether further care is needed.',
  },
  {
    seedKey: 'weight.diet',
    category: 'diet',
    priority: 70,
    condition: anyTag(...WEIGHT),
    textZh: '控制总能量摄入，少吃高油、高糖食物，规律进餐，细嚼慢咽。',
    textEn: 'Keep total energy intake in check, eat less fatty and sugary food, keep regular meal times and eat slowly.',
  },
  {
    seedKey: 'weight.exercise',
    category: 'exercise',
    priority: 70,
    condition: anyTag(...WEIGHT),
    textZh: '循序渐进地增加身体活动量，将有氧运动与抗阻运动相结合，量力而行。',
    textEn: 'Build up physical activity step by step, combining aerobic and resistance exercise, within your own limits.',
  },
  {
    seedKey: 'weight.doctor',
    category: 'medical',
    priority: 60,
    condition: anyTag('肥胖'),
    textZh: '建议咨询医生或营养师，制定适合自己的体重管理方案，定期测量体重和腰围。',
    textEn:
      'Consult a doctor or dietitian about a weight-management plan that suits you, and measure your weight and waist regularly.',
  },
  {
    seedKey: 'weight.tcm',
    category: 'tcm',
    priority: 25,
    condition: anyTag('肥胖', '中心型肥胖'),
    textZh: '饮食有节，少食肥甘厚味；可在中医师指导下进行体质调养。',
    textEn: 'Eat in moderation and avoid rich, greasy food; constitution-based care can be arranged with a TCM practitioner.',
  },
  {
    seedKey: 'uric-acid.diet',
    category: 'diet',
    priority: 75,
    condition: anyTag('高尿酸血症'),
    textZh: '少吃动物内脏、海鲜和浓肉汤等高嘌呤食物，限制饮酒和含糖饮料。',
    textEn: 'Eat fewer high-purine foods such as offal, seafood and rich meat broths, and limit alcohol and sugary drinks.',
  },
  {
    seedKey: 'uric-acid.water',
    category: 'diet',
    priority: 65,
    condition: anyTag('高尿酸血症'),
    textZh: '如医生没有限制饮水，注意多喝白开水。',
    textEn: 'Unless a doctor has told you to limit fluids, drink plenty of plain water.',
  },
  {
    seedKey: 'uric-acid.doctor',
    category: 'medical',
    priority: 70,
    condition: anyTag('高尿酸血症'),
    textZh: '请咨询医生，定期复查血尿酸。',
    textEn: 'Consult a doctor and have your uric acid rechecked regularly.',
  },
  {
    seedKey: 'metabolic-syndrome.doctor',
    category: 'medical',
    priority: 85,
    condition: anyTag('代谢综合征'),
    textZh: '建议咨询医生，对体重、血压、血糖和血脂进行综合管理。',
    textEn: 'Consult a doctor about managing your weight, blood pressure, blood glucose and lipids together.',
  },
  {
    seedKey: 'smoking.quit',
    category: 'medical',
    priority: 85,
    condition: anyTag('吸烟'),
    textZh: '尽早戒烟，避免吸入二手烟；可咨询医生或戒烟门诊获得帮助。',
    textEn: 'Stop smoking as early as you can and avoid second-hand smoke; a doctor or a smoking-cessation clinic can help.',
  },
  {
    seedKey: 'smoking.cravings',
    category: 'mental',
    priority: 45,
    condition: anyTag('吸烟'),
    textZh: '烟瘾出现时，可以尝试深呼吸、喝水或短时间活动来转移注意力。',
    textEn: 'When a craving comes, try deep breathing, a glass of water or a short walk to take your mind off it.',
  },
  {
    seedKey: 'ascvd.heart-healthy-diet',
    category: 'diet',
    priority: 65,
    condition: anyTag('ASCVD中危', 'ASCVD高危'),
    textZh: '多吃蔬菜、水果、全谷物和鱼类，减少饱和脂肪和盐的摄入。',
    textEn: 'Eat more vegetables, fruit, whole grains and fish, and less saturated fat and salt.',
  },
  {
    seedKey: 'ascvd.doctor-moderate',
    category: 'medical',
    priority: 75,
    condition: anyTag('ASCVD中危'),
    textZh: '建议咨询医生，定期评估心血管病风险，并坚持健康的生活方式。',
    textEn: 'Consult a doctor, have your cardiovascular risk reviewed regularly and keep to a healthy lifestyle.',
  },
  {
    seedKey: 'ascvd.doctor-high',
    category: 'medical',
    priority: 95,
    condition: anyTag('ASCVD高危'),
    textZh: '请尽快咨询医生，评估并管理血压、血脂、血糖等心血管病危险因素。',
    textEn: 'Consult a doctor soon to assess and manage cardiovascular risk factors such as blood pressure, lipids and glucose.',
  },
  {
    seedKey: 'mood.doctor',
    category: 'medical',
    priority: 95,
    condition: anyTag(...MOOD),
    textZh: '问卷结果提示情绪方面需要关注，建议咨询医生或心理专业人员。',
    textEn:
      'Your questionnaire answers suggest your mood needs attention: please talk to a doctor or a mental-health professional.',
  },
  {
    seedKey: 'mood.routine',
    category: 'mental',
    priority: 70,
    condition: anyTag('抑郁倾向'),
    textZh: '保持规律作息，适当参加户外活动和社交，多与家人朋友交流。',
    textEn: 'Keep a regular daily routine, spend time outdoors and with other people, and talk with family and friends.',
  },
  {
    seedKey: 'mood.relaxation',
    category: 'mental',
    priority: 70,
    condition: anyTag('焦虑倾向'),
    textZh: '学习腹式呼吸、渐进式肌肉放松等放松方法，减少咖啡因摄入。',
    textEn: 'Practise relaxation such as belly breathing and progressive muscle relaxation, and have less caffeine.',
  },
  {
    seedKey: 'mood.tcm',
    category: 'tcm',
    priority: 30,
    condition: anyTag(...MOOD),
    textZh: '注意调畅情志；可在中医师指导下练习八段锦等舒缓的传统功法。',
    textEn:
      'Keep your emotions at ease; gentle traditional exercises such as Baduanjin can be practised under a TCM practitioner’s guidance.',
  },
];

/** The tag names the seeds read (the seeded tag rules of the archives domain). */
export const SEEDED_TAG_NAMES = [
  ...BLOOD_PRESSURE,
  ...GLUCOSE,
  ...LIPIDS,
  ...WEIGHT,
  '高尿酸血症',
  '代谢综合征',
  '吸烟',
  'ASCVD中危',
  'ASCVD高危',
  ...MOOD,
] as const;
