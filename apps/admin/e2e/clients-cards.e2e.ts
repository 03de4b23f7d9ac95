import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiToken, signIn } from './admin-session.ts';
import { E2E } from './e2e-env.ts';

const screenshots = join(dirname(fileURLToPath(import.meta.url)), E2E.screenshotDir);
mkdirSync(screenshots, { recursive: true });
const shot = (name: string) => join(screenshots, name);

/**
 * A fictional resident ID number: region 110101, born 1990-03-07, sequence 123 (odd: male), and
 * check digit 3 by ISO 7064 MOD 11-2. The same with check digit 4 is wrong.
 */
const CLIENT = {
  name: '张建国',
  idNumber: '110101199003071233',
  wrongChecksum: '110101199003071234',
  idNumberMasked: '110101********1233',
  phone: '13812345678',
  phoneMasked: '138****5678',
};

/** Completed years of someone born on 1990-03-07, in the browser's time zone (Asia/Shanghai). */
function ageToday(): number {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return year - 1990 - (month < 3 || (month === 3 && day < 7) ? 1 : 0);
}

/** Calendar months added as the API does: a day the target month lacks becomes its last day. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Element Plus selects are not native: open the one labelled `label` and click an option. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  const item = scope
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) });
  await item.locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option }).click();
}

const drawer = (page: Page, title: string) => page.locator('.el-drawer').filter({ has: page.getByText(title, { exact: true }) });
const dialog = (page: Page, title: string | RegExp) =>
  page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: title }) });

/** The reason dialog of an audited action, then (when asked) the confirmation. */
async function giveReason(page: Page, title: string | RegExp, reason: string, confirm: boolean): Promise<void> {
  const reasonDialog = dialog(page, title);
  await reasonDialog.getByLabel('原因').fill(reason);
  await reasonDialog.getByTestId('reason-submit').click();
  if (confirm) await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click();
  await expect(reasonDialog).toBeHidden();
}

test.describe.configure({ mode: 'serial' });

