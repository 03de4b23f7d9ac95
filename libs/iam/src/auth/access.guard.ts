import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor, AuditService, DomainError, RequestContext, describeAuditedRoute, markAuditedWrite } from '@health/core';
import { accessRuleOf, AccessRule } from './access-rule';
import { CredentialsService } from './credentials.service';

/** The first value of a request header, as Express's `req.header()` gave it. */
const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Global guard: deny by default. A route must declare `@Public()`, `@Authenticated()`,
 * `@RequirePermissions(...)` or `@PlatformAdminOnly()`; anything else is refused. Authenticated
 * callers become the request's actor; refusals for lack of permission are audited, and writes it
 * lets through are marked for their audit row (`recordAuditedWrites`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private readonly rules = new WeakMap<Function, WeakMap<Function, AccessRule | undefined>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.ruleOf(context);
    if (!rule) {
      this.logger.error({ handler: `${context.getClass().name}.${context.getHandler().name}` }, 'route declares no access rule');
      throw DomainError.forbidden('PERMISSION_DENIED', 'This route declares no access rule');
    }
    if (rule.kind === 'public') {
      markAuditedWrite(this.reflector, context);
      return true;
    }

    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.credentials.authenticate(headerValue(headers.authorization), headerValue(headers['x-api-key']));
    RequestContext.setActor(actor);
    const refusal = this.refusal(rule, actor);
    if (refusal) {
      const route = describeAuditedRoute(this.reflector, context);
      await this.audit.record({ action: route.action, outcome: 'denied', targetType: route.targetType, targetId: route.paramId });
      throw DomainError.forbidden('PERMISSION_DENIED', refusal);
    }
    markAuditedWrite(this.reflector, context);
    return true;
  }

  /**
   * Decorators are fixed once the application has started: read a route's rule once (by controller
   * too, as an inherited handler may serve controllers with different rules).
   */
  private ruleOf(context: ExecutionContext): AccessRule | undefined {
    const [controller, handler] = [context.getClass(), context.getHandler()];
    let byHandler = this.rules.get(controller);
    if (!byHandler) this.rules.set(controller, (byHandler = new WeakMap()));
    if (!byHandler.has(handler)) byHandler.set(handler, accessRuleOf(this.reflector, handler, controller));
    return byHandler.get(handler);
  }

  private refusal(rule: Exclude<AccessRule, { kind: 'public' }>, actor: Actor): string | undefined {
    switch (rule.kind) {
      case 'platform-admin':
        return actor.isPlatformAdmin ? undefined : 'Only the platform administrator may do this';
      case 'authenticated':
        return actor.type === 'user' ? undefined : 'This operation needs a signed-in user';
      case 'permissions': {
        const missing = rule.permissions.filter((p) => !actor.permissions.has(p));
        return missing.length === 0 ? undefined : `Missing permission: ${missing.join(', ')}`;
      }
    }
  }
}
