import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { fillIntake } from './helpers'

const SHOTS = join('docs', 'screenshots', 'admin')
const ADMIN = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' }
/** Unique per run: a retry on the same server must not trip over the first attempt's branch code or username. */
const RUN = Date.now().toString(36).slice(-3).toUpperCase()
const BRANCH = { name: '解放路支行', code: `J${RUN}` }
const MANAGER = { username: `chen.${RUN.toLowerCase()}`, name: '陈静', password: '解放路口的银杏树黄了', pin: '362514' }
/**
 * A 2027 schedule in the State Council notice's shape (this test's own dates, not the published notice). Its
 * holidays lie across the year, so an open complaint's 45-working-day extension cap crosses one whenever the test runs.
 */
const HOLIDAYS_2027 = [
  ['元旦', '2027-01-01', '2027-01-03'],
  ['春节', '2027-02-05', '2027-02-13'],
  ['清明节', '2027-04-03', '2027-04-05'],
  ['劳动节', '2027-05-01', '2027-05-05'],
  ['端午节', '2027-06-09', '2027-06-11'],
  ['中秋节', '2027-09-15', '2027-09-17'],
  ['国庆节', '2027-10-01', '2027-10-07'],
] as const
const MAKE_UP_2027 = [
  ['春节', '2027-02-20'],
  ['国庆节', '2027-10-09'],
] as const
/** Twenty days on: an extension the lobby manager may record without a supervisor (within the 30-day regulatory limit). */
/**
 * Past the 15-working-day reply date (so the extension moves it and the regulatory clock goes to 30 days), within the
 * 30 days a branch may extend without head office's approval.
 */
const inTwentySevenDays = () => new Date(Date.now() + 8 * 3600_000 + 27 * 86_400_000).toISOString().slice(0, 10)

