import { AsyncLocalStorage } from 'node:async_hooks';

export type ActorType = 'user' | 'api_key' | 'system';

export interface Actor {
  type: ActorType;
  id: string;
  /** Organisation the actor belongs to; null only for the platform itself. */
  orgId: string | null;
  permissions: ReadonlySet<string>;
  /** The first admin of the platform may manage organisations. */
  isPlatformAdmin: boolean;
  /** Login session (refresh token family) of a user actor; lets a password change keep this session. */
  sessionId?: string;
}

/** What is known about the current request or job; read by audit, tenancy and logging. */
export interface RequestContextState {
  requestId: string;
  ip?: string;
  userAgent?: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContextState>();

export const RequestContext = {
  run<T>(state: RequestContextState, fn: () => T): T {
    return storage.run(state, fn);
  },
  current(): RequestContextState | undefined {
    return storage.getStore();
  },
  actor(): Actor | undefined {
    return storage.getStore()?.actor;
  },
  setActor(actor: Actor): void {
    const state = storage.getStore();
    if (state) state.actor = actor;
  },
};
