import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The part of node-postgres' client (or pool) this needs. */
interface NamedStatementClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as a named prepared statement: PostgreSQL parses and plans it once per connection
 * instead of on every call. For the hottest writes, where planning costs nearly as much as the
 * work (measured: a client INSERT 0.52 → 0.40 ms of PostgreSQL CPU; a batch of three audit rows
 * 0.49 → 0.32 ms). Only for statements whose plan does not depend on the values (inserts,
 * look-ups by key): after a few calls PostgreSQL may keep one generic plan for all values.
 * `name` must be unique to `text` across the application. Errors are TypeORM's `QueryFailedError`,
 * as from `manager.query`; the statement joins `manager`'s transaction when it has one.
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  // Outside a transaction the pool lends a connection for the one statement itself: a TypeORM
  // query runner around it (connect, listeners, release) cost more than the statement's own work.
  const client: NamedStatementClient = manager.queryRunner
    ? ((await manager.queryRunner.connect()) as NamedStatementClient)
    : (manager.connection.driver as PostgresDriver).master;
  try {
    return (await client.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
