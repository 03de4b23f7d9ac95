import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import {
  AuditService,
  configureHttp,
  fastifyOptions,
  isApiPath,
  pathOf,
  PinoNestLogger,
  recordAuditedWrites,
} from '@health/core';
import { ApiBootOptions, AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/**
 * Where `vite build` puts the admin SPA; the API serves it at `/`. This file runs from
 * `apps/api/src` (tests) or, built, from `dist/apps/api/src`: both are three levels below their root.
 */
const ROOT = resolve(__dirname, '../../..');
export const ADMIN_DIST = basename(ROOT) === 'dist' ? join(ROOT, 'apps/admin') : join(ROOT, 'dist/apps/admin');

async function serveAdmin(app: NestFastifyApplication, directory: string): Promise<void> {
  // One route per file of the build (`wildcard: false`), so API requests never look at the disk.
  await app.register(fastifyStatic, { root: directory, index: false, maxAge: '1h', wildcard: false });
  // History-mode routes of the SPA (`/users`, `/audit`) all load index.html; unknown API routes are 404s.
  (app.getHttpAdapter().getInstance() as FastifyInstance).get('/*', (request, reply) => {
    if (isApiPath(pathOf(request.url))) return reply.callNotFound();
    // Revalidated on every load, so a new release's asset names are picked up at once.
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

/**
 * Builds the fully configured API application (used by `main.ts` and by the integration tests),
 * serving the admin from `adminDirectory` when it holds a build.
 */
export async function createApiApp(
  options: ApiBootOptions,
  logger: PinoLogger,
  adminDirectory = ADMIN_DIST,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(options),
    // No Nest middleware and no `app.use()` here (requests go through Fastify hooks, see
    // configureHttp): without @fastify/middie no request pays for its URL matching.
    new FastifyAdapter({ ...fastifyOptions(options.config), skipMiddie: true }),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  app.setGlobalPrefix('api');
  configureHttp(app, options.config, logger);
  // Every write through the HTTP API leaves an audit row (marked by the access guard).
  recordAuditedWrites(app.getHttpAdapter().getInstance() as FastifyInstance, app.get(AuditService));
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  if (existsSync(join(adminDirectory, 'index.html'))) await serveAdmin(app, adminDirectory);
  return app;
}
