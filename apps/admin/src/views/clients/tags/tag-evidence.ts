import type { ClientTag, FactField } from '@/api/types';
import { i18n, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { factLabel, formatFactValue } from '@/views/tags/fact-catalogue';

/** What the hover card of a client's tag shows: why the rule set it, or the note of whoever added it. */
export interface TagEvidenceView {
  source: ClientTag['source'];
  /** Rule tags: the version that set it. */
  ruleVersion: number | null;
  /** Rule tags: the facts the condition read, labelled, with the values they had. */
  facts: { path: string; label: string; value: string }[];
  /** Rule tags: the exam report whose results set it, if a report did. */
  reportId: string | null;
  /** Rule tags: what made the rule run (a new report, an archive edit, the rule saved). */
  trigger: string | null;
  /** Manual tags: the note, if any. */
  note: string | null;
  addedAt: string;
}

/** Trigger types of the evidence (event names) and their i18n keys. */
const TRIGGER_KEYS: Record<string, string> = {
  'report.ingested': 'tags.triggers.reportIngested',
  'report.reprocessed': 'tags.triggers.reportReprocessed',
  'archive.updated': 'tags.triggers.archiveUpdated',
  'survey.completed': 'tags.triggers.surveyCompleted',
  'tag-rule.saved': 'tags.triggers.ruleSaved',
};

function triggerLabel(trigger: unknown): string | null {
  if (typeof trigger !== 'string' || trigger === '') return null;
  const key = TRIGGER_KEYS[trigger];
  return key && i18n.global.te(key) ? t(key) : trigger;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function tagEvidence(tag: ClientTag, facts: readonly FactField[]): TagEvidenceView {
  const evidence = isRecord(tag.evidence) ? tag.evidence : {};
  const byPath = new Map(facts.map((fact) => [fact.path, fact]));
  const order = new Map(facts.map((fact, i) => [fact.path, i]));
  const values = isRecord(evidence['facts']) ? evidence['facts'] : {};
  // Stored as JSONB, the facts come back ordered by key length; the catalogue's order groups them as the builder does.
  const paths = Object.keys(values).sort((a, b) => (order.get(a) ?? facts.length) - (order.get(b) ?? facts.length));
  const ruleVersion = typeof evidence['ruleVersion'] === 'number' ? evidence['ruleVersion'] : tag.ruleVersion;
  return {
    source: tag.source,
    ruleVersion: tag.source === 'rule' ? ruleVersion : null,
    facts: paths.map((path) => {
      const fact = byPath.get(path);
      return { path, label: fact ? factLabel(fact) : path, value: formatFactValue(fact, values[path]) };
    }),
    reportId: typeof evidence['reportId'] === 'string' ? evidence['reportId'] : null,
    trigger: triggerLabel(evidence['trigger']),
    note: typeof evidence['note'] === 'string' && evidence['note'].trim() ? evidence['note'] : null,
    addedAt: formatDateTime(tag.addedAt),
  };
}

/** The tag's name in the current language (English falls back to the Chinese name). */
export function clientTagName(tag: Pick<ClientTag, 'name' | 'nameEn'>): string {
  return i18n.global.locale.value === 'en' && tag.nameEn ? tag.nameEn : tag.name;
}
