import { defineEvent } from '@health/core';

/** A client's health profile got a new version; handlers load the profile by client id. */
export const ArchiveUpdated = defineEvent<{ clientId: string; version: number }>({
  type: 'archive.updated',
  aggregateType: 'client',
});

/**
 * An exam report was stored with its observations. `abnormalCodes`: the indicator codes judged
 * high, low or abnormal (tags and risks re-evaluate from them).
 */
export const ReportIngested = defineEvent<{ reportId: string; clientId: string; abnormalCodes: string[] }>({
  type: 'report.ingested',
  aggregateType: 'exam_report',
});

/**
 * A new indicator mapping turned raw items of a stored report into observations. `abnormalCodes`
 * lists every abnormal code of the report now, not only the new ones, so a handler can treat it
 * exactly like `report.ingested`.
 */
export const ReportReprocessed = defineEvent<{ reportId: string; clientId: string; abnormalCodes: string[] }>({
  type: 'report.reprocessed',
  aggregateType: 'exam_report',
});

/** A tag was put on a client, by a rule (evidence stored in `client_tag_change`) or by staff. */
export const TagAdded = defineEvent<{ clientId: string; tagId: string; changeId: string; source: 'rule' | 'manual' }>({
  type: 'tag.added',
  aggregateType: 'client',
});

/** A tag was taken off a client: its rule no longer holds, or staff removed it. */
export const TagRemoved = defineEvent<{ clientId: string; tagId: string; changeId: string; source: 'rule' | 'manual' }>({
  type: 'tag.removed',
  aggregateType: 'client',
});

/**
 * A risk model put the client in a different category (codes of the model's categories;
 * `previousCategory` null for the first result). Handlers load the assessment by id.
 */
export const RiskChanged = defineEvent<{
  clientId: string;
  assessmentId: string;
  model: string;
  category: string;
  previousCategory: string | null;
}>({ type: 'risk.changed', aggregateType: 'client' });
