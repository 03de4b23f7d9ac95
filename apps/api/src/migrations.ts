import { AUDIT_MIGRATIONS, IDEMPOTENCY_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, OUTBOX_MIGRATIONS } from '@health/core';
import { ARCHIVES_MIGRATIONS } from '@health/archives';
import { CARDS_MIGRATIONS } from '@health/cards';
import { FOLLOW_UPS_MIGRATIONS } from '@health/follow-ups';
import { IAM_MIGRATIONS } from '@health/iam';
import { INTERVENTIONS_MIGRATIONS } from '@health/interventions';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [
  ...OUTBOX_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...IAM_MIGRATIONS,
  ...IDEMPOTENCY_MIGRATIONS,
  ...CARDS_MIGRATIONS,
  ...ARCHIVES_MIGRATIONS,
  ...INTERVENTIONS_MIGRATIONS,
  ...NOTIFICATIONS_MIGRATIONS,
  ...FOLLOW_UPS_MIGRATIONS,
];
