import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiToken, signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);
/** Dialogs and dropdowns fade in and out: pictures are taken with transitions run to their end. */
const still = { animations: 'disabled' } as const;

/*
 * Runs after exam-reports-trends.e2e.ts (Playwright orders files by name with localeCompare, and
 * `exam-reports-trends-…` would sort *before* it): that file sent 王志强's five reports, 吴静's report
 * from e2e-lis and mapped its item 血糖测定(酶法) to FPG. This one reads them in English, then
 * changes, deletes and maps that mapping again, so the next files find the data as it was.
 */
const UNMAPPED_NAME = '血糖测定(酶法)';
const PATIENT = '王志强';

async function getJson<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const response = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

interface ReportDetail {
  status: string;
  groups: { items: { name: string; status: string; code: string | null }[] }[];
}

/** 吴静's report as stored: its status and what the lab's own glucose item is stored as. */
async function e2eLisReport(request: APIRequestContext, token: string): Promise<{ status: string; code: string | null }> {
  const list = await getJson<{ items: { id: string }[] }>(request, token, '/api/v1/exam-reports?source=e2e-lis');
  const detail = await getJson<ReportDetail>(request, token, `/api/v1/exam-reports/${list.items[0]!.id}`);
  const item = detail.groups.flatMap((group) => group.items).find((candidate) => candidate.name === UNMAPPED_NAME)!;
  return { status: detail.status, code: item.code };
}

