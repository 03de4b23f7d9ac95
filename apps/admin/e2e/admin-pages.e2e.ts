import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

const AUDITOR = {
  username: 'auditor.wang',
  displayName: '审计员小王',
  password: 'Audit-Temp-Passw0rd!',
  newPassword: 'Audit-Own-Passw0rd#2025',
};

async function signIn(page: Page, username: string, passwords: string[]): Promise<void> {
  for (const password of passwords) {
    await page.goto('/login');
    await page.getByPlaceholder('请输入用户名').fill(username);
    await page.getByPlaceholder('请输入密码').fill(password);
    await page.getByTestId('login-submit').click();
    const outcome = await Promise.race([
      page
        .getByTestId('user-menu')
        .waitFor()
        .then(() => 'in' as const),
      page.waitForURL(/\/change-password/).then(() => 'change' as const),
      page
        .getByTestId('login-error')
        .waitFor()
        .then(() => 'error' as const),
    ]);
    if (outcome !== 'error') return;
  }
  throw new Error(`cannot sign in as ${username}`);
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Element Plus selects are not native: open the one labelled `label` and click an option. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  const item = scope
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) });
  await item.locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

const drawer = (page: Page, title: string) => page.locator('.el-drawer').filter({ has: page.getByText(title, { exact: true }) });

test.describe.configure({ mode: 'serial' });

test('roles and API keys: built-in roles read-only, a new key shown once, then revoked', async ({ page }) => {
  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);

  await page.goto('/roles');
  const adminRole = page.locator('.el-table__body tr', { hasText: '系统管理员' }).first();
  await expect(adminRole).toContainText('内置');
  await page
    .locator('.el-table__fixed-right, .el-table__body')
    .locator('tr', { hasText: 'admin' })
    .getByRole('button', { name: '查看', exact: true })
    .first()
    .click();
  const view = drawer(page, '查看角色');
  await expect(view.getByText('内置角色由系统维护')).toBeVisible();
  await expect(view.getByRole('checkbox', { name: '管理用户' })).toBeDisabled();
  await page.screenshot({ path: shot('roles-view.zh-CN.png') });
  await view.getByRole('button', { name: '关闭', exact: true }).click();

  await page.goto('/api-keys');
  await page.getByRole('button', { name: '新建密钥', exact: true }).click();
  const create = drawer(page, '新建密钥');
  await create.getByLabel('名称').fill('LIS 检验系统');
  await pick(page, create, '权限范围', /reports:write/);
  await create.getByRole('button', { name: '新建', exact: true }).click();

  const secret = page.getByTestId('api-key-secret');
  await expect(secret).toBeVisible();
  await expect(secret.locator('input').first()).toHaveValue(/^hp_/);
  await expect(secret.getByRole('button', { name: '关闭', exact: true })).toBeDisabled();
  await page.screenshot({ path: shot('api-key-created.zh-CN.png') });
  await secret.getByText('我已保存密钥').click();
  await secret.getByRole('button', { name: '关闭', exact: true }).click();

  const row = page.locator('.el-table__body tr', { hasText: 'LIS 检验系统' }).first();
  await expect(row).toContainText('启用');
  await page
    .locator('.el-table__fixed-right .el-table__body tr, .el-table__body tr')
    .getByRole('button', { name: '吊销', exact: true })
    .first()
    .click();
  await page.locator('.el-message-box').getByRole('button', { name: '吊销', exact: true }).click();
  await expect(row).toContainText('已吊销');
});

test('users: create an auditor, who must change the password and sees only the audit log and users', async ({ page }) => {
  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);
  await page.goto('/users');
  await page.getByTestId('user-create').click();
  const create = drawer(page, '新建用户');
  await create.getByRole('button', { name: '保存', exact: true }).click();
  await expect(create.getByText('请输入用户名')).toBeVisible();
  await create.getByLabel('用户名').fill(AUDITOR.username);
  await create.getByLabel('姓名').fill(AUDITOR.displayName);
  await pick(page, create, '角色', '审计员');
  await create.getByLabel('初始密码').fill(AUDITOR.password);
  await page.screenshot({ path: shot('user-create.zh-CN.png') });
  await create.getByTestId('user-save').click();
  await expect(page.locator('.el-table__body tr', { hasText: AUDITOR.username }).first()).toContainText('待改密');
  await signOut(page);

  await signIn(page, AUDITOR.username, [AUDITOR.password]);
  await expect(page).toHaveURL(/\/change-password/);
  await page.screenshot({ path: shot('change-password.zh-CN.png') });
  await page.locator('input[name="currentPassword"]').fill(AUDITOR.password);
  await page.locator('input[name="newPassword"]').fill(AUDITOR.newPassword);
  await page.locator('input[name="confirmPassword"]').fill(AUDITOR.newPassword);
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  await expect(page.getByRole('menuitem', { name: '审计日志' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '角色权限' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.locator('.el-table__body tr', { hasText: AUDITOR.username }).first()).toBeVisible();
  await expect(page.getByTestId('user-create')).toBeHidden();
  await page.goto('/roles');
  await expect(page.getByRole('main').getByText('无权访问')).toBeVisible();

  await page.goto('/audit');
  await expect(page.locator('.el-table__body tr', { hasText: 'auth.login' }).first()).toBeVisible();
  await page.getByTestId('audit-verify').click();
  // The verification runs as a job; the page follows its progress to the result.
  await expect(page.getByTestId('audit-verification')).toContainText('审计日志完整', { timeout: 20_000 });
  await page.screenshot({ path: shot('audit.zh-CN.png'), fullPage: true });
});

test('lockout is explained in minutes and an administrator can unlock', async ({ page }) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.goto('/login');
    await page.getByPlaceholder('请输入用户名').fill(AUDITOR.username);
    await page.getByPlaceholder('请输入密码').fill(`wrong-password-${attempt}`);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
  }
  await page.getByPlaceholder('请输入密码').fill(AUDITOR.newPassword);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText(/账户已锁定，请 1[45] 分钟后再试/);
  await page.screenshot({ path: shot('login-locked.zh-CN.png') });

  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);
  await page.goto('/users');
  await expect(page.locator('.el-table__body tr', { hasText: AUDITOR.username }).first()).toContainText('已锁定');
  await page
    .locator('.el-table__fixed-right .el-table__body tr, .el-table__body tr')
    .getByRole('button', { name: '解锁', exact: true })
    .first()
    .click();
  await expect(page.locator('.el-table__body tr', { hasText: AUDITOR.username }).first()).toContainText('启用');
});

test('an expired session returns to the login page with a message', async ({ page }) => {
  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);
  await page.goto('/users');
  await page.evaluate(() => {
    sessionStorage.setItem('hp.accessToken', 'expired');
    sessionStorage.setItem('hp.refreshToken', 'revoked');
  });
  await page.reload();
  await expect(page).toHaveURL(/\/login\?.*expired=1/);
  await expect(page.getByTestId('session-expired')).toHaveText('会话已过期，请重新登录');
});

test('organisations: the platform administrator sees the platform organisation', async ({ page }) => {
  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);
  await page.goto('/organisations');
  await expect(page.locator('.el-table__body tr', { hasText: '默认机构' }).first()).toContainText('平台机构');
  await page.getByRole('button', { name: '新建机构', exact: true }).click();
  await expect(drawer(page, '新建机构').getByText('将为新机构创建一名管理员账户')).toBeVisible();
  await page.screenshot({ path: shot('organisation-create.zh-CN.png') });
});