test('clients and cards: card type, client with ID checks, open a card, freeze it', async ({ page }) => {
  // Vue warnings or failed requests of the new pages would show up here.
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  await signIn(page);
  await expect(page.getByRole('menuitem', { name: '客户管理' })).toBeVisible();

  // A card type with a service package.
  await page.getByRole('menuitem', { name: '会员卡类型' }).click();
  await expect(page).toHaveTitle('会员卡类型 · 健康管理系统');
  await page.getByTestId('card-type-create').click();
  const typeDrawer = drawer(page, '新建卡类型');
  await typeDrawer.getByLabel('名称').fill('年度健康管理卡');
  await typeDrawer.getByPlaceholder('follow-up').fill('follow-up');
  await typeDrawer.getByPlaceholder('例如：随访').fill('随访');
  await typeDrawer.getByRole('button', { name: '添加服务项目' }).click();
  await typeDrawer.getByPlaceholder('follow-up').nth(1).fill('consultation');
  await typeDrawer.getByPlaceholder('例如：随访').nth(1).fill('健康咨询');
  await typeDrawer.getByTestId('card-type-save').click();
  await expect(page.locator('.el-table__body tr', { hasText: '年度健康管理卡' }).first()).toContainText('随访 × 1');
  await page
    .locator('.el-table__fixed-right .el-table__body tr, .el-table__body tr')
    .getByRole('button', { name: '编辑', exact: true })
    .first()
    .click();
  const editType = drawer(page, '编辑卡类型');
  await editType.getByLabel('说明').fill('含全年随访与健康咨询');
  await editType.getByTestId('card-type-save').click();
  await expect(page.getByText('卡类型已更新')).toBeVisible();

  // A client: the ID number is checked before submitting, and fills in birth date and sex.
  await page.getByRole('menuitem', { name: '客户管理' }).click();
  await page.getByTestId('client-create').click();
  const clientDrawer = drawer(page, '新建客户');
  await clientDrawer.getByLabel('姓名').fill(CLIENT.name);
  await clientDrawer.getByLabel('证件号码').fill(CLIENT.wrongChecksum);
  await clientDrawer.getByLabel('手机号码').click();
  await expect(clientDrawer.getByText('身份证号码校验位不正确，请核对')).toBeVisible();
  await clientDrawer.getByLabel('证件号码').fill(CLIENT.idNumber);
  await clientDrawer.getByLabel('手机号码').fill('12345');
  await clientDrawer.getByLabel('住址').click();
  await expect(clientDrawer.getByText('请输入有效的 11 位手机号码')).toBeVisible();
  await clientDrawer.getByLabel('手机号码').fill(CLIENT.phone);
  await clientDrawer.getByLabel('住址').click();
  await expect(clientDrawer.getByText('请输入有效的 11 位手机号码')).toBeHidden();
  await expect(clientDrawer.getByPlaceholder('出生日期')).toHaveValue('1990-03-07');
  await expect(clientDrawer.getByRole('radio', { name: '男' })).toBeChecked();
  await page.screenshot({ path: shot('client-create.zh-CN.png') });
  await clientDrawer.getByTestId('client-save').click();

  // The 360° page shows the identity masked until an audited unmask.
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const header = page.getByTestId('client-header');
  await expect(header).toContainText(CLIENT.name);
  await expect(header).toContainText(`${ageToday()} 岁`);
  await expect(page.getByTestId('client-id-number')).toHaveText(CLIENT.idNumberMasked);
  await expect(page.getByTestId('client-phone')).toHaveText(CLIENT.phoneMasked);
  await page.getByTestId('client-unmask').click();
  await giveReason(page, '查看完整证件号码和手机号', '客户来电核实身份', false);
  await expect(page.getByTestId('client-id-number')).toHaveText(CLIENT.idNumber);
  await expect(page.getByTestId('client-phone')).toHaveText(CLIENT.phone);

  // Open a card starting today: it is active at once.
  await page.getByRole('tab', { name: '会员卡' }).click();
  await page.getByTestId('card-open').click();
  const openDialog = dialog(page, '开卡');
  await pick(page, openDialog, '会员卡类型', '年度健康管理卡');
  await expect(openDialog.getByText('随访 × 1')).toBeVisible();
  await openDialog.getByTestId('open-card-submit').click();
  const card = page
    .locator('.el-card')
    .filter({ has: page.getByTestId('card-status') })
    .first();
  await expect(card.getByTestId('card-status')).toHaveText('有效');
  await expect(card).toContainText('剩余 1 / 共 1');

  // Freeze it with a reason and a confirmation.
  await card.getByTestId('card-freeze').click();
  await giveReason(page, /^冻结会员卡 /, '客户出国三个月，申请暂停服务', true);
  await expect(card.getByTestId('card-status')).toHaveText('已冻结');
  await expect(card.getByTestId('card-unfreeze')).toBeVisible();
  await page.screenshot({ path: shot('client-card-frozen.zh-CN.png'), fullPage: true });

  // The printable card face comes with the session's token and is saved as a PDF.
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: '下载卡面' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^card-\d+\.pdf$/);

  await card.getByRole('button', { name: '变更记录' }).click();
  const history = page.locator('.el-drawer').filter({ hasText: /的变更记录/ });
  await expect(history.locator('.el-timeline-item').first()).toContainText('冻结');
  await expect(history).toContainText('客户出国三个月，申请暂停服务');
  await history
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();

  // English is complete on the same page.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(card.getByTestId('card-status')).toHaveText('Frozen');
  await expect(page.getByRole('tab', { name: 'Health archive' })).toBeVisible();
  await page.screenshot({ path: shot('client-card-frozen.en.png'), fullPage: true });
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-zh-CN').click();
  expect(consoleProblems).toEqual([]);
});

