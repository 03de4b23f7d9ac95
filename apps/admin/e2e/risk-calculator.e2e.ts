import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

/** A bearer token for the API call that stands in for the exam system sending a report. */
async function apiToken(request: APIRequestContext): Promise<string> {
  for (const password of [E2E.adminNewPassword, E2E.adminInitialPassword]) {
    const response = await request.post('/api/v1/auth/login', { data: { username: E2E.adminUsername, password } });
    if (response.ok()) return ((await response.json()) as { accessToken: string }).accessToken;
  }
  throw new Error('cannot sign in to the API');
}

/** An exam with blood pressure, body measures, glucose and lipids; no questionnaire answers. */
const REPORT = {
  source: 'e2e-risk',
  externalId: 'E2E-RISK-0001',
  examDate: '2025-07-08',
  institution: '测试体检中心',
  client: { name: '赵建国', gender: 'male', birthDate: '1968-05-20', idNumber: '110105196805200019', phone: '13800138301' },
  items: [
    { name: '身高', value: '172.0', unit: 'cm', category: '一般检查' },
    { name: '体重', value: '79.3', unit: 'kg', category: '一般检查' },
    { name: '腰围', value: '96', unit: 'cm', category: '一般检查' },
    { name: '收缩压', value: '146', unit: 'mmHg', category: '一般检查' },
    { name: '舒张压', value: '93', unit: 'mmHg', category: '一般检查' },
    { name: '空腹血糖', value: '7.1', unit: 'mmol/L', category: '血糖' },
    { name: '总胆固醇', value: '5.74', unit: 'mmol/L', category: '血脂' },
    { name: '高密度脂蛋白胆固醇', value: '0.95', unit: 'mmol/L', category: '血脂' },
  ],
  conclusions: [],
};

const numberIn = (page: Page, name: string): Locator => page.getByTestId(`risk-field-${name}`).locator('input');

test('risk calculator: bp-grade from a generated form, a 422 shown on its field, then the category; the client’s 风险评估 tab', async ({
  page,
  request,
}) => {
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    // The browser logs the 422 this test provokes on purpose; anything else is a problem.
    if (message.type() === 'error' && !message.text().includes('status of 422')) consoleProblems.push(message.text());
  });

  await signIn(page);

  // 客户服务 › 风险计算器, then 血压水平分类 from the model list.
  await page.getByRole('menuitem', { name: '风险计算器' }).click();
  await expect(page).toHaveTitle('风险计算器 · 健康管理系统');
  await page.getByTestId('risk-model-select').click();
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name: /血压水平分类/ })
    .click();
  await expect(page.getByTestId('risk-field-sbp')).toContainText('范围 50–300 mmHg');

  // Required fields are asked for before anything is sent.
  await page.getByTestId('risk-compute').click();
  await expect(page.getByTestId('risk-field-sbp')).toContainText('请填写收缩压');

  // DBP not below SBP: the API's 422 lands on the DBP field, and no result is shown.
  await numberIn(page, 'age').fill('57');
  await numberIn(page, 'sbp').fill('150');
  await numberIn(page, 'dbp').fill('160');
  await page.getByTestId('risk-compute').click();
  await expect(page.getByTestId('risk-field-dbp')).toContainText('必须低于收缩压');
  await expect(page.getByTestId('risk-result')).toHaveCount(0);

  // A valid reading: grade 1 (SBP 150 is in [140, 160), DBP 95 in [90, 100)).
  await numberIn(page, 'dbp').fill('95');
  await page.getByTestId('risk-compute').click();
  const result = page.getByTestId('risk-result');
  await expect(result.getByTestId('risk-category')).toHaveText('1级高血压');
  await expect(result.getByTestId('risk-category')).toHaveAttribute('data-category', 'grade_1');
  await expect(result).toContainText('收缩压 › 分类');
  await expect(result).toContainText('150 mmHg');
  await page.screenshot({ path: shot('risk-calculator.png'), fullPage: true });

  // The English toggle relabels the form and the result.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('risk-compute')).toHaveText('Compute');
  await expect(result.getByTestId('risk-category')).toHaveText('grade 1 hypertension');
  await expect(page.getByTestId('risk-field-sbp')).toContainText('systolic blood pressure');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-zh-CN').click();

  // A client whose report gives blood pressure, body measures, glucose and lipids.
  const token = await apiToken(request);
  const response = await request.post('/api/v1/exam-reports', {
    data: REPORT,
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': 'e2e-risk-0001' },
  });
  expect([200, 201], await response.text()).toContain(response.status());
  const { clientId } = (await response.json()) as { clientId: string };

  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('client-header')).toContainText(REPORT.client.name);
  await page.getByRole('tab', { name: '风险评估' }).click();
  const tab = page.getByTestId('client-risk');
  // Assessments are computed when the report is ingested; refresh until they are there.
  await expect(async () => {
    await tab.getByRole('button', { name: '刷新' }).click();
    await expect(tab.getByTestId('risk-card-bp-grade')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const bp = tab.getByTestId('risk-card-bp-grade');
  await expect(bp.getByTestId('risk-category')).toHaveText('1级高血压');
  await expect(bp).toContainText('146 mmHg');
  await expect(bp).toContainText('体检报告入库');
  // China-PAR needs history the report cannot give: folded away below, saying what it lacks.
  const missingGroup = tab.getByTestId('risk-missing-group');
  await expect(missingGroup).toContainText('缺少输入的模型');
  await missingGroup.getByText('缺少输入的模型').click();
  await expect(missingGroup.getByTestId('risk-missing-china-par')).toContainText('缺少 正在服用降压药');
  // The content scrolls inside the layout: back to the top of the page for the picture.
  await page.getByTestId('client-header').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('client-risk.png') });

  // 在计算器中调整: the calculator opens on that model with the client's inputs.
  await bp.getByRole('button', { name: '在计算器中调整' }).click();
  await expect(page).toHaveURL(/\/risk-calculator\?model=bp-grade/);
  await expect(numberIn(page, 'sbp')).toHaveValue('146');
  await page.getByTestId('risk-compute').click();
  await expect(page.getByTestId('risk-result').getByTestId('risk-category')).toHaveText('1级高血压');

  expect(consoleProblems).toEqual([]);
});
