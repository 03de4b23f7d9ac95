/** Shared by playwright.config.ts (passed to tools/e2e-server.mjs) and the tests. */
export const E2E = {
  port: 3100,
  baseUrl: 'http://127.0.0.1:3100',
  adminUsername: 'admin',
  /** ADMIN_INITIAL_PASSWORD of the throwaway server. */
  adminInitialPassword: 'E2e-Initial-Passw0rd!',
  /** Used when the server demands a password change at first sign-in. */
  adminNewPassword: 'E2e-Changed-Passw0rd#2025',
  /** Relative to this directory: <repo>/test-results/admin-screenshots. */
  screenshotDir: '../../../test-results/admin-screenshots',
} as const;