test('a duplicate ID number links to the existing client', async ({ page }) => {
  await signIn(page);
  await page.goto('/clients');
  await expect(page.locator('.el-table__body tr', { hasText: CLIENT.name }).first()).toContainText(CLIENT.idNumberMasked);
  await page.screenshot({ path: shot('clients.zh-CN.png'), fullPage: true });
  await page.getByTestId('client-search').fill('zjg');
  await page.getByTestId('client-search').press('Enter');
  await expect(page.locator('.el-table__body tr', { hasText: CLIENT.name })).toHaveCount(1);

  await page.getByTestId('client-create').click();
  const clientDrawer = drawer(page, '新建客户');
  await clientDrawer.getByLabel('姓名').fill('张建国（重复）');
  await clientDrawer.getByLabel('证件号码').fill(CLIENT.idNumber);
  await clientDrawer.getByLabel('姓名').click();
  await clientDrawer.getByTestId('client-save').click();
  const problem = clientDrawer.getByTestId('client-problem');
  await expect(problem).toContainText('该证件号码已登记在另一位客户名下');
  await problem.getByRole('link', { name: '查看该客户' }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('client-header')).toContainText(CLIENT.name);

  // Consent to receive reminders, recorded with the version of the consent text.
  const reminders = page.locator('.consents .el-table__body tr', { hasText: '接收提醒消息' });
  await expect(reminders).toContainText('未记录');
  await reminders.getByRole('button', { name: '记录同意' }).click();
  const consent = dialog(page, '记录客户同意');
  await consent.getByLabel('同意书版本').fill('2025-01');
  await consent.getByRole('button', { name: '确定', exact: true }).click();
  await expect(reminders).toContainText('已同意');
  await expect(reminders).toContainText('2025-01');

  // Editing keeps the masked identity unless it is typed again.
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  const editClient = drawer(page, '编辑客户');
  await expect(editClient.getByText('仅显示脱敏信息；留空则保持不变').first()).toBeVisible();
  await editClient.getByLabel('住址').fill('北京市东城区东华门街道');
  await editClient.getByLabel('紧急联系人').fill('李秀英');
  await editClient.getByLabel('关系').fill('配偶');
  await editClient.getByTestId('client-save').click();
  await expect(editClient.getByText('请输入联系人电话')).toBeVisible();
  await editClient.getByLabel('联系人电话').fill('13900139000');
  await editClient.getByTestId('client-save').click();
  await expect(editClient).toBeHidden();
  await expect(page.getByRole('tabpanel', { name: '基本信息' })).toContainText('北京市东城区东华门街道');
  await expect(page.getByRole('tabpanel', { name: '基本信息' })).toContainText('139****9000');
  await expect(page.getByTestId('client-id-number')).toHaveText(CLIENT.idNumberMasked);
});

test('health archive: edit sections and see the change history', async ({ page }) => {
  await signIn(page);
  await page.goto('/clients');
  await page.locator('.el-table__body tr', { hasText: CLIENT.name }).first().getByRole('link', { name: CLIENT.name }).click();
  await page.getByRole('tab', { name: '健康档案' }).click();
  await expect(page.getByTestId('archive-version')).toHaveText('尚未建立健康档案');

  await page.getByTestId('archive-edit').click();
  const edit = drawer(page, '编辑健康档案');
  // Element Plus hides the real radio inputs: click what is visible, then check the state.
  await edit.locator('.el-radio-button', { hasText: 'A 型' }).click();
  await expect(edit.getByRole('radio', { name: 'A 型' })).toBeChecked();
  await edit.locator('.el-radio', { hasText: 'Rh 阳性' }).click();
  await expect(edit.getByRole('radio', { name: 'Rh 阳性' })).toBeChecked();
  const allergies = edit.locator('.el-collapse-item').filter({ hasText: '过敏史' });
  await allergies.getByRole('button', { name: '添加' }).click();
  await allergies.locator('.el-table__body input').first().fill('青霉素');
  await allergies.locator('.el-table__body input').nth(1).fill('皮疹');
  const family = edit.locator('.el-collapse-item').filter({ hasText: '家族史' });
  await family.getByRole('button', { name: '添加' }).click();
  await family.locator('.el-table__body input[type="text"]').nth(1).fill('冠心病');
  await family.locator('.el-table__body .el-checkbox').first().click();
  await edit.locator('.el-checkbox', { hasText: '口味偏咸' }).click();
  await edit.getByTestId('archive-save').click();
  await expect(edit).toBeHidden();

  await expect(page.getByTestId('archive-version')).toContainText('第 1 版');
  await expect(page.getByText('青霉素（皮疹）')).toBeVisible();
  await expect(page.getByText('A 型 · Rh 阳性')).toBeVisible();
  await page.getByRole('button', { name: '修改历史' }).click();
  const history = drawer(page, '修改历史');
  await expect(history.locator('.el-table__body tr').first()).toContainText('过敏史');
  await expect(history.locator('.el-table__body tr').first()).toContainText('家族史');
  await page.screenshot({ path: shot('client-archive.zh-CN.png'), fullPage: true });
});

