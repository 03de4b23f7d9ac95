import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { apiToken, signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });

// The file's name makes it run after exam-reports-trends (files run in name order on one worker),
// whose report list counts the reports sent so far.

/** A fictional resident: 1958-09-09, male, with a valid GB 11643 check digit. */
const CLIENT = { name: '吴建设', gender: 'male', birthDate: '1958-09-09', idNumber: '110101195809090013', phone: '13900139911' };

test('advice: a hypertensive reading brings the seeded advice, staff edit it and approve the set', async ({ page, request }) => {
  const token = await apiToken(request);
  const report = await request.post('/api/v1/exam-reports', {
    data: {
      source: 'e2e-advice',
      externalId: 'ADVICE-1',
      examDate: '2025-09-01',
      client: CLIENT,
      items: [
        { name: '收缩压', value: '162', unit: 'mmHg' },
        { name: '舒张压', value: '101', unit: 'mmHg' },
      ],
    },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect([200, 201], await report.text()).toContain(report.status());
  const { clientId } = (await report.json()) as { clientId: string };
  // The worker tags the client 高血压 from the report; the tag event regenerates the advice.
  await expect
    .poll(
      async () => {
        const tags = await request.get(`/api/v1/clients/${clientId}/tags`, { headers: { Authorization: `Bearer ${token}` } });
        return ((await tags.json()) as { tags: { name: string }[] }).tags.map((tag) => tag.name);
      },
      { timeout: 30_000 },
    )
    .toContain('高血压');

  await signIn(page);
  await page.goto(`/clients/${clientId}`);
  await page.getByRole('tab', { name: '健康建议' }).click();
  const advice = page.getByTestId('client-advice');
  // Ordered by priority: the 就医建议 for blood pressure comes first.
  await expect(advice.getByTestId('advice-item-text').first()).toHaveValue(/定期测量并记录血压/, { timeout: 20_000 });

  // Staff reword the first item and save: the set stays a draft until approved.
  await advice.getByTestId('advice-item-text').first().fill('每天早晚各测一次血压并记录，复诊时带给医生。');
  await advice.getByTestId('advice-save').click();
  await expect(page.getByText('健康建议已保存')).toBeVisible();
  await advice.getByTestId('advice-finalize').click();
  await page.getByRole('dialog').getByRole('button', { name: '审定' }).click();
  await expect(advice.getByTestId('advice-status')).toHaveText('已审定');
  await expect(advice.getByTestId('advice-item-text').first()).toHaveValue('每天早晚各测一次血压并记录，复诊时带给医生。');
  await page.screenshot({ path: join(screenshots, 'client-advice.png'), fullPage: true });
});
