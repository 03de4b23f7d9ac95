import { defineJob } from '@health/core';

/**
 * Daily at 00:05 in the organisation time zone: activates issued cards whose start date has come
 * and expires cards past their expiry date. The payload may carry a date (tests, catch-up runs);
 * the scheduler sends none, meaning today.
 */
export const CardStatusDailyJob = defineJob<{ today?: string }>({ queue: 'cards', name: 'card-status-daily', attempts: 3 });

/** Cron pattern of the daily job, evaluated in `AppConfig.tzDefault`. */
export const CARD_STATUS_DAILY_PATTERN = '5 0 * * *';
