import type { NavigationGuard } from 'vue-router';
import { notifyError } from '@/utils/describe-error';
import { canAccess, type AccessSubject } from './access';

export interface GuardSession extends AccessSubject {
  readonly isAuthenticated: boolean;
  readonly mustChangePassword: boolean;
  ensureMe(): Promise<boolean>;
}

export const LOGIN = 'login';
export const CHANGE_PASSWORD = 'change-password';
export const FORBIDDEN = 'forbidden';
export const HOME = 'home';

/**
 * Every navigation: public pages pass; others need a session (else login, remembering where the
 * user was going), a changed password when the server demands one, and the page's permission.
 */
export function createAuthGuard(session: () => GuardSession): NavigationGuard {
  return async (to) => {
    const current = session();
    if (to.meta.public) {
      if (to.name === LOGIN && current.isAuthenticated && !to.query.expired) {
        const valid = await current.ensureMe().catch(() => false);
        if (valid) return { name: HOME };
      }
      return true;
    }
    if (!current.isAuthenticated) return { name: LOGIN, query: { redirect: to.fullPath } };

    let valid: boolean;
    try {
      valid = await current.ensureMe();
    } catch (err) {
      notifyError(err);
      return { name: LOGIN, query: { redirect: to.fullPath } };
    }
    if (!valid) return { name: LOGIN, query: { redirect: to.fullPath, expired: '1' } };

    if (current.mustChangePassword && to.name !== CHANGE_PASSWORD) {
      return { name: CHANGE_PASSWORD, query: { redirect: to.fullPath } };
    }
    if (!canAccess(to.meta, current)) return { name: FORBIDDEN };
    return true;
  };
}
