import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

const CLIENT_NAME = '随访测试客户';
const TASK_TITLE = '复查血压电话随访（E2E）';
const PLANS_CLIENT_NAME = '随访计划测试客户';
const SINGLE_TASK_TITLE = '上门测量血压（E2E）';
const TAG_TEMPLATE_NAME = '高血压加标签随访（E2E）';

/** A bearer token for the API calls that set the scene (a client and a task made by hand). */
async function apiToken(request: APIRequestContext): Promise<string> {
  for (const password of [E2E.adminNewPassword, E2E.adminInitialPassword]) {
    const response = await request.post('/api/v1/auth/login', { data: { username: E2E.adminUsername, password } });
    if (response.ok()) return ((await response.json()) as { accessToken: string }).accessToken;
  }
  throw new Error('cannot sign in to the API');
}

async function postJson<T>(request: APIRequestContext, token: string, path: string, data: unknown): Promise<T> {
  const response = await request.post(path, { data, headers: { Authorization: `Bearer ${token}` } });
  expect([200, 201], await response.text()).toContain(response.status());
  return (await response.json()) as T;
}

/** 0.1 s of silence as a 16-bit mono 8 kHz PCM WAV file (44-byte header + 1,600 bytes of zeros). */
function silentWav(): Buffer {
  const sampleRate = 8000;
  const data = Buffer.alloc((sampleRate / 10) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test('follow-ups: the workbench lists a task for today, record 已接通 with satisfaction, upload a recording and play it', async ({
  page,
  request,
}) => {
  await signIn(page);
  const token = await apiToken(request);
  const me = await (await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } })).json();
  const client = await postJson<{ id: string }>(request, token, '/api/v1/clients', {
    name: CLIENT_NAME,
    gender: 'female',
    birthDate: '1968-05-12',
  });
  const task = await postJson<{ id: string }>(request, token, '/api/v1/follow-up-tasks', {
    clientId: client.id,
    title: TASK_TITLE,
    method: 'phone',
    dueAt: new Date().toISOString(),
    windowDaysAfter: 3,
    assigneeUserId: (me as { id: string }).id,
  });

  // The workbench: my tasks for today, counted on the tab.
  await page.goto('/follow-ups');
  await expect(page.getByTestId('follow-up-kpis')).toContainText('按时率');
  await expect(page.getByTestId('follow-up-view-today')).toContainText(/今日\s*1/);
  // The team's workload: the administrator holds the one open task, due today.
  await page.getByTestId('follow-up-workload').click();
  await expect(page.locator('.el-popover').filter({ hasText: '今日到期' })).toBeVisible();
  await page.getByTestId('follow-up-workload').click();
  const open = page.getByTestId(`follow-up-task-${task.id}`);
  await expect(open).toHaveText(TASK_TITLE);

  // A manager reassigns ticked tasks at once (here to the same administrator); ticking does not open the task.
  await page
    .getByRole('row', { name: new RegExp(TASK_TITLE.replace(/[()（）]/g, '.')) })
    .locator('.el-checkbox')
    .click();
  await page.getByTestId('follow-up-bulk-reassign').click();
  await page.getByRole('dialog').locator('.el-select').click();
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: '系统管理员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已转派 1 个任务')).toBeVisible();
  await expect(page).toHaveURL(/\/follow-ups$/);
  await open.click();
  await page.waitForURL(`**/follow-ups/tasks/${task.id}`);
  await expect(page.getByTestId('follow-up-client-summary')).toContainText(CLIENT_NAME);
  await expect(page.getByTestId('follow-up-reschedule')).toBeVisible();
  await expect(page.getByTestId('follow-up-reassign')).toBeVisible();

  // One click on the outcome, four stars, a note, save: a reached record completes the task.
  const form = page.getByTestId('follow-up-record-form');
  await form.getByTestId('follow-up-outcome-reached').click();
  await form.getByTestId('follow-up-satisfaction').locator('.el-rate__item').nth(3).click();
  await form.getByTestId('follow-up-content').fill('血压控制平稳，按时服药。');
  await form.getByTestId('follow-up-record-save').click();
  await expect(page.getByTestId('follow-up-task-status')).toHaveText('已完成');
  await expect(page.getByTestId('follow-up-record-form')).toHaveCount(0);
  await expect(page.getByTestId('follow-up-cancel')).toHaveCount(0);

  const recording = page.locator('[data-testid^="follow-up-recording-"]').filter({ has: page.locator('input[type=file]') });
  await expect(recording).toHaveCount(1);
  await expect(recording).toContainText('无录音');
  const fileInput = recording.locator('input[type=file]');

  // Not audio: the API recognises the type from the content and answers 415, shown by the upload.
  await fileInput.setInputFiles({ name: 'notes.wav', mimeType: 'audio/wav', buffer: Buffer.from('not a recording at all') });
  await expect(page.getByTestId('follow-up-recording-error')).toContainText('不支持的录音格式');

  // A real (silent) WAV: uploaded with the bearer token, fetched back into a Blob URL, playable.
  await fileInput.setInputFiles({ name: 'call.wav', mimeType: 'audio/wav', buffer: silentWav() });
  const player = page.getByTestId('follow-up-player');
  await expect(player).toBeVisible();
  await expect(page.getByTestId('follow-up-recording-error')).toHaveCount(0);
  expect(await player.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(0.05);
  await page.screenshot({ path: shot('follow-up-task.png'), fullPage: true });

  // The client's 随访 tab shows the task on its timeline and the record with its recording.
  await page.goto(`/clients/${client.id}`);
  await page.getByRole('tab', { name: '随访' }).click();
  const tab = page.getByTestId('client-follow-ups');
  await expect(tab).toContainText(TASK_TITLE);
  await expect(tab).toContainText('已接通');
  await expect(tab.getByTestId('follow-up-play')).toBeVisible();

  // 随访模板: the seeded 检后随访 previews its three calls (1 week, 1 month, 3 months) on a timeline.
  await page.goto('/follow-up-templates');
  await page
    .getByRole('row', { name: /检后随访/ })
    .getByRole('button', { name: '编辑' })
    .click();
  await page.getByTestId('follow-up-template-preview').click();
  await expect(page.getByTestId('follow-up-template-timeline').locator('.el-timeline-item')).toHaveCount(3);

  // A second task cancelled by hand with a reason: closed, no more actions.
  const spare = await postJson<{ id: string }>(request, token, '/api/v1/follow-up-tasks', {
    clientId: client.id,
    title: '多余的随访（E2E）',
    method: 'sms',
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    windowDaysAfter: 3,
  });
  await page.goto(`/follow-ups/tasks/${spare.id}`);
  await page.getByTestId('follow-up-cancel').click();
  await page.getByTestId('reason-dialog').locator('textarea').fill('客户已在外院复查');
  await page.getByTestId('reason-submit').click();
  await expect(page.getByTestId('follow-up-task-status')).toHaveText('已取消');
  await expect(page.getByTestId('follow-up-cancel')).toHaveCount(0);
});

