import { ref } from 'vue';

/**
 * Where the session tokens live, and why.
 *
 * The access token is read from memory for every request. Both tokens are mirrored to
 * sessionStorage so that reloading the tab keeps the session, while closing the tab or the browser
 * ends it: clinic workstations are often shared, so nothing outlives the tab (localStorage would).
 * Web storage is not sent automatically with requests, so there is no CSRF surface. The refresh
 * token is not in an httpOnly cookie because the API contract hands tokens out in JSON bodies (the
 * same API serves third-party systems); the API's CSP (`script-src 'self'`) is what keeps injected
 * script away from them. Refresh tokens rotate on every use, so a stolen one is short-lived.
 */
const ACCESS_KEY = 'hp.accessToken';
const REFRESH_KEY = 'hp.refreshToken';

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage can be disabled (private mode); the session then lasts until the page is reloaded.
  }
}

const access = ref<string | null>(read(ACCESS_KEY));
const refresh = ref<string | null>(read(REFRESH_KEY));

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export const tokens = {
  get access(): string | null {
    return access.value;
  },
  get refresh(): string | null {
    return refresh.value;
  },
  set(pair: TokenPair): void {
    access.value = pair.accessToken;
    refresh.value = pair.refreshToken;
    write(ACCESS_KEY, pair.accessToken);
    write(REFRESH_KEY, pair.refreshToken);
  },
  clear(): void {
    access.value = null;
    refresh.value = null;
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
  },
};

export type TokenStore = typeof tokens;
