import { currentLocale, t } from '@/i18n';
import zhCN from '@/i18n/locales/zh-CN';

/** Without an indicator's own decimals: enough for every dictionary unit, free of conversion noise. */
const FALLBACK_DECIMALS = 4;

/**
 * A stored number for reading, rounded to the indicator's display decimals (the API's `decimals`,
 * derived from the canonical unit). Trailing zeros are dropped, so a printed 5.6 stays 5.6 while a
 * converted 106 mg/dL (5.883 mmol/L) reads 5.88. Stored values stay exact; this is display only.
 */
export function formatMeasurement(value: number, decimals?: number | null): string {
  const rounded = Number(value.toFixed(decimals ?? FALLBACK_DECIMALS));
  return String(rounded === 0 ? 0 : rounded);
}

/** The categories' keys by their Chinese name: the zh-CN locale file is the map's source. */
const CATEGORY_KEYS = new Map(Object.entries(zhCN.indicatorCategories).map(([key, name]) => [name, key]));

/** `生化 Chemistry`: a bilingual section title as some senders print it, Chinese then English. */
const BILINGUAL = /^[^A-Za-z]+\s+([A-Za-z][A-Za-z .&/-]*)$/;

/**
 * A dictionary category (一般检查) or a sender's section title in the current language. The
 * dictionary has no English category names, so the locale files map the known ones; a
 * bilingual title shows its English half; anything else (an organisation's own category) is shown
 * as written.
 */
export function categoryLabel(category: string): string {
  if (currentLocale() !== 'en') return category;
  const name = category.trim();
  const key = CATEGORY_KEYS.get(name);
  if (key !== undefined) return t(`indicatorCategories.${key}`);
  return BILINGUAL.exec(name)?.[1]?.trim() ?? category;
}
