import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { Logger as PinoLogger } from 'pino';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
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
const API_RESPONSE_HEADER_OBJECT = Object.fromEntries(API_RESPONSE_HEADERS);

/** What browsers on an allowed origin may send and read (the `cors` package's defaults, plus ours). */
const CORS_ALLOWED_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';
const CORS_EXPOSED_HEADERS = 'X-Request-Id,Retry-After';

/** JSON, and every `+json` type (FHIR partners send application/fhir+json). */
const JSON_TYPES = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** The request's path without its query string. */
export const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};

/** `/api/…`: the API's own routes, whose responses are JSON or files, never pages. */
export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** `/api/…` except Swagger UI's pages, which are documents. */
const isApiResponsePath = (path: string) => isApiPath(path) && path !== '/api/docs' && !path.startsWith('/api/docs/');

/**
 * Options of the Fastify instance the API runs on: the body limit, proxies trusted for the client
 * address (a reverse proxy on the same host), request ids (a caller's well-formed `X-Request-Id` is
 * kept so that its logs and ours share it, anything else is replaced), and a trailing slash that
 * changes nothing (`/api/v1/clients/` is `/api/v1/clients`, as it was under Express: integrations
 * that join URLs often leave one).
 */
export function fastifyOptions(config: AppConfig): FastifyServerOptions {
  return {
    bodyLimit: config.bodyLimitBytes,
    trustProxy: 'loopback',
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logger: false,
  };
}

/**
 * Everything an HTTP request passes through before a controller: security headers, CORS, request id
 * and context, body parsing with our error shape, access log, validation and the error filter.
 * The app must be created with `fastifyOptions` and `bodyParser: false` so the limits and errors
 * here apply.
 */
export function configureHttp(app: NestFastifyApplication, config: AppConfig, logger: PinoLogger): void {
  const http = app.getHttpAdapter().getInstance() as FastifyInstance;
  addResponseHeaders(http, config.corsOriginList);
  if (logger.isLevelEnabled('info')) addAccessLog(http, logger);
  addBodyParsers(http);
  // Entered once the body is read: Fastify calls the handler from this hook's `done`, so the
  // guards, the controller and everything they await run inside the request's context.
  http.addHook('preHandler', (request, _reply, done) => {
    RequestContext.run({ requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 200) }, done);
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
}

/** Request id, security headers (API set or helmet's document policy) and CORS, on every response. */
function addResponseHeaders(http: FastifyInstance, origins: readonly string[]): void {
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
  http.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // Only browsers on another origin send Origin; for everyone else CORS adds just the Vary header.
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin !== undefined && origins.includes(origin) && answerCrossOrigin(request, reply, origin)) return;
    if (isApiResponsePath(pathOf(request.url))) {
      reply.headers(API_RESPONSE_HEADER_OBJECT);
      return done();
    }
    // helmet writes to the Node response; Fastify merges those headers into the one it sends.
    documentHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}

/**
 * CORS for an allowed origin, as the `cors` package answers it with credentials. Answers a
 * preflight itself (204) and returns true then; other requests go on with the headers set.
 */
function answerCrossOrigin(request: FastifyRequest, reply: FastifyReply, origin: string): boolean {
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Allow-Credentials', 'true');
  reply.header('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  const preflightMethod = request.headers['access-control-request-method'];
  if (request.method !== 'OPTIONS' || preflightMethod === undefined) return false;
  reply.header('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS);
  const requestedHeaders = request.headers['access-control-request-headers'];
  if (requestedHeaders) reply.header('Access-Control-Allow-Headers', requestedHeaders);
  reply.header('Vary', 'Origin, Access-Control-Request-Headers');
  reply.headers(API_RESPONSE_HEADER_OBJECT);
  reply.code(204).send();
  return true;
}

function addAccessLog(http: FastifyInstance, logger: PinoLogger): void {
  http.addHook('onResponse', (request, reply, done) => {
    const path = pathOf(request.url);
    // Path only: query strings can hold search terms such as phone numbers.
    if (isApiPath(path)) {
      logger.info(
        { requestId: request.id, method: request.method, path, status: reply.statusCode, ms: reply.elapsedTime },
        'request',
      );
    }
    done();
  });
}

/**
 * Bodies are JSON only (the API contract). Other types are not read: a form-encoded body fails
 * validation like a missing one, and the upload routes read theirs themselves. An empty JSON body
 * counts as `{}`, as clients that always send the JSON content type expect.
 */
function addBodyParsers(http: FastifyInstance): void {
  // Fastify's own JSON parser, without `__proto__` and `constructor.prototype` keys.
  const parseJson = http.getDefaultJsonParser('error', 'error');
  http.removeAllContentTypeParsers();
  http.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, {});
    parseJson(request, body as string, (err, parsed) => {
      if (err) done(DomainError.badRequest('MALFORMED_JSON', 'The request body is not valid JSON'), undefined);
      else done(null, parsed);
    });
  });
  http.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
