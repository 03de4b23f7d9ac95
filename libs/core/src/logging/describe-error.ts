import { QueryFailedError } from 'typeorm';

export interface ErrorDescription {
  type: string;
  message?: string;
  /** PostgreSQL SQLSTATE and constraint: enough to diagnose without the values involved. */
  sqlState?: string;
  constraint?: string;
  stack?: string;
}

/**
 * What may be logged about an error. Database errors carry the SQL, its parameters and the
 * offending values (`detail`), which can be personal data, so only their codes are kept.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
    return {
      type: 'QueryFailedError',
      sqlState: driverError?.code,
      constraint: driverError?.constraint,
      stack: error.stack?.split('\n').slice(1).join('\n'),
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
