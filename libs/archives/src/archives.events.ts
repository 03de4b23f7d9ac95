import { defineEvent } from '@health/core';

/** A client's health profile got a new version; handlers load the profile by client id. */
export const ArchiveUpdated = defineEvent<{ clientId: string; version: number }>({
  type: 'archive.updated',
  aggregateType: 'client',
});
