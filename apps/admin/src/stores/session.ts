import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, publicApi } from '@/api/client';
import { call } from '@/api/errors';
import { tokens } from '@/api/tokens';
import type { LoginResult, Me } from '@/api/types';

/** The signed-in user, their permissions and the session tokens. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  let loadingMe: Promise<boolean> | null = null;

  const isAuthenticated = computed(() => tokens.access !== null);
  const permissions = computed(() => new Set<string>(me.value?.permissions ?? []));
  const isPlatformAdmin = computed(() => me.value?.isPlatformAdmin ?? false);
  const mustChangePassword = computed(() => me.value?.mustChangePassword ?? false);

  /** A list means "any of these". */
  function can(required: string | readonly string[]): boolean {
    const codes = typeof required === 'string' ? [required] : required;
    return codes.length === 0 || codes.some((code) => permissions.value.has(code));
  }

  function applySession(result: LoginResult): void {
    tokens.set(result);
    me.value = result.user;
  }

  function clear(): void {
    tokens.clear();
    me.value = null;
  }

  async function login(username: string, password: string): Promise<Me> {
    const result = await call(publicApi.POST('/api/v1/auth/login', { body: { username, password } }));
    applySession(result);
    return result.user;
  }

  /** Loads the user behind a stored token (after a reload). `false` when there is no usable session. */
  function ensureMe(): Promise<boolean> {
    if (!tokens.access) return Promise.resolve(false);
    if (me.value) return Promise.resolve(true);
    loadingMe ??= call(api.GET('/api/v1/auth/me'))
      .then((user) => {
        me.value = user;
        return true;
      })
      .catch((err: unknown) => {
        if ((err as { status?: number }).status === 401) {
          clear();
          return false;
        }
        throw err;
      })
      .finally(() => {
        loadingMe = null;
      });
    return loadingMe;
  }

  /** Revokes the refresh token on the server; the local session ends even if that call fails. */
  async function logout(): Promise<void> {
    const refreshToken = tokens.refresh;
    try {
      if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refreshToken } });
    } catch {
      // Offline: the refresh token expires on its own.
    } finally {
      clear();
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await call(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
    if (me.value) me.value = { ...me.value, mustChangePassword: false };
  }

  return {
    me,
    isAuthenticated,
    permissions,
    isPlatformAdmin,
    mustChangePassword,
    can,
    applySession,
    clear,
    login,
    ensureMe,
    logout,
    changePassword,
  };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
