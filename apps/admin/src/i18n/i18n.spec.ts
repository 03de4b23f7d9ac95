import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import zhCN from './locales/zh-CN';

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [nested, text] of flatten(value, path)) keys.set(nested, text);
  }
  return keys;
}

const zhKeys = flatten(zhCN);
const enKeys = flatten(en);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'types' ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('i18n completeness', () => {
  it('every zh-CN key exists in en', () => {
    expect([...zhKeys.keys()].filter((key) => !enKeys.has(key))).toEqual([]);
  });

  it('every en key exists in zh-CN', () => {
    expect([...enKeys.keys()].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it('no message is empty and both languages use the same placeholders', () => {
    const problems = [...zhKeys].flatMap(([key, zh]) => {
      const english = enKeys.get(key) ?? '';
      if (!zh.trim() || !english.trim()) return [`${key}: empty`];
      return placeholders(zh).join() === placeholders(english).join()
        ? []
        : [`${key}: {${placeholders(zh)}} vs {${placeholders(english)}}`];
    });
    expect(problems).toEqual([]);
  });

  it('no message uses characters vue-i18n would read as syntax (@ | outside placeholders)', () => {
    const risky = [...zhKeys, ...enKeys].filter(([, text]) => /[@|$]/.test(text)).map(([key]) => key);
    expect(risky).toEqual([]);
  });

  it('every brace is a named placeholder (vue-i18n cannot compile `{phone, text}` and the page fails)', () => {
    const malformed = [...zhKeys, ...enKeys].filter(([, text]) => /\{(?!\w+\})|(?<!\{\w+)\}/.test(text)).map(([key]) => key);
    expect(malformed).toEqual([]);
  });

  it('every literal key used in the source exists', () => {
    const root = join(__dirname, '..');
    const used = new Set<string>();
    const patterns = [
      /\$?\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
      /(?:labelKey|titleKey|hintKey|placeholderKey|groupKey|confirmKey|messageKey)\s*[:=]\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
    ];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !zhKeys.has(key)).sort()).toEqual([]);
  });
});
