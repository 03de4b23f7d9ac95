import type { ActorType } from '../context/request-context';

export type AuditActorType = ActorType | 'anonymous';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export const AUDIT_ACTOR_TYPES: readonly AuditActorType[] = ['user', 'api_key', 'system', 'anonymous'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** What a caller tells `AuditService.record`; time, IP and request id come from the request context. */
export interface AuditEntry {
  /** Dotted verb such as `auth.login`, `client.read`, `client.unmasked`, or an operation id. */
  action: string;
  /** Defaults to `success`. */
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** Defaults to the current actor's organisation; `null` writes to the platform chain. */
  orgId?: string | null;
  /** Defaults to the current actor, or `anonymous` when the request has none. */
  actor?: { type: AuditActorType; id?: string };
}

export interface AuditFilter {
  /** Organisations whose chains are searched; `null` stands for the platform chain. */
  orgIds: (string | null)[];
  from?: Date;
  to?: Date;
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
}

export interface AuditChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenId?: string;
}
