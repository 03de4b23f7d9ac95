/**
 * Item-name normalisation (indicators.md, "Matching item names", step 1).
 *
 * Exam systems print the same item in many spellings: full-width letters and brackets, spaces inside
 * the name, en/em dashes, a trailing colon. Sender names and dictionary aliases both go through this
 * function, so they compare equal whenever they differ only in such spelling.
 */

// 【】〔〕 are not touched by NFKC; full-width （）［］ already became ()[] by then.
const BRACKETS_TO_PARENTHESES: Readonly<Record<string, string>> = {
  '【': '(',
  '】': ')',
  '〔': '(',
  '〕': ')',
  '[': '(',
  ']': ')',
};

// Full-width hyphen-minus (U+FF0D), en dash (U+2013), em dash (U+2014). NFKC already maps U+FF0D,
// it is listed so the rule reads as written.
const DASHES = /[\uFF0D\u2013\u2014]/g;

export function normaliseName(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[【】〔〕[\]]/g, (bracket) => BRACKETS_TO_PARENTHESES[bracket] ?? bracket)
    .replace(DASHES, '-')
    .replace(/\s+/gu, '')
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase())
    .replace(/[:。]+$/u, '');
}
