import { AUDIT_MIGRATIONS, OUTBOX_MIGRATIONS } from '@health/core';
import { IAM_MIGRATIONS } from '@health/iam';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [...OUTBOX_MIGRATIONS, ...AUDIT_MIGRATIONS, ...IAM_MIGRATIONS];
