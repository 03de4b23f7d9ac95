import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { configureHttp, PinoNestLogger } from '@health/core';
import { ApiBootOptions, AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/**
 * Where `vite build` puts the admin SPA; the API serves it at `/`. This file runs from
 * `apps/api/src` (tests) or, built, from `dist/apps/api/src`: both are three levels below their root.
 */
const ROOT = resolve(__dirname, '../../..');
export const ADMIN_DIST = basename(ROOT) === 'dist' ? join(ROOT, 'apps/admin') : join(ROOT, 'dist/apps/admin');

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

function serveAdmin(app: NestExpressApplication, directory: string): void {
  const files = express.static(directory, { index: false, maxAge: '1h' });
  // API requests skip the file look-up: it would cost each of them a file system call.
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : files(req, res, next)));
  // History-mode routes of the SPA (`/users`, `/audit`) all load index.html.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(directory, 'index.html'));
  });
}

/** Builds the fully configured API application (used by `main.ts` and by the integration tests). */
export async function createApiApp(options: ApiBootOptions, logger: PinoLogger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  app.setGlobalPrefix('api');
  configureHttp(app, options.config, logger);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  if (existsSync(join(ADMIN_DIST, 'index.html'))) serveAdmin(app, ADMIN_DIST);
  return app;
}
