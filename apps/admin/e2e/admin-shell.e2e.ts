import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

async function fillLogin(page: Page, password: string): Promise<void> {
  await page.getByPlaceholder('请输入用户名').fill(E2E.adminUsername);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in as the initial administrator, changing the password when the server demands it. */
async function signIn(page: Page): Promise<void> {
  await fillLogin(page, E2E.adminInitialPassword);
  const changed = await Promise.race([
    page.waitForURL(/\/change-password/).then(() => true),
    page
      .getByTestId('user-menu')
      .waitFor()
      .then(() => false),
    page
      .getByTestId('login-error')
      .waitFor()
      .then(() => 'error' as const),
  ]);
  if (changed === 'error') {
    // A previous test of this run already changed the password.
    await fillLogin(page, E2E.adminNewPassword);
  } else if (changed) {
    await expect(page.getByText('为保障账户安全，请先修改密码后再继续使用系统。')).toBeVisible();
    await page.locator('input[name="currentPassword"]').fill(E2E.adminInitialPassword);
    await page.locator('input[name="newPassword"]').fill(E2E.adminNewPassword);
    await page.locator('input[name="confirmPassword"]').fill(E2E.adminNewPassword);
    await page.getByTestId('password-submit').click();
  }
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

test('login page: Chinese by default, wrong password explained', async ({ page }) => {
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login\?redirect=\/users$/);
  await expect(page).toHaveTitle('登录 · 健康管理系统');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();

  await page.getByTestId('login-submit').click();
  await expect(page.locator('.el-form-item__error').first()).toHaveText('请输入用户名');
  await page.screenshot({ path: shot('login.zh-CN.png') });

  await fillLogin(page, 'not-the-password-123');
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
});

test('sign in, switch language, open the users page', async ({ page }) => {
  // Console errors would reveal CSP violations, failed chunks or Vue warnings in the built app.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await signIn(page);
  await expect(page).toHaveTitle('工作台 · 健康管理系统');
  await page.screenshot({ path: shot('home.zh-CN.png') });

  // English and back; the choice survives a reload.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('menuitem', { name: 'Users' })).toBeVisible();
  await expect(page).toHaveTitle('Workspace · Health Management Platform');
  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Users' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-zh-CN').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page).toHaveTitle('用户管理 · 健康管理系统');
  const adminRow = page.locator('.el-table__body tr', { hasText: E2E.adminUsername }).first();
  await expect(adminRow).toBeVisible();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible(); // Element Plus pagination in Chinese
  await page.screenshot({ path: shot('users.zh-CN.png'), fullPage: true });

  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByText(/Total \d+/)).toBeVisible();
  await page.screenshot({ path: shot('users.en.png'), fullPage: true });
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-zh-CN').click();
  expect(consoleErrors).toEqual([]);
});