async function shot(page: Page, name: string) {
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** The tablet comes back online: its sync engine runs at once. */
async function reconnect(context: BrowserContext) {
  await context.setOffline(true)
  await context.setOffline(false)
}

test('an administrator runs a new branch from the console: staff, a tablet, next year’s holidays, a departure and a lost tablet', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  mkdirSync(SHOTS, { recursive: true })
  // The administrator's own computer: no tablet enrolment, a wider screen.
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const tabletContext = await browser.newContext()
  const admin = await consoleContext.newPage()
  const tablet = await tabletContext.newPage()

  // Signs in on a fresh server (serve.ts made the administrator with ADMIN_PASSWORD).
  await admin.goto('/admin')
  await expect(admin.getByTestId('central-sign-in')).toBeVisible()
  await shot(admin, '0-sign-in')
  await admin.getByTestId('central-username').fill(ADMIN.username)
  await admin.getByTestId('central-password').fill(ADMIN.password)
  await admin.getByTestId('central-submit').click()
  await expect(admin.getByTestId('admin-staff')).toBeVisible()

  // A branch, with the short code its case numbers will carry.
  await admin.getByTestId('admin-nav-branches').click()
  await admin.getByTestId('branch-add').click()
  await admin.getByTestId('branch-name').fill(BRANCH.name)
  await admin.getByTestId('branch-code').fill('J F')
  await admin.getByTestId('branch-save').click()
  await expect(admin.getByTestId('branch-form')).toContainText('2–6 位大写字母或数字')
  await admin.getByTestId('branch-code').fill(BRANCH.code.toLowerCase())
  await admin.getByTestId('branch-save').click()
  await expect(admin.getByTestId(`branch-row-${BRANCH.code}`)).toContainText(BRANCH.name)

  // A lobby manager for it, with a one-time password shown once.
  await admin.getByTestId('admin-nav-staff').click()
  await admin.getByTestId('staff-add').click()
  await admin.getByTestId('staff-field-username').fill(MANAGER.username)
  await admin.getByTestId('staff-field-name').fill(MANAGER.name)
  await admin.getByTestId('staff-field-role').selectOption('manager')
  await admin.getByTestId('staff-save').click()
  await expect(admin.getByTestId('staff-form')).toContainText('请选择所属网点')
  await admin.getByTestId('staff-field-branchId').selectOption({ label: BRANCH.name })
  await admin.getByTestId('staff-save').click()
  const oneTimePassword = (await admin.getByTestId('one-time-password-value').textContent())!.trim()
  expect(oneTimePassword).toMatch(/^[\w-]{16}$/)
  await expect(admin.getByTestId(`staff-row-${MANAGER.username}`)).toContainText('待修改一次性密码')
  await shot(admin, '1-staff')
  await admin.getByTestId('one-time-password-close').click()

  // An enrolment code for the branch's new tablet.
  await admin.getByTestId('admin-nav-tablets').click()
  await admin.getByTestId('tablet-enrol-branch').selectOption({ label: BRANCH.name })
  await admin.getByTestId('make-enrolment-code').click()
  const code = (await admin.getByTestId('enrolment-code-value').textContent())!.trim()
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)

  // At the branch: the tablet is enrolled with the code; the manager adds herself, replaces the one-time password, sets a PIN.
  await tablet.goto('/')
  await expect(tablet).toHaveURL(/\/enrol$/)
  await tablet.getByTestId('enrol-mode-code').click()
  await tablet.getByTestId('enrol-code').fill(code.toLowerCase().replaceAll('-', ' '))
  await tablet.getByTestId('enrol-code-tablet-name').fill('解放路大堂平板')
  await shot(tablet, '9-tablet-enrol-code')
  await tablet.getByTestId('enrol-submit').click()
  await expect(tablet).toHaveURL(/\/unlock/)
  await expect(tablet.getByTestId('unlock-nobody')).toBeVisible()
  await tablet.getByTestId('colleague-username').fill(MANAGER.username)
  await tablet.getByTestId('colleague-password').fill(oneTimePassword)
  await tablet.getByTestId('colleague-pin').fill(MANAGER.pin)
  await tablet.getByTestId('colleague-submit').click()
  await tablet.getByTestId('new-password-1').fill(MANAGER.password)
  await tablet.getByTestId('new-password-2').fill(MANAGER.password)
  await tablet.getByTestId('colleague-submit').click()
  // The centre hashes two passwords, then the tablet makes its keys (Argon2id of the PIN, an RSA key pair): slow on a loaded machine.
  await expect(tablet.getByTestId(`unlock-user-${MANAGER.username}`)).toBeVisible({ timeout: 60_000 })
  await tablet.getByTestId('unlock-pin').fill(MANAGER.pin)
  await tablet.getByTestId('unlock-submit').click()
  await expect(tablet.getByTestId('book-search')).toBeVisible({ timeout: 30_000 })

  // A complaint, extended with the customer told: its extension cap reaches into 2027, provisionally.
  await tablet.getByTestId('new-complaint').click()
  await fillIntake(tablet, {
    name: '吴芳',
    phone: '13600002222',
    description: '网银转账显示成功但对方三天未到账。',
    demand: '查清资金去向',
  })
  await tablet.getByTestId('submit-complaint').click()
  await expect(tablet.getByTestId('detail-name')).toHaveText('吴芳')
  await tablet.getByTestId('action-complaint-extended').click()
  const sheet = tablet.getByTestId('sheet-complaint-extended')
  await sheet.getByTestId('action-field-reason').fill('需向收款行发查询查复')
  await sheet.getByTestId('action-field-newDueDate').fill(inTwentySevenDays())
  await sheet.getByTestId('action-submit').click()
  await expect(sheet).toBeHidden()
  await expect(tablet.getByTestId('clock-provisional')).toBeVisible()
  await expect(tablet.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })

  // The console: the tablet is listed with its branch, who enrolled it, its last sync, nothing unsent, its build.
  await admin.reload()
  const row = admin.locator('[data-testid="tablet-row"][data-tablet="解放路大堂平板"]')
  await expect(row).toContainText(BRANCH.name)
  await expect(row).toContainText('系统管理员')
  await expect(row.getByTestId('tablet-pending')).toHaveText('0 条')
  await expect(row.getByTestId('tablet-app')).toHaveText(/^\d+\.\d+\.\d+\+\d{12}$/)
  await expect(row.getByTestId('tablet-state')).toHaveText('在用')

  // Next year's holidays from the State Council's notice, previewed against the open complaints, then saved.
  await admin.getByTestId('admin-nav-calendar').click()
  await admin.getByTestId('calendar-year').selectOption('2027')
  await expect(admin.getByTestId('calendar-provisional')).toBeVisible()
  for (const [name, from, to] of HOLIDAYS_2027) {
    await admin.getByTestId('calendar-add-holiday').click()
    const line = admin.getByTestId('calendar-holiday').last()
    await line.getByTestId('holiday-name').fill(name)
    await line.getByTestId('holiday-from').fill(from)
    await line.getByTestId('holiday-to').fill(to)
  }
  for (const [name, date] of MAKE_UP_2027) {
    await admin.getByTestId('calendar-add-makeup').click()
    const line = admin.getByTestId('calendar-makeup').last()
    await line.getByTestId('makeup-name').fill(name)
    await line.getByTestId('makeup-date').fill(date)
  }
  await admin.getByTestId('calendar-published').check()
  await expect(admin.getByTestId('calendar-save')).toBeDisabled()
  await admin.getByTestId('calendar-preview').click()
  const move = admin.locator(`[data-testid="deadline-move"][data-branch="${BRANCH.name}"][data-clock="extensionCap"]`)
  await expect(move).toBeVisible()
  const [before, after] = (await move.locator('.change').textContent())!.match(/\d{4}-\d{2}-\d{2}/g)!
  expect(after! > before!).toBe(true)
  await expect(admin.locator('[data-date="2027-02-08"]')).toHaveAttribute('data-kind', 'holiday')
  await expect(admin.locator('[data-date="2027-02-20"]')).toHaveAttribute('data-kind', 'makeUp')
  await expect(admin.getByTestId('calendar-provisional')).toHaveCount(0)
  await shot(admin, '4-calendar')
  await admin.getByTestId('calendar-save').click()
  await expect(admin.getByTestId('settings-version')).toHaveCount(1)

  // The tablet's next sync brings the calendar: the complaint's cap moves as previewed and is no longer provisional.
  const clocks = tablet.getByTestId('clocks')
  await expect(clocks).toContainText(`最长至 ${before}`)
  await reconnect(tabletContext)
  await expect(clocks).toContainText(`最长至 ${after}`, { timeout: 20_000 })
  await expect(tablet.getByTestId('clock-provisional')).toHaveCount(0)

  // The branch: its tablet, its staff and its open complaint.
  await admin.getByTestId('admin-nav-branches').click()
  await admin.getByTestId(`branch-row-${BRANCH.code}`).getByRole('button', { name: BRANCH.name }).click()
  const detail = admin.getByTestId('branch-detail')
  await expect(detail).toContainText('解放路大堂平板')
  await expect(detail).toContainText(MANAGER.name)
  await expect(detail.getByTestId('branch-complaint')).toHaveCount(1)
  await shot(admin, '2-branches')

  // The manager leaves: disabled in the console, her PIN is refused on the tablet after its next sync.
  await admin.getByTestId('admin-nav-staff').click()
  await admin.getByTestId(`staff-row-${MANAGER.username}`).getByTestId('staff-disable').click()
  await admin.locator('.van-dialog__confirm').click()
  await admin.getByTestId('staff-search').fill(MANAGER.name)
  await admin.getByText('显示已停用').click()
  await expect(admin.getByTestId(`staff-row-${MANAGER.username}`).getByTestId('staff-status')).toHaveText('已停用')
  await reconnect(tabletContext)
  // She was using the tablet: it locks at once.
  await expect(tablet).toHaveURL(/\/unlock/, { timeout: 20_000 })
  await expect(tablet.getByTestId(`unlock-user-${MANAGER.username}`)).toContainText('已停用')
  await tablet.getByTestId(`unlock-user-${MANAGER.username}`).click()
  await tablet.getByTestId('unlock-pin').fill(MANAGER.pin)
  await tablet.getByTestId('unlock-submit').click()
  await expect(tablet.getByTestId('unlock-error')).toContainText('已被管理员停用')
  await expect(tablet).toHaveURL(/\/unlock/)

  // The tablet is revoked; it is told so at its next sync.
  await admin.getByTestId('admin-nav-tablets').click()
  await shot(admin, '3-tablets')
  await row.getByTestId('tablet-revoke').click()
  await expect(admin.getByTestId('tablet-revoke-wipe')).toBeEnabled()
  await admin.getByTestId('tablet-revoke-confirm').click()
  await expect(row.getByTestId('tablet-state')).toHaveText('已停用')
  await reconnect(tabletContext)
  await expect(tablet.getByTestId('revoked')).toBeVisible({ timeout: 20_000 })

  // The policy, the categories and the SMS wording, each with its preview and history.
  await admin.getByTestId('admin-nav-settings').click()
  await expect(admin.getByTestId('policy-editor-replyWorkingDays')).toHaveValue('15')
  await admin.getByTestId('policy-editor-replyWorkingDays').fill('0')
  await admin.getByTestId('policy-preview').click()
  await expect(admin.getByTestId('policy-editor')).toContainText('数值太小')
  await admin.getByTestId('policy-editor-replyWorkingDays').fill('15')
  await admin.getByTestId('policy-preview').click()
  await expect(admin.getByTestId('deadline-preview-summary')).toContainText('都不会改变')
  await shot(admin, '5-policy')
  await admin.getByTestId('settings-tab-taxonomy').click()
  await expect(admin.getByTestId('taxonomy-preview')).toContainText('银行卡')
  await shot(admin, '6-categories')
  await admin.getByTestId('settings-tab-sms').click()
  const reply = admin.getByTestId('sms-zh-CN-progress')
  await reply.getByTestId('sms-text').fill('{name}您好，您{date}反映的问题正在处理：{result}。如有疑问请致电{branch}。')
  await admin.getByTestId('settings-save').click()
  await expect(reply).toContainText('平板无法填写的占位符')
  await reply
    .getByTestId('sms-text')
    .fill('{name}您好，您{date}反映的问题我行已核实处理：{result}。如有疑问请致电本网点。')
  await expect(reply).toContainText('王女士您好，您2027年1月4日反映的问题我行已核实处理：已为您办理退款。')
  await admin.getByTestId('settings-save').click()
  await expect(admin.getByTestId('settings-version')).toHaveCount(1)
  await shot(admin, '7-sms')

  // Every one of these actions is in the audit trail, with who, when and from where; exported as CSV.
  await admin.getByTestId('admin-nav-audit').click()
  const entries = admin.getByTestId('audit-entry')
  for (const action of [
    'branch.create',
    'staff.create',
    'device.enrolmentCode',
    'device.enrol',
    'settings.calendar',
    'staff.disable',
    'device.revoke',
    'settings.sms',
  ]) {
    await expect(admin.locator(`[data-testid="audit-entry"][data-action="${action}"]`).first()).toBeVisible()
  }
  await expect(entries.first()).toContainText('127.0.0.1')
  const download = admin.waitForEvent('download')
  await admin.getByTestId('audit-export').click()
  expect((await download).suggestedFilename()).toMatch(/^audit-.*\.csv$/)
  await shot(admin, '8-audit')

  await consoleContext.close()
  await tabletContext.close()
})
