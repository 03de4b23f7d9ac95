import type { FactField } from '@/api/types';

/** A slice of `GET /tag-rules/facts` as the API builds it: one fact of each type, coded values with labels. */
export const CATALOGUE: FactField[] = [
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
  { path: 'tags', type: 'list', label: '已有标签', labelEn: 'Current tags', group: '基本信息', values: ['高血压', '吸烟'] },
  { path: 'archive.smoker', type: 'boolean', label: '目前吸烟', labelEn: 'Current smoker', group: '健康档案' },
  {
    path: 'ind.SBP.value',
    type: 'number',
    label: '收缩压 最新值',
    labelEn: 'Systolic blood pressure latest value',
    group: '检查指标',
    unit: 'mmHg',
  },
  {
    path: 'ind.DBP.value',
    type: 'number',
    label: '舒张压 最新值',
    labelEn: 'Diastolic blood pressure latest value',
    group: '检查指标',
    unit: 'mmHg',
  },
  {
    path: 'ind.GLU.abnormal',
    type: 'string',
    label: '空腹血糖 最新判定',
    labelEn: 'Fasting glucose latest verdict',
    group: '检查指标',
    values: ['normal', 'high', 'low', 'abnormal'],
    valueLabels: ['正常', '偏高', '偏低', '异常'],
  },
];
