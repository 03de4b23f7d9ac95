import { defineJob } from '../queue/job-definition';

/** Deletes `Idempotency-Key` records older than the retention; daily. */
export const PurgeIdempotencyKeysJob = defineJob<Record<string, never>>({
  queue: 'idempotency',
  name: 'purge-idempotency-keys',
  attempts: 3,
});

/** 03:30 in the platform's time zone, a quiet hour. */
export const PURGE_IDEMPOTENCY_KEYS_PATTERN = '30 3 * * *';

/** A retry later than this is a new request: partners retry within minutes or hours, not weeks. */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 7;
