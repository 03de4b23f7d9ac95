import type { MixedList } from 'typeorm';

/** How this process reaches its database; decided once at boot. */
export interface DatabaseRuntime {
  url: string;
  /** Embedded PGlite: one connection only, and the worker runs inside the API process. */
  embedded: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** Whether this process applies pending migrations at start (API: yes; worker: yes, serialised by a lock). */
  runMigrations: boolean;
}

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');
