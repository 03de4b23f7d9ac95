/**
 * For specs only (never exported from the library, which must not touch the file system): reads the
 * project's shared data, the dictionary and the sample reports. The originals live beside the
 * repository in `../shared` unless HEALTH_SHARED_DIR points elsewhere; a clone without them (a
 * newcomer's) reads the repository's own copies, which the drift specs compare with the originals
 * whenever those are there. A missing file fails the spec loudly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseIndicatorCsv, type IndicatorDefinition } from '../indicator-dictionary';

const REPOSITORY = resolve(__dirname, '../../../..');
const BESIDE_REPOSITORY = resolve(REPOSITORY, '../shared');

/** Where the shared originals are, or undefined when this checkout has none beside it. */
export const SHARED_ORIGINALS_DIR: string | undefined =
  process.env['HEALTH_SHARED_DIR'] ?? (existsSync(BESIDE_REPOSITORY) ? BESIDE_REPOSITORY : undefined);

/** The repository's copies of the shared files its code and tests use. */
export const REPOSITORY_COPIES = {
  'clinical/indicators.csv': join(REPOSITORY, 'libs/archives/src/indicators/indicators.csv'),
  samples: join(REPOSITORY, 'libs/archives/src/demo/sample-reports'),
} as const;

/** `clinical/indicators.csv` or `samples/<file>`: the original when present, else the repository's copy. */
export function sharedFilePath(relativePath: string): string {
  if (SHARED_ORIGINALS_DIR !== undefined) return join(SHARED_ORIGINALS_DIR, relativePath);
  if (relativePath === 'clinical/indicators.csv') return REPOSITORY_COPIES[relativePath];
  if (relativePath.startsWith('samples/')) return join(REPOSITORY_COPIES.samples, relativePath.slice('samples/'.length));
  throw new Error(`${relativePath}: not in this repository; put the shared files beside it or set HEALTH_SHARED_DIR`);
}

export function readSharedFile(relativePath: string): string {
  return readFileSync(sharedFilePath(relativePath), 'utf8');
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
