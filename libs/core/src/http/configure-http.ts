import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import cors from 'cors';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger as PinoLogger } from 'pino';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import { ApiExceptionFilter, toErrorBody } from '../errors/api-exception.filter';
import { createValidationPipe } from './validation';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Security headers of every API response (JSON, files), after OWASP's REST Security Cheat Sheet:
 * the policies helmet adds for HTML documents (script and style sources, DNS prefetch, download
 * options…) mean nothing for a response no browser renders, while `no-store` matters here: the
 * responses are health records, which no browser or proxy cache should keep. Routes may override
 * (recordings send `private, no-store`).
 */
export const API_RESPONSE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** `/api/…` except Swagger UI's pages, which are documents. */
const isApiResponsePath = (path: string) =>
  (path === '/api' || path.startsWith('/api/')) && path !== '/api/docs' && !path.startsWith('/api/docs/');

/**
 * Everything an HTTP request passes through before a controller: security headers, CORS, request id
 * and context, body parsing with our error shape, access log, validation and the error filter.
 * The app must be created with `bodyParser: false` so the limits and errors here apply.
 */
export function configureHttp(app: INestApplication, config: AppConfig, logger: PinoLogger): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // Express would hash every JSON body for an ETag; API responses are personal and never revalidated.
  http.set('etag', false);
  http.set('trust proxy', 'loopback');

  // Documents (the admin, Swagger UI) get helmet's full set; API responses `API_RESPONSE_HEADERS`.
  const documentHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // The admin plays call recordings from Blob URLs (fetched with the bearer token).
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isApiResponsePath(req.path)) return documentHeaders(req, res, next);
    for (const [name, value] of API_RESPONSE_HEADERS) res.setHeader(name, value);
    next();
  });
  const origins = config.corsOriginList;
  const crossOrigin = cors({
    origin: (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) =>
      callback(null, !origin || origins.includes(origin)),
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });
  // Only browsers on another origin send Origin; integrations and the admin (same origin) do not,
  // and for them CORS has nothing to add but the Vary header (it was 1 % of the API's CPU).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers.origin !== undefined) return crossOrigin(req, res, next);
    res.setHeader('Vary', 'Origin');
    next();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (!logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (!req.path.startsWith('/api')) return;
      // Path only: query strings can hold search terms such as phone numbers.
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });

  // FHIR partners send application/fhir+json; every +json type is JSON. Bodies are JSON only (the
  // API contract): a form-encoded body is not parsed, so it fails validation like a missing one.
  app.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const { body } = toErrorBody(err);
    res.status(body.statusCode).json({ ...body, requestId: res.locals.requestId });
  });

  // Entered after body parsing: the parsers resume on socket events, outside any async context.
  app.use((req: Request, res: Response, next: NextFunction) => {
    RequestContext.run(
      { requestId: res.locals.requestId as string, ip: req.ip, userAgent: req.header('user-agent')?.slice(0, 200) },
      next,
    );
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
}
