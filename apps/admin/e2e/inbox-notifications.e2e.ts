import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

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

/** Element Plus time pickers take typed text, committed with Enter. */
async function typeTime(page: Page, label: string, time: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(time);
  await input.press('Enter');
  await page.keyboard.press('Escape');
  await expect(input).toHaveValue(time);
}

test('notification settings, a message template and the inbox bell', async ({ page }) => {
  await signIn(page, E2E.adminUsername, [E2E.adminInitialPassword, E2E.adminNewPassword]);

  // The bell is in every page's header. Earlier browser tests may have left reminders for the
  // administrator (a follow-up task due today): 全部已读 clears the badge.
  const bell = page.getByTestId('inbox-bell');
  await expect(bell).toBeVisible();
  await bell.click();
  const readAll = page.getByTestId('inbox-read-all');
  await expect(readAll).toBeVisible();
  if (await readAll.isEnabled()) await readAll.click();
  await expect(page.getByTestId('inbox-unread').locator('.el-badge__content')).toBeHidden();
  await bell.click();

  // 通知设置: the quiet hours are saved, secrets are never shown.
  await page.getByRole('menuitem', { name: '通知设置' }).click();
  await expect(page).toHaveURL(/\/notification-settings$/);
  await expect(
    page.getByTestId('webhook-secret').locator('input').or(page.locator('input[data-testid="webhook-secret"]')).first(),
  ).toHaveAttribute('placeholder', '未配置');
  await typeTime(page, '开始时间', '22:30');
  await typeTime(page, '结束时间', '07:30');
  await page.getByTestId('notification-settings-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.screenshot({ path: shot('notification-settings.png'), fullPage: true });

  await page.reload();
  const quietStart = page.getByRole('combobox', { name: '开始时间' });
  await expect(quietStart).toHaveValue('22:30');

  // 消息模板: edit the in-app text of the due-task message.
  await page.getByRole('menuitem', { name: '消息模板' }).click();
  await expect(page).toHaveURL(/\/message-templates$/);
  await page.getByTestId('message-template-edit-follow-up.task-due-in_app').click();
  const drawer = page.getByTestId('message-template-drawer');
  await expect(drawer.getByTestId('message-template-variables')).toContainText('{{clientName}}');
  const text = '请于{{dueDate}}前完成客户{{clientName}}的{{method}}随访（E2E）。';
  await drawer
    .getByTestId('message-template-text')
    .locator('textarea')
    .or(drawer.locator('textarea[data-testid="message-template-text"]'))
    .first()
    .fill(text);
  await drawer.getByTestId('message-template-save').click();
  await expect(page.locator('.el-table__body tr', { hasText: '（E2E）' })).toHaveCount(1);

  // 通知记录: read-only, filtered on the server by status and channel.
  await page.getByRole('menuitem', { name: '通知记录' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const listed = page.waitForResponse((r) => r.url().includes('/api/v1/notifications?') && r.url().includes('status=failed'));
  await page.getByTestId('notification-status-filter').click();
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: '失败' }).click();
  expect((await listed).status()).toBe(200);
  await expect(page.getByText('暂无数据')).toBeVisible();

  // The bell leads to the 消息中心, where nothing is unread any more.
  await bell.click();
  await page.getByTestId('inbox-open-all').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId('inbox-page-read-all')).toBeDisabled();
});
