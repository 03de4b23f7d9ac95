import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E } from './e2e-env.ts';

async function fillLogin(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder('请输入用户名').fill(E2E.adminUsername);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in as the initial administrator, whether or not an earlier test changed the password. */
export async function signIn(page: Page): Promise<void> {
  await fillLogin(page, E2E.adminInitialPassword);
  const outcome = await Promise.race([
    page.waitForURL(/\/change-password/).then(() => 'change' as const),
    page
      .getByTestId('user-menu')
      .waitFor()
      .then(() => 'in' as const),
    page
      .getByTestId('login-error')
      .waitFor()
      .then(() => 'error' as const),
  ]);
  if (outcome === 'error') {
    await fillLogin(page, E2E.adminNewPassword);
  } else if (outcome === 'change') {
    await page.locator('input[name="currentPassword"]').fill(E2E.adminInitialPassword);
    await page.locator('input[name="newPassword"]').fill(E2E.adminNewPassword);
    await page.locator('input[name="confirmPassword"]').fill(E2E.adminNewPassword);
    await page.getByTestId('password-submit').click();
  }
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** A bearer token for API calls that stand in for other systems (an exam system sending reports). */
export async function apiToken(request: APIRequestContext): Promise<string> {
  for (const password of [E2E.adminNewPassword, E2E.adminInitialPassword]) {
    const response = await request.post('/api/v1/auth/login', { data: { username: E2E.adminUsername, password } });
    if (response.ok()) return ((await response.json()) as { accessToken: string }).accessToken;
  }
  throw new Error('cannot sign in to the API');
}
