import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

/**
 * The shared sample reports (the repository's copy, checked against the originals by a spec):
 * 王志强's five yearly exams are rows of the bulk CSV.
 */
const BULK_CSV = join(here, '../../../libs/archives/src/demo/sample-reports/reports-bulk-20.csv');
const PATIENT = '王志强';
const YEARS = ['2021', '2022', '2023', '2024', '2025'];

interface ReportBody {
  source: string;
  externalId: string;
  examDate: string;
  institution: string;
  client: { name: string; gender: string; birthDate: string; idNumber: string; phone: string };
  items: Record<string, string>[];
  conclusions: string[];
}

const csvLines = () => readFileSync(BULK_CSV, 'utf8').trim().split('\n');

/** The CSV has no quoted fields (checked: every line has exactly 17 comma-separated fields). */
function reportsOf(name: string): ReportBody[] {
  const [header, ...lines] = csvLines();
  const columns = header!.split(',');
  const reports = new Map<string, ReportBody>();
  for (const line of lines) {
    const fields = line.split(',');
    expect(fields).toHaveLength(columns.length);
    const row = Object.fromEntries(columns.map((column, index) => [column, fields[index]!]));
    if (row.clientName !== name) continue;
    const key = `${row.source}/${row.externalId}`;
    let report = reports.get(key);
    if (!report) {
      report = {
        source: row.source!,
        externalId: row.externalId!,
        examDate: row.examDate!,
        institution: row.institution!,
        client: {
          name: row.clientName!,
          gender: row.gender!,
          birthDate: row.birthDate!,
          idNumber: row.idNumber!,
          phone: row.phone!,
        },
        items: [],
        conclusions: row.conclusions ? row.conclusions.split('|') : [],
      };
      reports.set(key, report);
    }
    const item: Record<string, string> = { name: row.itemName!, value: row.value! };
    for (const [field, column] of [
      ['unit', 'unit'],
      ['referenceRange', 'referenceRange'],
      ['flag', 'flag'],
      ['category', 'category'],
      ['code', 'itemCode'],
    ] as const) {
      if (row[column]) item[field] = row[column]!;
    }
    report.items.push(item);
  }
  return [...reports.values()];
}

/** A bearer token for the API calls that stand in for the partner systems sending reports. */
async function apiToken(request: APIRequestContext): Promise<string> {
  for (const password of [E2E.adminNewPassword, E2E.adminInitialPassword]) {
    const response = await request.post('/api/v1/auth/login', { data: { username: E2E.adminUsername, password } });
    if (response.ok()) return ((await response.json()) as { accessToken: string }).accessToken;
  }
  throw new Error('cannot sign in to the API');
}

async function sendReport(
  request: APIRequestContext,
  token: string,
  body: unknown,
  key: string,
): Promise<{ id: string; clientId: string; status: string }> {
  const response = await request.post('/api/v1/exam-reports', {
    data: body,
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
  });
  expect([200, 201], await response.text()).toContain(response.status());
  return (await response.json()) as { id: string; clientId: string; status: string };
}

test.describe.configure({ mode: 'serial' });

