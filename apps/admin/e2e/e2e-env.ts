/** Shared by playwright.config.ts (passed to tools/e2e-server.mjs) and the tests. */
/** `E2E_PORT` lets two checkouts run their browser tests at once. */
const port = Number(process.env['E2E_PORT'] ?? 3100);

export const E2E = {
  port,
  baseUrl: `http://127.0.0.1:${port}`,
  adminUsername: 'admin',
  /** ADMIN_INITIAL_PASSWORD of the throwaway server. */
  adminInitialPassword: 'E2e-Initial-Passw0rd!',
  /** Used when the server demands a password change at first sign-in. */
  adminNewPassword: 'E2e-Changed-Passw0rd#2025',
  /** Relative to this directory: <repo>/test-results/admin-screenshots. */
  screenshotDir: '../../../test-results/admin-screenshots',
} as const;
