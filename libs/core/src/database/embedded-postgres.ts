import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  dataDirectory: string;
  /** True when this start created the database (a fresh DATA_DIR). */
  created: boolean;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) persisted under `<dataDir>/pgdata` and serves
 * it on a loopback port through pglite-socket, so TypeORM talks to it with the ordinary `pg` driver.
 * PGlite is a single session: callers must keep their connection pool at one connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dataDirectory = resolve(join(dataDir, 'pgdata'));
  const created = !existsSync(join(dataDirectory, 'PG_VERSION'));
  mkdirSync(dataDirectory, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: dataDirectory });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres:postgres@${address}/postgres`,
    dataDirectory,
    created,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
