import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

const CLIENT_NAME = '随访测试客户';
const TASK_TITLE = '复查血压电话随访（E2E）';

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
