import { createRouter, createWebHistory, type Router } from 'vue-router';
import { setSessionEvents } from '@/api/client';
import type { SessionStore } from '@/stores/session';
import { createAuthGuard, LOGIN } from './guard';
import { routes } from './routes';

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}

/**
 * Connects router and session: the guard on every navigation, and when the API ends the session
 * (refresh refused) the user lands on the login page with "session expired", keeping their place.
 */
export function installSessionRouting(router: Router, session: SessionStore): void {
  router.beforeEach(createAuthGuard(() => session));
  setSessionEvents({
    onRefreshed: (result) => {
      session.me = result.user;
    },
    onExpired: () => {
      session.clear();
      const current = router.currentRoute.value;
      if (current.name === LOGIN) return;
      void router.replace({ name: LOGIN, query: { expired: '1', redirect: current.fullPath } });
    },
  });
}
