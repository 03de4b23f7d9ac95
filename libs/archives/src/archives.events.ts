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