test('exam reports and trends: five yearly reports, the client trend tab, report pages and the mapping workbench', async ({
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

  // 王志强's five yearly reports as the exam systems send them (the 2022 one in mg/dL).
  const reports = reportsOf(PATIENT);
  expect(reports.map((report) => report.examDate.slice(0, 4))).toEqual(YEARS);
  let clientId = '';
  for (const report of reports) {
    const stored = await sendReport(request, token, report, `e2e-${report.externalId}`);
    expect(stored.status).toBe('processed');
    clientId ||= stored.clientId;
    expect(stored.clientId).toBe(clientId);
  }

  // Another client's report from a lab that prints its own item name: one item no dictionary name matches.
  const unmappedName = '血糖测定(酶法)';
  const odd = await sendReport(
    request,
    token,
    {
      source: 'e2e-lis',
      externalId: 'E2E-0001',
      examDate: '2025-08-01',
      institution: '测试检验所',
      client: { name: '吴静', gender: 'female', birthDate: '1988-12-25', idNumber: '370102198812250848', phone: '13800138257' },
      items: [
        { name: unmappedName, value: '6.4', unit: 'mmol/L', referenceRange: '3.9-6.1', flag: '↑', category: '生化' },
        { name: '收缩压', value: '118', unit: 'mmHg', category: '一般检查' },
      ],
    },
    'e2e-E2E-0001',
  );
  expect(odd.status).toBe('needs_mapping');

  // The client page: 体检报告 tab lists his five reports; one opens in a drawer.
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByTestId('client-header')).toContainText(PATIENT);
  await page.getByRole('tab', { name: '体检报告' }).click();
  const reportRows = page.locator('.el-tab-pane:visible .el-table__body-wrapper tbody tr');
  await expect(reportRows).toHaveCount(5);
  await page.getByTestId('report-open-KN-20250708-03786').first().click();
  const drawer = page.locator('.el-drawer').filter({ has: page.getByTestId('exam-report-detail') });
  await expect(drawer.getByTestId('report-value-FPG')).toHaveText('7.1↑');
  await expect(drawer.getByTestId('report-value-FPG')).toHaveClass(/report__value--abnormal/);
  await expect(drawer.getByText('总检结论')).toBeVisible();
  await page.screenshot({ path: shot('client-report-drawer.zh-CN.png') });
  await drawer.locator('.el-drawer__close-btn').click();
  await expect(drawer).toBeHidden();

  // 趋势分析: one canvas chart per default indicator and the 历年对比 table with five year columns.
  await page.getByRole('tab', { name: '趋势分析' }).click();
  const trends = page.getByTestId('client-trends');
  await expect(trends.getByTestId('trend-chart-SBP').locator('canvas').first()).toBeVisible();
  for (const code of ['SBP', 'DBP', 'FPG', 'TC', 'TG', 'LDL_C', 'HDL_C', 'UA', 'BMI']) {
    await expect(trends.getByTestId(`trend-chart-${code}`).locator('canvas').first()).toBeVisible();
  }
  await expect(trends.getByTestId('trend-stats-SBP')).toContainText('加重');
  await expect(trends.getByTestId('trend-stats-SBP')).toContainText('最近连续 2 次异常');
  const table = trends.getByTestId('trend-year-table');
  const yearHeaders = table.locator('thead th.year-table__year');
  await expect(yearHeaders).toHaveText(YEARS);
  await expect(table.getByTestId('year-cell-SBP-2025')).toContainText('146');
  await expect(table.getByTestId('year-cell-SBP-2025')).toHaveClass(/year-table__cell--abnormal/);
  await expect(table.getByTestId('year-cell-SBP-2022')).toContainText('132');
  // Sent as 106 mg/dL in 2022: converted to mmol/L (5.883) and shown at glucose's 2 decimals.
  await expect(table.getByTestId('year-cell-FPG-2022')).toContainText('5.88');
  await expect(table.getByTestId('year-cell-FPG-2022')).not.toContainText('5.883');
  await page.screenshot({ path: shot('client-trends.zh-CN.png') });
  // The content scrolls inside the layout, so the table under the charts gets a picture of its own.
  await table.scrollIntoViewIfNeeded();
  await table.screenshot({ path: shot('client-trend-table.zh-CN.png') });

  // The same tab in English.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(trends.getByTestId('trend-stats-SBP')).toContainText('Worsening');
  await expect(table.locator('thead')).toContainText('Reference');
  await page.screenshot({ path: shot('client-trends.en.png') });
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-zh-CN').click();

  // 体检报告 menu: the report list with its filters, and a report grouped by category.
  await page.getByRole('menuitem', { name: '报告列表' }).click();
  await expect(page).toHaveTitle('报告列表 · 健康管理系统');
  const listRows = page.locator('.el-table__body-wrapper tbody tr');
  await expect(listRows).toHaveCount(6);
  await page.getByTestId('report-filter-source').fill('heyi-intl');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(listRows).toHaveCount(1);
  await expect(listRows.first()).toContainText('2022-06-15');
  await page.screenshot({ path: shot('exam-reports.zh-CN.png'), fullPage: true });
  await page.getByTestId('report-open-HY20220615-0088').first().click();
  await expect(page).toHaveURL(/\/exam-reports\/[0-9a-f-]+$/);
  const detail = page.getByTestId('exam-report-detail');
  // Sent as 106 mg/dL: shown converted at 2 decimals, the sender's print on hover.
  await expect(detail.getByTestId('report-value-FPG')).toHaveText('5.88');
  await detail.getByTestId('report-value-FPG').hover();
  await expect(page.locator('.el-popper:visible')).toContainText('原始结果：106 mg/dL');
  await page.screenshot({ path: shot('exam-report-detail.zh-CN.png'), fullPage: true });

  // 报告导入: 孙丽's two reports from the bulk file, and a third whose exam date does not exist.
  const [header, ...lines] = csvLines();
  const sunLi = lines.filter((line) => line.split(',')[4] === '孙丽');
  const broken = sunLi
    .filter((line) => line.split(',')[2] === '2025-03-26')
    .map((line) => line.replace(/^([^,]*),([^,]*),2025-03-26,/, '$1,$2-X,2025-02-30,'));
  await page.getByRole('menuitem', { name: '报告导入' }).click();
  await page
    .getByTestId('exam-import-drop')
    .locator('input[type="file"]')
    .setInputFiles({
      name: '孙丽体检.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...sunLi, ...broken].join('\n'), 'utf8'),
    });
  await page.getByTestId('exam-import-upload').click();
  const importRow = page.locator('.el-table__body-wrapper tbody tr').first();
  await expect(importRow.getByTestId('exam-import-status')).toHaveText('已完成', { timeout: 60_000 });
  await expect(importRow).toContainText('已处理 3 / 3 份报告');
  // Columns: file, status, progress, accepted, rejected.
  await expect(importRow.locator('td').nth(3)).toHaveText('2');
  await expect(importRow.locator('td').nth(4)).toHaveText('1');
  await page.screenshot({ path: shot('exam-imports.zh-CN.png'), fullPage: true });

  // 指标映射: the unmapped name, mapped to 空腹血糖; the stored item is re-processed.
  await page.getByRole('menuitem', { name: '指标映射' }).click();
  await expect(page.getByRole('tab', { name: '待映射（1）' })).toBeVisible();
  await expect(page.locator('.el-table__body-wrapper tbody tr').first()).toContainText(unmappedName);
  await page.screenshot({ path: shot('indicator-mappings.zh-CN.png'), fullPage: true });
  await page.getByTestId(`map-${unmappedName}`).first().click();
  const dialog = page.locator('.el-dialog').filter({ hasText: `映射项目「${unmappedName}」` });
  await dialog.getByTestId('mapping-indicator').click();
  await page.keyboard.type('FPG');
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name: /空腹血糖 FPG/ })
    .click();
  await page.screenshot({ path: shot('indicator-mapping-dialog.zh-CN.png') });
  await dialog.getByTestId('mapping-submit').click();
  await expect(page.getByTestId('mapping-result')).toContainText(`「${unmappedName}」已映射到 FPG，重新处理了 1 个项目`);
  await expect(page.getByRole('tab', { name: '待映射（0）' })).toBeVisible();
  await page.screenshot({ path: shot('indicator-mapping-done.zh-CN.png'), fullPage: true });

  expect(consoleProblems).toEqual([]);
});