test('client import: good and bad rows, the counts of the finished job and its error report', async ({ page }) => {
  await signIn(page);
  await page.getByRole('menuitem', { name: '客户导入' }).click();
  await expect(page).toHaveTitle('客户导入 · 健康管理系统');

  const template = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载模板（CSV）' }).click();
  expect((await template).suggestedFilename()).toBe('客户导入模板.csv');

  // Rows 2 and 4 are valid. Row 3 has a wrong check digit and row 5 no name (both refused while
  // reading); row 6 repeats the ID number of the client created above (refused by the database).
  const csv = [
    '姓名,性别,出生日期,证件号码,手机号',
    '李秀英,女,1949-12-31,11010519491231002X,13900139000',
    `王五,男,1990-03-07,${CLIENT.wrongChecksum},`,
    '赵六,男,1985-06-15,,13700137000',
    ',女,1970-01-01,,',
    `孙七,男,1990-03-07,${CLIENT.idNumber},`,
  ];
  await page
    .getByTestId('import-drop')
    .locator('input[type="file"]')
    .setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n'), 'utf8') });
  await expect(page.getByTestId('import-drop')).toContainText('客户名单.csv');
  await page.getByTestId('import-upload').click();
  await expect(page.getByText('文件已上传，正在后台导入')).toBeVisible();

  // The worker runs the job; the page polls until it has finished.
  const row = page.locator('.el-table__body tr', { hasText: '客户名单.csv' }).first();
  await expect(row.getByTestId('import-status')).toHaveText('已完成', { timeout: 30_000 });
  await expect(row).toContainText('已处理 5 / 5 行');
  await expect(row.getByTestId('import-imported')).toHaveText('2');
  await expect(row.getByTestId('import-rejected')).toHaveText('3');
  await expect(page.locator('.el-loading-mask')).toHaveCount(0);
  await page.screenshot({ path: shot('client-import.zh-CN.png'), fullPage: true });

  // The error report: one line per problem, by row number and the column header of the file.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: '错误报告' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('导入错误报告-客户名单.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const lines: string[][] = [];
  workbook.worksheets[0]!.eachRow((line) => {
    lines.push((line.values as unknown[]).slice(1).map((value) => String(value ?? '')));
  });
  expect(lines.map((line) => line.slice(0, 3))).toEqual([
    ['row', 'column', 'code'],
    ['3', '证件号码', 'ID_NUMBER_INVALID'],
    ['5', '姓名', 'REQUIRED'],
    ['6', '证件号码', 'CLIENT_DUPLICATE_ID_NUMBER'],
  ]);
  expect(lines[1]![3]).toContain('check digit does not match');
  expect(lines[2]![3]).toContain('is required');
  expect(lines[3]![3]).toContain('already exists');
  // No personal data of the file in the report: only row numbers, columns and reasons.
  expect(lines.flat().join(' ')).not.toMatch(/王五|孙七|1990-03-07|110101199003071/);

  // The imported clients are in the list; the refused ones are not.
  await page.getByRole('menuitem', { name: '客户管理' }).click();
  await expect(page.locator('.el-table__body tr', { hasText: '李秀英' })).toHaveCount(1);
  await expect(page.locator('.el-table__body tr', { hasText: '赵六' })).toHaveCount(1);
  await expect(page.locator('.el-table__body tr', { hasText: /王五|孙七/ })).toHaveCount(0);
});

