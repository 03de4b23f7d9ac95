import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '@/i18n';
import en from '@/i18n/locales/en';
import zhCN from '@/i18n/locales/zh-CN';
import { categoryLabel, formatMeasurement } from './indicator-display';

afterEach(() => applyLocale('zh-CN'));

describe('display precision', () => {
  it('rounds to the indicator’s decimals, dropping trailing zeros', () => {
    expect(formatMeasurement(106 * 0.0555, 2)).toBe('5.88');
    expect(formatMeasurement(5.6, 2)).toBe('5.6');
    expect(formatMeasurement(131.25, 0)).toBe('131');
    expect(formatMeasurement(1.015, 3)).toBe('1.015');
    expect(formatMeasurement(-0.001, 2)).toBe('0');
  });

  it('hides conversion noise with at most 4 decimals when the indicator’s are unknown', () => {
    expect(formatMeasurement(133 * 0.02586)).toBe('3.4394');
    expect(formatMeasurement(133 * 0.02586, null)).toBe('3.4394');
    expect(formatMeasurement(146)).toBe('146');
  });
});

describe('category labels', () => {
  it('shows categories as they are in Chinese', () => {
    expect(categoryLabel('血脂')).toBe('血脂');
    expect(categoryLabel('生化 Chemistry')).toBe('生化 Chemistry');
  });

  it('gives dictionary categories and common sender sections their English names', () => {
    applyLocale('en');
    expect(categoryLabel('一般检查')).toBe('General examination');
    expect(categoryLabel('血脂')).toBe('Blood lipids');
    expect(categoryLabel('心血管及炎症')).toBe('Cardiovascular and inflammation');
    expect(categoryLabel(' 尿液分析 ')).toBe('Urinalysis');
    expect(categoryLabel('其他')).toBe('Other');
  });

  it('takes the English half of a bilingual section, and keeps unknown ones as written', () => {
    applyLocale('en');
    expect(categoryLabel('生化 Chemistry')).toBe('Chemistry');
    expect(categoryLabel('血液学 Hematology')).toBe('Hematology');
    expect(categoryLabel('本中心特检')).toBe('本中心特检');
  });

  it('has an English name for every category of the shared dictionary, each Chinese name once', () => {
    const csv = readFileSync(join(__dirname, '../../../../libs/archives/src/indicators/indicators.csv'), 'utf8');
    // The fourth field; English names before it may be quoted and contain commas ("Bilirubin, total").
    const fields = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((match) => match[1]!);
    const categories = new Set(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => fields(line)[3]!),
    );
    const names = Object.values(zhCN.indicatorCategories);
    expect([...categories].filter((category) => !names.includes(category))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(en.indicatorCategories)).toEqual(Object.keys(zhCN.indicatorCategories));
  });
});