/** Element Plus selects are not native: open one and click the option. */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .click();
}

/** `YYYY-MM-DD HH:mm:ss` in the browser's zone (Asia/Shanghai), as the date-time picker types it. */
function pickerText(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

// Runs after the test above in this file: the workbench counts there must not see these tasks.
test('follow-ups: on the client tab a plan from a template is paused, resumed and stopped, a single task added; a template picks its tag and shows its versions', async ({
  page,
  request,
}) => {
  await signIn(page);
  const token = await apiToken(request);
  const client = await postJson<{ id: string }>(request, token, '/api/v1/clients', {
    name: PLANS_CLIENT_NAME,
    gender: 'male',
    birthDate: '1961-09-23',
  });

  await page.goto(`/clients/${client.id}`);
  await page.getByRole('tab', { name: '随访' }).click();
  const tab = page.getByTestId('client-follow-ups');
  await expect(tab).toContainText('暂无随访计划');

  // 新建随访: 检后随访 by hand, its three calls previewed before it starts.
  await tab.getByTestId('new-follow-up').click();
  const dialog = page.getByTestId('new-follow-up-dialog');
  await choose(page, dialog.getByTestId('new-follow-up-template'), '检后随访');
  await expect(dialog.getByTestId('new-follow-up-preview').locator('.el-timeline-item')).toHaveCount(3);
  await dialog.getByTestId('new-follow-up-submit').click();
  await expect(page.getByText('随访计划已创建')).toBeVisible();
  const plan = tab.getByTestId('follow-up-plan').filter({ hasText: '检后随访' });
  await expect(plan.getByTestId('follow-up-plan-status')).toHaveText('进行中');
  await expect(plan.locator('.el-timeline-item')).toHaveCount(3);
  await expect(plan).toContainText('手动创建');

  // Pause: only 恢复 and 停止 are offered; resume: back to 进行中.
  await plan.getByTestId('follow-up-plan-pause').click();
  await expect(plan.getByTestId('follow-up-plan-status')).toHaveText('已暂停');
  await expect(plan.getByTestId('follow-up-plan-pause')).toHaveCount(0);
  await plan.getByTestId('follow-up-plan-resume').click();
  await expect(plan.getByTestId('follow-up-plan-status')).toHaveText('进行中');

  // Stop with a reason: its open tasks are cancelled, nothing more to do on it.
  await plan.getByTestId('follow-up-plan-stop').click();
  await page.getByTestId('reason-dialog').locator('textarea').fill('客户已转至外院随访');
  await page.getByTestId('reason-submit').click();
  await expect(plan.getByTestId('follow-up-plan-status')).toHaveText('已停止');
  await expect(plan.getByTestId('follow-up-plan-stop-reason')).toHaveText('停止原因：客户已转至外院随访');
  await expect(plan.locator('.el-timeline-item').filter({ hasText: '已取消' })).toHaveCount(3);
  await expect(plan.getByRole('button')).toHaveCount(0);

  // A single task by hand: a home visit the day after tomorrow, for the administrator.
  await tab.getByTestId('new-follow-up').click();
  await dialog.getByTestId('new-follow-up-kind-task').click();
  await dialog.getByTestId('new-follow-up-title').fill(SINGLE_TASK_TITLE);
  await choose(page, dialog.getByTestId('new-follow-up-method'), '上门');
  const due = dialog.getByPlaceholder('请选择到期时间');
  await due.fill(pickerText(new Date(Date.now() + 2 * 86_400_000)));
  await due.press('Enter');
  await choose(page, dialog.getByTestId('new-follow-up-assignee'), '系统管理员');
  await dialog.getByTestId('new-follow-up-submit').click();
  await expect(page.getByText('随访任务已创建')).toBeVisible();
  const single = tab.locator('.el-card').filter({ hasText: '单次随访任务' });
  await expect(single).toContainText(SINGLE_TASK_TITLE);
  await expect(single).toContainText('上门');

  // A second plan that stays active, so the tab shows what a running plan offers.
  const templates = await (
    await request.get('/api/v1/follow-up-templates', { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  const welcome = (templates as { id: string; seedKey: string | null }[]).find((t) => t.seedKey === 'new-card-welcome')!;
  await postJson(request, token, '/api/v1/follow-up-plans', { clientId: client.id, templateId: welcome.id });
  await page.reload();
  await page.getByRole('tab', { name: '随访' }).click();
  const running = tab.getByTestId('follow-up-plan').filter({ hasText: '新卡欢迎电话' });
  await expect(running.getByTestId('follow-up-plan-pause')).toBeVisible();
  await expect(running.getByTestId('follow-up-plan-stop')).toBeVisible();
  await page.screenshot({ path: shot('client-follow-up-plans.png'), fullPage: true });

  // 随访模板: a tag.added template picks 高血压 by name (saved inactive, so no client gets it).
  await page.goto('/follow-up-templates');
  await page.getByTestId('follow-up-template-create').click();
  const form = page.getByTestId('follow-up-template-form');
  await form.getByTestId('follow-up-template-name').fill(TAG_TEMPLATE_NAME);
  await choose(page, form.getByTestId('follow-up-trigger-type'), '添加标签');
  await choose(page, form.getByTestId('follow-up-trigger-tags'), /^高血压/);
  await form.getByTestId('follow-up-template-name').click();
  await form
    .locator('.el-checkbox')
    .filter({ hasText: /^启用$/ })
    .click();
  await form
    .getByTestId('follow-up-step-0')
    .locator('.el-form-item')
    .filter({ hasText: '随访标题' })
    .locator('input')
    .fill('加标签后1周随访');
  await page.getByTestId('follow-up-template-save').click();
  await expect(page.getByText('已保存')).toBeVisible();

  const row = page.getByRole('row', { name: new RegExp(TAG_TEMPLATE_NAME) });
  await expect(row).toContainText('停用');
  await row.getByRole('button', { name: '编辑' }).click();
  await expect(form.getByTestId('follow-up-trigger-tags')).toContainText('高血压');
  await form.getByTestId('follow-up-step-0').getByPlaceholder('P7D / P1M / PT30S').fill('P14D');
  await page.getByTestId('follow-up-template-save').click();
  await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible();

  // 版本历史: version 2 moved the call; version 1 created the template on 高血压, both by the administrator.
  await row.getByRole('button', { name: '版本历史' }).click();
  const versions = page.getByTestId('follow-up-template-versions');
  await expect(versions.getByTestId('follow-up-template-version-2')).toContainText(
    '步骤 1（加标签后1周随访）：距触发 P7D → P14D',
  );
  await expect(versions.getByTestId('follow-up-template-version-2')).toContainText('系统管理员');
  const created = versions.getByTestId('follow-up-template-version-1');
  await expect(created).toContainText('创建模板');
  await expect(created).toContainText('添加标签：高血压');
  await expect(created).toContainText('加标签后1周随访 · P7D · 电话');
  await page.screenshot({ path: shot('follow-up-template-versions.png'), fullPage: true });
});