async function switchLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${locale}`).click();
}

test.describe.configure({ mode: 'serial' });

test('exam reports in English, and changing, deleting and re-making a mapping in the workbench', async ({ page, request }) => {
  test.setTimeout(120_000);
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });

  await signIn(page);
  const token = await apiToken(request);
  const success = (text: string) => page.locator('.el-message--success').filter({ hasText: text });

  // The report list in English.
  await switchLanguage(page, 'en');
  await page.getByRole('menuitem', { name: 'Reports', exact: true }).click();
  const listRows = page.locator('.el-table__body-wrapper tbody tr');
  await page.getByTestId('report-filter-source').fill('heyi-intl');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(listRows).toHaveCount(1);
  await expect(page.locator('.el-table__header-wrapper thead')).toContainText('Exam date');
  await expect(listRows.first()).toContainText('Processed');
  await expect(listRows.first()).toContainText(PATIENT);
  await page.screenshot({ ...still, path: shot('exam-reports.en.png'), fullPage: true });

  // A report whose sender prints bilingual sections: the English half, and values at each indicator's decimals.
  await page.getByTestId('report-open-HY20220615-0088').first().click();
  const detail = page.getByTestId('exam-report-detail');
  await expect(detail.getByTestId('report-group-title')).toHaveText([
    'Vitals',
    'Hematology',
    'Chemistry',
    'Urinalysis',
    'ECG',
    'Imaging',
  ]);
  await expect(detail.getByTestId('report-value-FPG')).toHaveText('5.88');
  await expect(detail.getByTestId('report-value-TC')).toHaveText('5.35↑');
  await detail.getByTestId('report-value-FPG').hover();
  await expect(page.locator('.el-popper:visible')).toContainText('As sent：106 mg/dL');
  await page.screenshot({ ...still, path: shot('exam-report-detail-bilingual.en.png'), fullPage: true });

  // A report with Chinese sections: the dictionary's categories in English.
  await page.goBack();
  await page.getByTestId('report-filter-source').fill('kangning-pems');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('report-open-KN-20250708-03786').first().click();
  const titles = detail.getByTestId('report-group-title');
  await expect(titles.first()).toHaveText('General examination');
  await expect(titles).toContainText([
    'Complete blood count',
    'Routine urinalysis',
    'Liver function',
    'Kidney function',
    'Blood glucose',
    'Blood lipids',
    'ECG',
  ]);
  await expect(detail).not.toContainText('一般检查');
  await expect(detail.getByTestId('report-value-SBP')).toHaveText('146↑');
  await expect(detail.getByTestId('report-value-FPG')).toHaveText('7.1↑');
  await expect(detail).toContainText('Fasting plasma glucose');
  await page.screenshot({ ...still, path: shot('exam-report-detail.en.png'), fullPage: true });

  // The client's 历年对比 in English: categories translated, converted values at 2 decimals.
  await detail.getByRole('link', { name: PATIENT }).click();
  await page.getByRole('tab', { name: 'Trends' }).click();
  const table = page.getByTestId('trend-year-table');
  await expect(table.getByTestId('year-cell-FPG-2022')).toHaveText(/^5\.88/);
  await expect(table.locator('tbody')).toContainText('General examination');
  await expect(table.locator('tbody')).not.toContainText('一般检查');
  await table.scrollIntoViewIfNeeded();
  await table.screenshot({ ...still, path: shot('client-trend-table.en.png') });
  await switchLanguage(page, 'zh-CN');

  // 指标映射 › 已有映射: the lab's glucose item, mapped by the trends test, resolves one stored item.
  expect(await e2eLisReport(request, token)).toEqual({ status: 'processed', code: 'FPG' });
  await page.getByRole('menuitem', { name: '指标映射' }).click();
  await page.getByRole('tab', { name: '已有映射' }).click();
  const mappingRow = page.locator('.el-tab-pane:visible .el-table__body-wrapper tbody tr').filter({ hasText: UNMAPPED_NAME });
  await expect(mappingRow).toContainText('FPG');
  // Columns: item name, source, section filter, target, mapped items, …
  await expect(mappingRow.locator('td').nth(4)).toHaveText('1');

  // Change it to 餐后2小时血糖: the stored item is re-processed with the new indicator.
  await page.getByTestId(`mapping-edit-${UNMAPPED_NAME}`).first().click();
  const editDialog = page.getByTestId('mapping-edit-dialog');
  await expect(editDialog).toContainText(`修改映射「${UNMAPPED_NAME}」`);
  await expect(editDialog.getByTestId('mapping-edit-note')).toContainText('1 个已保存项目');
  await editDialog.getByTestId('mapping-indicator').click();
  await page.keyboard.type('PG2H');
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: /PG2H/ }).click();
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0);
  await page.screenshot({ ...still, path: shot('indicator-mapping-edit.zh-CN.png') });
  await editDialog.getByTestId('mapping-edit-submit').click();
  await expect(success(`「${UNMAPPED_NAME}」的映射已修改，重新处理了 1 个项目`)).toBeVisible();
  await expect(mappingRow).toContainText('PG2H');
  expect(await e2eLisReport(request, token)).toEqual({ status: 'processed', code: 'PG2H' });

  // Its 历史: the change on top, then the version the trends test created, each with its target.
  await page.getByTestId(`mapping-history-${UNMAPPED_NAME}`).first().click();
  const history = page.getByTestId('mapping-history');
  await expect(history).toContainText(`映射历史：${UNMAPPED_NAME}`);
  await expect(history.getByTestId('mapping-version-2')).toContainText('修改');
  await expect(history.getByTestId('mapping-version-2')).toContainText('当前版本');
  await expect(history.getByTestId('mapping-version-2').getByTestId('mapping-version-target')).toContainText('PG2H');
  await expect(history.getByTestId('mapping-version-1')).toContainText('创建');
  await expect(history.getByTestId('mapping-version-1').getByTestId('mapping-version-target')).toContainText('空腹血糖 FPG');
  await page.screenshot({ ...still, path: shot('indicator-mapping-history.zh-CN.png') });
  await history.getByRole('button', { name: /关闭|Close/ }).click();
  await expect(history).toBeHidden();

  // Delete it: the confirmation says how many stored items are re-processed; the item is raw again.
  await page.getByTestId(`mapping-delete-${UNMAPPED_NAME}`).first().click();
  const confirm = page.locator('.el-message-box');
  await expect(confirm).toContainText(`删除「${UNMAPPED_NAME}」的映射？此映射对应的 1 个已保存项目将重新处理`);
  await page.screenshot({ ...still, path: shot('indicator-mapping-delete-confirm.zh-CN.png') });
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(success(`已删除「${UNMAPPED_NAME}」的映射，重新处理了 1 个项目`)).toBeVisible();
  await expect(mappingRow).toHaveCount(0);
  expect(await e2eLisReport(request, token)).toEqual({ status: 'needs_mapping', code: null });

  // Back in 待映射, and mapped to 空腹血糖 again (the state the later files expect).
  await page.getByRole('tab', { name: /^待映射/ }).click();
  const unmappedRow = page.locator('.el-tab-pane:visible .el-table__body-wrapper tbody tr').filter({ hasText: UNMAPPED_NAME });
  await expect(unmappedRow).toContainText('e2e-lis');
  await page.screenshot({ ...still, path: shot('indicator-mapping-deleted.zh-CN.png'), fullPage: true });
  await page.getByTestId(`map-${UNMAPPED_NAME}`).first().click();
  const mapDialog = page.locator('.el-dialog').filter({ hasText: `映射项目「${UNMAPPED_NAME}」` });
  await mapDialog.getByTestId('mapping-indicator').click();
  await page.keyboard.type('FPG');
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name: /空腹血糖 FPG/ })
    .click();
  await mapDialog.getByTestId('mapping-submit').click();
  await expect(page.getByTestId('mapping-result')).toContainText(`「${UNMAPPED_NAME}」已映射到 FPG，重新处理了 1 个项目`);
  expect(await e2eLisReport(request, token)).toEqual({ status: 'processed', code: 'FPG' });

  // 指标字典: platform indicators are shown active and cannot be retired.
  await page.getByRole('tab', { name: '指标字典' }).click();
  const dictionary = page.getByTestId('indicator-dictionary');
  await dictionary.getByTestId('indicator-search').fill('FPG');
  await dictionary.getByRole('button', { name: '查询' }).click();
  await expect(dictionary.getByTestId('indicator-status-FPG')).toHaveText('启用');
  await expect(dictionary.getByTestId('indicator-retire-FPG')).toHaveCount(0);
  await expect(dictionary.locator('tbody tr').first()).toContainText('平台');
  await page.screenshot({ ...still, path: shot('indicator-dictionary.zh-CN.png'), fullPage: true });

  expect(consoleProblems).toEqual([]);
});
