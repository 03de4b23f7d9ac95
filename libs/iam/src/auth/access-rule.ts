import { Reflector } from '@nestjs/core';
import { AUTHENTICATED_ONLY, PLATFORM_ADMIN_ONLY, PUBLIC_ROUTE, REQUIRED_PERMISSIONS } from '@health/core';

export type AccessRule =
  { kind: 'public' } | { kind: 'permissions'; permissions: string[] } | { kind: 'authenticated' } | { kind: 'platform-admin' };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

function ruleOn(reflector: Reflector, target: Target): AccessRule | undefined {
  if (reflector.get<boolean>(PUBLIC_ROUTE, target)) return { kind: 'public' };
  if (reflector.get<boolean>(PLATFORM_ADMIN_ONLY, target)) return { kind: 'platform-admin' };
  const permissions = reflector.get<string[] | undefined>(REQUIRED_PERMISSIONS, target);
  if (permissions?.length) return { kind: 'permissions', permissions };
  if (reflector.get<boolean>(AUTHENTICATED_ONLY, target)) return { kind: 'authenticated' };
  return undefined;
}

/**
 * The access rule of a route: the handler's own declaration, else its controller's. A handler
 * never merges with its controller, so `@Public()` on a controller cannot leak into a handler that
 * asks for permissions, nor the reverse. `undefined` means the route declared nothing: refuse it.
 */
export function accessRuleOf(reflector: Reflector, handler: Target, controller: Target): AccessRule | undefined {
  return ruleOn(reflector, handler) ?? ruleOn(reflector, controller);
}
