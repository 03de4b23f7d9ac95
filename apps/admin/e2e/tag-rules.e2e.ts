import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { apiToken, signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

const RULE_NAME = '血压偏高（E2E）';
const MANUAL_NAME = '重点关注（E2E）';

/** A fictional resident ID number: the 17 digits given, then the ISO 7064 MOD 11-2 check digit. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** Two clients of their own (other e2e files use other people): one with high blood pressure, one normal. */
const HIGH = {
  name: '钱卫国',
  gender: 'male',
  birthDate: '1960-04-12',
  idNumber: residentId('11010119600412031'),
  phone: '13600136001',
  sbp: '152',
  dbp: '95',
};
const NORMAL = {
  name: '孙丽华',
  gender: 'female',
  birthDate: '1975-08-23',
  idNumber: residentId('11010119750823042'),
  phone: '13600136002',
  sbp: '118',
  dbp: '76',
};

async function sendBloodPressure(request: APIRequestContext, token: string, person: typeof HIGH): Promise<string> {
  const { sbp, dbp, ...client } = person;
  const response = await request.post('/api/v1/exam-reports', {
    data: {
      source: 'e2e-tags',
      externalId: `TAGS-${person.idNumber}`,
      examDate: '2025-06-18',
      institution: '标签测试体检中心',
      client,
      items: [
        { name: '收缩压', value: sbp, unit: 'mmHg', category: '一般检查' },
        { name: '舒张压', value: dbp, unit: 'mmHg', category: '一般检查' },
      ],
    },
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-tags-${person.idNumber}` },
  });
  expect([200, 201], await response.text()).toContain(response.status());
  return ((await response.json()) as { clientId: string }).clientId;
}

/** Element Plus selects are not native: open one, optionally type to filter, click the option. */
async function choose(page: Page, select: Locator, option: string | RegExp, filter?: string): Promise<void> {
  await select.click();
  if (filter) await page.keyboard.type(filter);
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .click();
}

test('tag rules: build a rule, preview how many clients match, save, see it re-evaluated and on the client', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });

  await signIn(page);
  const token = await apiToken(request);
  const highId = await sendBloodPressure(request, token, HIGH);
  const normalId = await sendBloodPressure(request, token, NORMAL);

  await page.getByRole('menuitem', { name: '标签管理' }).click();
  await expect(page).toHaveTitle('标签管理 · 健康管理系统');
  await page.getByTestId('tag-create').click();
  const drawer = page.locator('.el-drawer').filter({ has: page.getByTestId('tag-save') });
  await drawer.getByTestId('tag-name').fill(RULE_NAME);
  await drawer.getByTestId('tag-category').click();
  await page.keyboard.type('慢病风险');
  await page.keyboard.press('Enter');

  // 收缩压 最新值 ≥ 140 OR 舒张压 最新值 ≥ 90, with the builder.
  await drawer.getByTestId('condition-combinator').locator('.el-radio-button', { hasText: '任一满足' }).click();
  const rows = drawer.getByTestId('condition-row');
  await choose(page, rows.nth(0).getByTestId('condition-fact'), '收缩压 最新值', '收缩压');
  await expect(rows.nth(0).getByTestId('condition-operator')).toContainText('≥');
  await rows.nth(0).locator('.el-input-number input').fill('140');
  await expect(rows.nth(0)).toContainText('mmHg');
  await drawer.getByTestId('condition-add-row').click();
  await choose(page, rows.nth(1).getByTestId('condition-fact'), '舒张压 最新值', '舒张压');
  await rows.nth(1).locator('.el-input-number input').fill('90');

  // The preview counts clients over their current facts; facts follow the reports in a worker, so ask until both are in.
  const result = drawer.getByTestId('tag-preview-result');
  await expect(async () => {
    await drawer.getByTestId('tag-preview').click();
    const text = (await result.textContent({ timeout: 2_000 })) ?? '';
    const [, matching, evaluated] = /^当前 (\d+) \/ (\d+) 位客户符合$/.exec(text.trim()) ?? [];
    expect(Number(matching)).toBeGreaterThanOrEqual(1);
    expect(Number(evaluated)).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: shot('tag-rules.png') });

  // The advanced toggle shows the same condition as JSON Logic, and back.
  await drawer.getByTestId('condition-advanced').click();
  const json = JSON.parse(await drawer.getByTestId('condition-json').inputValue()) as unknown;
  expect(json).toEqual({ or: [{ '>=': [{ var: 'ind.SBP.value' }, 140] }, { '>=': [{ var: 'ind.DBP.value' }, 90] }] });
  await drawer.getByTestId('condition-advanced').click();
  await expect(rows).toHaveCount(2);

  await drawer.getByTestId('tag-save').click();
  await expect(drawer).toBeHidden();

  // In the list, re-evaluated by the worker: the high-pressure client is tagged, the other is not.
  const row = page.locator('.el-table__body tr', { hasText: RULE_NAME }).first();
  await expect(row).toContainText('收缩压 最新值 ≥ 140 mmHg 或 舒张压 最新值 ≥ 90 mmHg');
  await expect(row).toContainText('v1');
  await expect(row.getByTestId('tag-reevaluation')).toContainText(/新增 \d+ 位 · 移除 0 位/, { timeout: 30_000 });
  await page.screenshot({ path: shot('tag-rules-list.png'), fullPage: true });

  // Editing the rule opens it in the builder again, as two rows of an "any of" group.
  await row.getByRole('button', { name: '编辑', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(drawer.getByTestId('condition-combinator').locator('.is-active')).toHaveText('任一满足');
  await expect(rows.nth(1).locator('.el-input-number input')).toHaveValue('90');
  await drawer.getByRole('button', { name: '取消', exact: true }).click();
  await expect(drawer).toBeHidden();

  // A manual tag, for staff to put on clients by hand.
  await page.getByTestId('tag-create').click();
  await drawer.getByTestId('tag-name').fill(MANUAL_NAME);
  await drawer.getByTestId('tag-category').click();
  await page.keyboard.type('客户分层');
  await page.keyboard.press('Enter');
  await drawer.locator('.el-radio', { hasText: '手动标签' }).click();
  await expect(drawer.getByTestId('condition-row')).toHaveCount(0);
  await drawer.getByTestId('tag-save').click();
  await expect(page.locator('.el-table__body tr', { hasText: MANUAL_NAME }).first()).toContainText('由工作人员手动添加');

  // The client page shows the rule tag with its evidence on hover; it has no ×.
  await page.goto(`/clients/${highId}`);
  const tag = page.getByTestId('client-tag').filter({ hasText: RULE_NAME });
  await expect(tag).toBeVisible();
  await expect(tag.locator('.el-tag__close')).toHaveCount(0);
  await tag.hover();
  const evidence = page.getByTestId('client-tag-evidence').filter({ visible: true });
  await expect(evidence).toContainText('规则 v1 自动设置');
  await expect(evidence).toContainText('收缩压 最新值');
  await expect(evidence).toContainText('舒张压 最新值');
  await expect(evidence).toContainText('152 mmHg');
  await expect(evidence).toContainText('95 mmHg');
  await page.screenshot({ path: shot('client-tags.png') });

  // Staff add the manual tag with a note, see the note on hover, and take it off again.
  await page.getByTestId('client-tag-add').click();
  const addDialog = page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: '添加标签' }) });
  // The option shows the tag chip and its category.
  await choose(page, addDialog.locator('.el-select'), new RegExp(`^${MANUAL_NAME}`));
  await addDialog.getByPlaceholder('添加原因（选填），将作为依据保存').fill('年度会员，优先回访');
  await addDialog.getByRole('button', { name: '确定', exact: true }).click();
  await expect(addDialog).toBeHidden();
  const manual = page.getByTestId('client-tag').filter({ hasText: MANUAL_NAME });
  await manual.hover();
  await expect(page.getByTestId('client-tag-evidence').filter({ visible: true })).toContainText('年度会员，优先回访');
  await manual.locator('.el-tag__close').click();
  await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click();
  await expect(manual).toHaveCount(0);
  await expect(page.getByTestId('client-tag').filter({ hasText: RULE_NAME })).toBeVisible();

  await page.goto(`/clients/${normalId}`);
  await expect(page.getByTestId('client-header')).toContainText(NORMAL.name);
  await expect(page.getByTestId('client-tag')).toHaveCount(0);
  expect(consoleProblems).toEqual([]);
});
