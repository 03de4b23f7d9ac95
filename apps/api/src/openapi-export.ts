import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootLogger, parseConfig, startEmbeddedPostgres } from '@health/core';
import { createTestDatabase } from '@health/core/testing';
import { createApiApp } from './bootstrap';
import { API_MIGRATIONS } from './migrations';
import { buildOpenApiDocument } from './openapi';

/** The OpenAPI document serialised the way it is committed in libs/api-client/openapi.json. */
export function serialiseOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function throwawayDatabase(dataDir: string): Promise<{ url: string; embedded: boolean; drop: () => Promise<void> }> {
  try {
    const database = await createTestDatabase();
    return { url: database.url, embedded: false, drop: database.drop };
  } catch {
    const embedded = await startEmbeddedPostgres(dataDir);
    return { url: embedded.url, embedded: true, drop: embedded.stop };
  }
}

/**
 * Boots the API on a throwaway database (a temporary database on the local PostgreSQL, else an
 * embedded one) and writes the OpenAPI document to the given path.
 */
async function exportOpenApi(outputPath: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-openapi-'));
  const database = await throwawayDatabase(dataDir);
  try {
    const config = parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:6379',
      ADMIN_INITIAL_PASSWORD: randomBytes(12).toString('base64url'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      RUN_WORKER: 'separate',
    });
    const app = await createApiApp(
      { config, database: { url: database.url, embedded: database.embedded, migrations: API_MIGRATIONS, runMigrations: true } },
      createRootLogger('silent'),
    );
    await app.init();
    writeFileSync(outputPath, serialiseOpenApi(buildOpenApiDocument(app)));
    await app.close();
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const output = process.argv[2];
  if (!output) {
    console.error('usage: node openapi-export.js <output.json>');
    process.exit(2);
  }
  exportOpenApi(output).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
