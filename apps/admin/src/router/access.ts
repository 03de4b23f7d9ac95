import type { RouteMeta } from 'vue-router';

export interface AccessSubject {
  can(required: string | readonly string[]): boolean;
  readonly isPlatformAdmin: boolean;
}

/** Whether the signed-in user may open a page: used by the route guard and to build the sidebar. */
export function canAccess(meta: RouteMeta, subject: AccessSubject): boolean {
  if (meta.platformAdmin && !subject.isPlatformAdmin) return false;
  return !meta.permission || subject.can(meta.permission);
}

/** Only same-origin paths: `?redirect=` must not send the user to another site after login. */
export function safeRedirect(value: unknown, fallback = '/'): string {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return fallback;
  return target;
}
