import { CallHandler, ExecutionContext, HttpException, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { defer, lastValueFrom, Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import { AUDIT_OPTIONS, AuditOptions } from './audit.decorators';
import { AuditService } from './audit.service';
import { AuditEntry, AuditOutcome } from './audit.types';
import { describeError } from '../logging/describe-error';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TARGET_ID = /^[A-Za-z0-9_-]{1,64}$/;

function statusOf(error: unknown): number {
  if (error instanceof DomainError) return error.statusCode;
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}

function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}

/** Ids only: anything else a caller put in the URL could be personal data and stays out of the log. */
function asTargetId(value: unknown): string | undefined {
  return typeof value === 'string' && TARGET_ID.test(value) ? value : undefined;
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

/** Action and target an audit row about this request should carry (used for writes and for refusals). */
export function describeAuditedRoute(reflector: Reflector, context: ExecutionContext): AuditedRoute {
  const options: AuditOptions = {
    ...reflector.get<AuditOptions | undefined>(AUDIT_OPTIONS, context.getClass()),
    ...reflector.get<AuditOptions | undefined>(AUDIT_OPTIONS, context.getHandler()),
  };
  const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: { id?: unknown } }>>();
  return {
    options,
    action: options.action ?? context.getHandler().name,
    targetType: options.targetType ?? resourceOf(reflector.get(PATH_METADATA, context.getClass())),
    paramId: asTargetId(request.params?.id),
  };
}

/**
 * Records one audit row for every write request (POST/PUT/PATCH/DELETE), whatever its outcome,
 * before the response is sent. Only ids go into the row: never the request body.
 */
@Injectable()
export class AuditWritesInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!WRITE_METHODS.has(request.method)) return next.handle();
    const { options, action, targetType, paramId } = describeAuditedRoute(this.reflector, context);
    if (options.skip) return next.handle();

    // One promise instead of an operator chain: this runs on every write, and each rxjs operator
    // adds subscribers and closures per request.
    return defer(async () => {
      let body: unknown;
      try {
        body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        await this.safeRecord({ action, outcome: outcomeOf(statusOf(error)), targetType, targetId: paramId });
        throw error;
      }
      const targetId = paramId ?? valueAt(body, options.responseIdPath ?? 'id');
      await this.safeRecord({ action, outcome: 'success', targetType, targetId });
      return body;
    });
  }

  /**
   * The change itself has already been committed when this runs, so a failing audit write must
   * not turn a completed change into an error response; it is logged loudly instead.
   */
  private async safeRecord(entry: AuditEntry): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (err) {
      this.logger.error({ msg: 'could not write audit row', action: entry.action, error: describeError(err) });
    }
  }
}
