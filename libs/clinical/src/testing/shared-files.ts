/**
 * For specs only (never exported from the library, which must not touch the file system): reads the
 * project's shared data, the dictionary and the sample reports, which live beside the repository in
 * `../shared` unless HEALTH_SHARED_DIR points elsewhere. A missing file fails the spec loudly.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseIndicatorCsv, type IndicatorDefinition } from '../indicator-dictionary';

const SHARED_DIR = process.env['HEALTH_SHARED_DIR'] ?? resolve(__dirname, '../../../../../shared');

export function readSharedFile(relativePath: string): string {
  return readFileSync(join(SHARED_DIR, relativePath), 'utf8');
}

/** One item of a sample report JSON (samples/README.md, "JSON shape"). */
export interface SampleItem {
  readonly name: string;
  readonly value: string;
  readonly unit?: string;
  readonly referenceRange?: string;
  readonly flag?: string;
  readonly category?: string;
  readonly code?: string;
}

export interface SampleReport {
  readonly source: string;
  readonly externalId: string;
  readonly examDate: string;
  readonly client: { readonly name: string; readonly gender: 'male' | 'female'; readonly birthDate: string };
  readonly items: readonly SampleItem[];
}

export const SAMPLE_REPORT_FILES = [
  'report-01-ruikang-2025-04-16.json',
  'report-02-heyi-mgdl-2025-06-12.json',
  'report-03-anxin-2024-09-05.json',
  'report-04-rm2-coded-2025-05-20.json',
] as const;

export function readSampleReport(file: string): SampleReport {
  return JSON.parse(readSharedFile(`samples/${file}`)) as SampleReport;
}

/** The real dictionary, parsed; cached because most specs need it. */
let dictionary: IndicatorDefinition[] | undefined;
export function loadSharedDictionary(): IndicatorDefinition[] {
  dictionary ??= parseIndicatorCsv(readSharedFile('clinical/indicators.csv'));
  return dictionary;
}

export function definitionOf(code: string): IndicatorDefinition {
  const definition = loadSharedDictionary().find((candidate) => candidate.code === code);
  if (definition === undefined) throw new Error(`no indicator ${code} in indicators.csv`);
  return definition;
}
