import { ExecutionContext, Logger } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_OPTIONS, AuditOptions } from './audit.decorators';
import { AuditService } from './audit.service';
import { AuditEntry, AuditOutcome } from './audit.types';
import { describeError } from '../logging/describe-error';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TARGET_ID = /^[A-Za-z0-9_-]{1,64}$/;
const AUDITED_WRITE = Symbol('health.auditedWrite');

/** What the audit row of a write request will say, kept on the request until its response. */
interface AuditedWrite {
  action: string;
  targetType?: string;
  paramId?: string;
  responseIdPath: string;
  /** The id in the response body, once it is known. */
  bodyTargetId?: string;
}

type MarkedRequest = FastifyRequest & { [AUDITED_WRITE]?: AuditedWrite };

function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}

/** Ids only: anything else a caller put in the URL could be personal data and stays out of the log. */
function asTargetId(value: unknown): string | undefined {
  return typeof value === 'string' && TARGET_ID.test(value) ? value : undefined;
}

/** The route's `:id` parameter, when it has one that can be an id. */
function paramIdOf(request: FastifyRequest): string | undefined {
  return asTargetId((request.params as { id?: unknown } | undefined)?.id);
}

function valueAt(body: unknown, path: string): string | undefined {
  return asTargetId(path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body));
}

/** `v1/follow-up-tasks` → `follow-up-tasks`. */
function resourceOf(controllerPath: unknown): string | undefined {
  const path = Array.isArray(controllerPath) ? controllerPath[0] : controllerPath;
  if (typeof path !== 'string') return undefined;
  return path.split('/').find((segment) => segment && !/^v\d+$/.test(segment) && !segment.startsWith(':'));
}

export interface AuditedRoute {
  options: AuditOptions;
  action: string;
  targetType?: string;
  /** The route's `:id` parameter, when it has one. */
  paramId?: string;
}

type RouteAudit = Omit<AuditedRoute, 'paramId'>;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const routeAudits = new WeakMap<Function, WeakMap<Function, RouteAudit>>();

/** Decorators are fixed once the application has started: read a route's once. */
function routeAuditOf(reflector: Reflector, context: ExecutionContext): RouteAudit {
  const controller = context.getClass();
  const handler = context.getHandler();
  let byHandler = routeAudits.get(controller);
  if (!byHandler) routeAudits.set(controller, (byHandler = new WeakMap()));
  let found = byHandler.get(handler);
  if (!found) {
    const options: AuditOptions = {
      ...reflector.get<AuditOptions | undefined>(AUDIT_OPTIONS, controller),
      ...reflector.get<AuditOptions | undefined>(AUDIT_OPTIONS, handler),
    };
    found = {
      options,
      action: options.action ?? handler.name,
      targetType: options.targetType ?? resourceOf(reflector.get(PATH_METADATA, controller)),
    };
    byHandler.set(handler, found);
  }
  return found;
}

/** Action and target an audit row about this request should carry (used for writes and for refusals). */
export function describeAuditedRoute(reflector: Reflector, context: ExecutionContext): AuditedRoute {
  return { ...routeAuditOf(reflector, context), paramId: paramIdOf(context.switchToHttp().getRequest<FastifyRequest>()) };
}

/**
 * Marks an allowed write request (POST/PUT/PATCH/DELETE) for the audit row `recordAuditedWrites`
 * writes when its response is ready. Called by the access guard once it lets the request through:
 * a refused request gets the guard's own `denied` row instead.
 */
export function markAuditedWrite(reflector: Reflector, context: ExecutionContext): void {
  if (context.getType() !== 'http') return;
  const request = context.switchToHttp().getRequest<MarkedRequest>();
  if (!WRITE_METHODS.has(request.method)) return;
  const { options, action, targetType } = routeAuditOf(reflector, context);
  if (options.skip) return;
  request[AUDITED_WRITE] = { action, targetType, paramId: paramIdOf(request), responseIdPath: options.responseIdPath ?? 'id' };
}

/**
 * Records one audit row for every marked write request, whatever its outcome, before its response
 * leaves: Fastify waits for `onSend`. The outcome comes from the status (a validation error, a
 * conflict and a crash all end in the response the error filter sends); the target is the route's
 * `:id`, or for a success the id in the response body. Only ids go into the row: never the body.
 *
 * Fastify hooks rather than a Nest interceptor: with any global interceptor Nest wraps every
 * request in a ReplaySubject, a client-disconnect observable and an operator chain, which cost the
 * API 5 % of its CPU per request.
 */
export function recordAuditedWrites(http: FastifyInstance, audit: AuditService): void {
  const logger = new Logger('Audit');
  // The body's id is read before serialisation (objects only; files and streams have none).
  http.addHook('preSerialization', (request: MarkedRequest, _reply, payload, done) => {
    const write = request[AUDITED_WRITE];
    if (write && write.paramId === undefined) write.bodyTargetId = valueAt(payload, write.responseIdPath);
    done(null, payload);
  });
  http.addHook('onSend', (request: MarkedRequest, reply, payload, done) => {
    const write = request[AUDITED_WRITE];
    if (!write) return done(null, payload);
    // Once: an error while sending may send again.
    request[AUDITED_WRITE] = undefined;
    const outcome = outcomeOf(reply.statusCode);
    const entry: AuditEntry = {
      action: write.action,
      outcome,
      targetType: write.targetType,
      targetId: write.paramId ?? (outcome === 'success' ? write.bodyTargetId : undefined),
    };
    // The change itself is committed by now, so a failing audit write must not turn it into an
    // error response; it is logged loudly instead.
    audit.record(entry).then(
      () => done(null, payload),
      (err: unknown) => {
        logger.error({ msg: 'could not write audit row', action: entry.action, error: describeError(err) });
        done(null, payload);
      },
    );
  });
}
