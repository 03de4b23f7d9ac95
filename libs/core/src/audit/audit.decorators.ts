import { SetMetadata } from '@nestjs/common';

export const AUDIT_OPTIONS = 'audit:options';

export interface AuditOptions {
  /** Action recorded for this write; defaults to the handler's name (its operationId). */
  action?: string;
  /** Target type recorded; defaults to the first path segment of the controller (`users`). */
  targetType?: string;
  /** Dotted path in the response body holding the created target's id when the route has no `:id`. */
  responseIdPath?: string;
  /** The handler's service records its own, more precise audit rows (login, logout). */
  skip?: boolean;
}

/**
 * Tunes the row the write-audit interceptor records for a controller or one of its handlers.
 * Handler options override controller options.
 */
export const Audit = (options: AuditOptions) => SetMetadata(AUDIT_OPTIONS, options);