test('card actions: use a service, renew and cancel', async ({ page }) => {
  await signIn(page);

  // A card type whose package holds a service several times, so what remains can be followed.
  await page.getByRole('menuitem', { name: '会员卡类型' }).click();
  await page.getByTestId('card-type-create').click();
  const typeDrawer = drawer(page, '新建卡类型');
  await typeDrawer.getByLabel('名称').fill('体检套餐卡');
  await typeDrawer.getByPlaceholder('follow-up').fill('checkup');
  await typeDrawer.getByPlaceholder('例如：随访').fill('年度体检');
  await typeDrawer.getByRole('button', { name: '添加服务项目' }).click();
  await typeDrawer.getByPlaceholder('follow-up').nth(1).fill('consultation');
  await typeDrawer.getByPlaceholder('例如：随访').nth(1).fill('健康咨询');
  await typeDrawer.locator('.el-table__body tr').nth(1).locator('.el-input-number input').fill('3');
  await typeDrawer.getByTestId('card-type-save').click();
  await expect(page.locator('.el-table__body tr', { hasText: '体检套餐卡' }).first()).toContainText('健康咨询 × 3');

  await page.getByRole('menuitem', { name: '客户管理' }).click();
  await page.locator('.el-table__body tr', { hasText: CLIENT.name }).first().getByRole('link', { name: CLIENT.name }).click();
  await page.getByRole('tab', { name: '会员卡' }).click();
  await page.getByTestId('card-open').click();
  const openDialog = dialog(page, '开卡');
  await pick(page, openDialog, '会员卡类型', '体检套餐卡');
  await openDialog.getByTestId('open-card-submit').click();
  // One card of the tab (the tab itself sits in a card too).
  const card = page.locator('.cards__card', { hasText: '体检套餐卡' });
  await expect(card.getByTestId('card-status')).toHaveText('有效');
  const checkup = card.locator('.el-table__body tr', { hasText: '年度体检' });
  const consultation = card.locator('.el-table__body tr', { hasText: '健康咨询' });
  await expect(checkup).toContainText('剩余 1 / 共 1');
  await expect(consultation).toContainText('剩余 3 / 共 3');
  const number = (await card.locator('.cards__number').textContent())!.trim();
  const dates = card.locator('.el-descriptions');
  const expiryCell = dates.locator('.el-descriptions__cell', { hasText: '到期日期' });
  const expiry = (await expiryCell.locator('.el-descriptions__content').textContent())!.trim();
  expect(expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // Use a service twice: only what remains of that service goes down.
  await card.getByTestId('card-consume').click();
  const consume = dialog(page, `使用服务 · ${number}`);
  await pick(page, consume, '服务项目', '健康咨询（剩余 3 / 共 3）');
  await consume.locator('.el-input-number input').fill('2');
  await consume.getByLabel('备注').fill('电话咨询两次');
  await page.screenshot({ path: shot('client-card-consume.zh-CN.png') });
  await consume.getByTestId('consume-submit').click();
  await expect(consume).toBeHidden();
  await expect(page.getByText('已记录服务使用')).toBeVisible();
  await expect(consultation).toContainText('剩余 1 / 共 3');
  await expect(checkup).toContainText('剩余 1 / 共 1');

  // Renew: the next 12 months follow the current period without a gap, and the package is refilled.
  await card.getByTestId('card-renew').click();
  await giveReason(page, `续期会员卡 ${number}`, '客户续费一年', true);
  await expect(page.getByText('会员卡已续期')).toBeVisible();
  await expect(expiryCell.locator('.el-descriptions__content')).toHaveText(addDays(addMonths(addDays(expiry, 1), 12), -1));
  await expect(card.getByTestId('card-status')).toHaveText('有效');
  await expect(consultation).toContainText('剩余 3 / 共 3');

  // Cancel: final, so no action but the history and the card face is left.
  await card.getByTestId('card-cancel').click();
  await giveReason(page, `注销会员卡 ${number}`, '客户搬离本市，申请退卡', true);
  await expect(page.getByText('会员卡已注销')).toBeVisible();
  await expect(card.getByTestId('card-status')).toHaveText('已注销');
  await expect(card).toHaveClass(/cards__card--unusable/);
  for (const action of ['card-consume', 'card-freeze', 'card-renew', 'card-cancel']) {
    await expect(card.getByTestId(action)).toHaveCount(0);
  }
  await page.screenshot({ path: shot('client-card-cancelled.zh-CN.png'), fullPage: true });

  // The history, newest first: each change with its statuses, the service used and the reasons.
  await card.getByRole('button', { name: '变更记录' }).click();
  const history = drawer(page, `会员卡 ${number} 的变更记录`);
  const entries = history.locator('.el-timeline-item');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText('注销');
  await expect(entries.nth(0)).toContainText('有效 → 已注销');
  await expect(entries.nth(0)).toContainText('原因：客户搬离本市，申请退卡');
  await expect(entries.nth(1)).toContainText('续期');
  await expect(entries.nth(1)).toContainText('有效 → 有效');
  await expect(entries.nth(1)).toContainText('原因：客户续费一年');
  await expect(entries.nth(2)).toContainText('使用服务');
  await expect(entries.nth(2)).toContainText('健康咨询 × 2');
  await expect(entries.nth(2)).toContainText('备注：电话咨询两次');
  await expect(entries.nth(3)).toContainText('开卡');
  await page.screenshot({ path: shot('client-card-history.zh-CN.png') });
});

test('WeChat binding: bind by hand, see it unmasked, unbind; an openid bound elsewhere links to that client', async ({
  page,
  request,
}) => {
  const ownOpenId = 'oZjg_bind_by_hand_0000000001';
  const takenOpenId = 'oWlh_bound_by_middleware_0001';
  // Another client, whose WeChat a middleware bound through the API after the client scanned the QR code.
  const headers = { Authorization: `Bearer ${await apiToken(request)}` };
  const created = await request.post('/api/v1/clients', {
    headers,
    data: { name: '王丽华', gender: 'female', birthDate: '1968-11-23' },
  });
  expect(created.status()).toBe(201);
  const otherId = ((await created.json()) as { id: string }).id;
  const bound = await request.put(`/api/v1/clients/${otherId}/wechat-binding`, { headers, data: { openId: takenOpenId } });
  expect(bound.status()).toBe(200);

  await signIn(page);
  await page.goto('/clients');
  await page.locator('.el-table__body tr', { hasText: CLIENT.name }).first().getByRole('link', { name: CLIENT.name }).click();
  const wechat = page.getByTestId('client-wechat');
  const status = wechat.getByTestId('client-wechat-status');
  await expect(status).toHaveText('未绑定');

  // The openid is checked before it is sent, then bound and shown masked.
  await wechat.getByTestId('client-wechat-bind').click();
  const bindDialog = dialog(page, '绑定微信');
  await bindDialog.getByLabel('微信 OpenID').fill('not an openid');
  await bindDialog.getByTestId('wechat-bind-submit').click();
  await expect(bindDialog.getByText('OpenID 应为 10–64 位字母、数字、下划线或短横线')).toBeVisible();
  await bindDialog.getByLabel('微信 OpenID').fill(` ${ownOpenId} `);
  await bindDialog.getByTestId('wechat-bind-submit').click();
  await expect(bindDialog).toBeHidden();
  await expect(page.getByText('微信已绑定', { exact: true })).toBeVisible();
  await expect(status).toHaveText('已绑定');
  await expect(wechat.getByTestId('client-wechat-openid')).toHaveText('oZjg****0001');
  await expect(wechat).toContainText('绑定于');
  await page.screenshot({ path: shot('client-wechat.png'), fullPage: true });

  // An audited unmask shows the whole openid.
  await page.getByTestId('client-unmask').click();
  await giveReason(page, '查看完整证件号码和手机号', '核对微信绑定', false);
  await expect(wechat.getByTestId('client-wechat-openid')).toHaveText(ownOpenId);

  // Unbinding asks first.
  await wechat.getByTestId('client-wechat-unbind').click();
  await expect(page.locator('.el-message-box')).toContainText(`确定解除客户「${CLIENT.name}」的微信绑定吗？`);
  await page.locator('.el-message-box').getByRole('button', { name: '解除绑定', exact: true }).click();
  await expect(page.getByText('已解除微信绑定', { exact: true })).toBeVisible();
  await expect(status).toHaveText('未绑定');
  await expect(wechat.getByTestId('client-wechat-openid')).toHaveCount(0);

  // The openid of another client: refused, with a link to that client.
  await wechat.getByTestId('client-wechat-bind').click();
  await bindDialog.getByLabel('微信 OpenID').fill(takenOpenId);
  await bindDialog.getByTestId('wechat-bind-submit').click();
  const problem = bindDialog.getByTestId('wechat-bind-problem');
  await expect(problem).toContainText('该微信 OpenID 已绑定在另一位客户名下');
  await page.screenshot({ path: shot('client-wechat-conflict.png') });
  await problem.getByRole('link', { name: '查看该客户' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${otherId}$`));
  await expect(page.getByTestId('client-header')).toContainText('王丽华');
  await expect(status).toHaveText('已绑定');
  await expect(wechat.getByTestId('client-wechat-openid')).toHaveText('oWlh****0001');
});
