import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { enrolTablet, fillIntake, gotoUnlocked, openControlled } from './helpers'

const SHOTS = join('docs', 'screenshots')
const SUPERVISOR = { username: 'zhao', name: '赵敏', password: 'e2e-demo-password', pin: '135790' }
/** The demo's head-office senior manager: the approval past 30 days is theirs (Art. 18). */
const SUPERIOR = { username: 'qian', name: '钱立', password: 'e2e-demo-password' }
/** A date past 30 days (so a superior must approve), within 60 days and the 45-working-day cap. */
const inFiveWeeks = () => new Date(Date.now() + 8 * 3600_000 + 35 * 86_400_000).toISOString().slice(0, 10)

async function reconnect(context: BrowserContext) {
  await context.setOffline(true)
  await context.setOffline(false)
}

async function waitSynced(page: Page) {
  await expect(page.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })
}

async function shot(page: Page, name: string, fullPage = false) {
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
}

test('a head-office senior manager approves an extension past 30 days at the desk; the branch tablet records it with the customer told', async ({
  browser,
}) => {
  test.setTimeout(240_000) // each navigation now unlocks with the PIN (Argon2id)
  mkdirSync(SHOTS, { recursive: true })
  const branchContext = await browser.newContext()
  const deskContext = await browser.newContext()
  const branch = await branchContext.newPage()
  const desk = await deskContext.newPage()

  // 中山路支行's tablet (lobby manager 王强) records a complaint and asks for an extension past 30 days.
  await openControlled(branch)
  await branch.getByTestId('new-complaint').click()
  await fillIntake(branch, {
    name: '郑毅',
    phone: '13700001111',
    description: '境外汇款三周未到账，银行无法说明原因。',
    demand: '查明汇款去向',
  })
  await branch.getByTestId('submit-complaint').click()
  await expect(branch.getByTestId('detail-name')).toHaveText('郑毅')
  const complaintPath = new URL(branch.url()).pathname
  await branch.getByTestId('action-extension-requested').click()
  const request = branch.getByTestId('sheet-extension-requested')
  await request.getByTestId('action-field-reason').fill('需等待境外代理行回复查询电文')
  await request.getByTestId('action-field-newDueDate').fill(inFiveWeeks())
  await request.getByTestId('action-submit').click()
  await expect(branch.getByTestId('extension-pending')).toContainText(inFiveWeeks())
  await waitSynced(branch)

  // The supervisor's own tablet (人民路支行): its branch's questions are listed from the tablet's own database.
  await desk.goto('/')
  await enrolTablet(desk, SUPERVISOR)
  await expect(desk.getByTestId('nav-desk')).toBeVisible()
  await desk.getByTestId('nav-desk').click()
  await expect(desk.getByTestId('desk-local').locator('[data-kind="extension"]')).toHaveCount(1, { timeout: 20_000 })
  await expect(desk.getByTestId('desk-local').locator('[data-kind="escalation"]')).toHaveCount(1)

  // Across branches, online: the supervisor signs in to the centre and sees 中山路支行's request with its reason.
  await desk.getByTestId('central-username').fill(SUPERVISOR.username)
  await desk.getByTestId('central-password').fill(SUPERVISOR.password)
  await desk.getByTestId('central-submit').click()
  await expect(desk.getByTestId('desk-branch-zhongshan')).toContainText('中山路支行')
  const item = desk.getByTestId('desk-central-queue').locator('[data-kind="extension"]', { hasText: '郑毅' })
  await expect(item).toContainText('需等待境外代理行回复查询电文')
  await expect(item.getByTestId('desk-requested-date')).toContainText(inFiveWeeks())
  await desk.getByTestId('desk-branch-zhongshan').click()
  // Other tests share the server: look for this test's complaint among the branch's open ones.
  await expect(desk.getByTestId('branch-complaint').filter({ hasText: '郑毅' })).toHaveCount(1)
  // Past 30 days the branch's own supervisor may refuse, not approve: it needs a superior office's approval.
  await expect(item.getByTestId('desk-needs')).toContainText('须上级机构或总行高级管理人员审批')
  await expect(item.getByTestId('desk-approve')).toBeDisabled()
  await shot(desk, 'desk', true)

  // The head-office senior manager signs in at the centre; a decision needs a comment; then it is sent there.
  await desk.getByTestId('central-sign-out').click()
  await desk.getByTestId('central-username').fill(SUPERIOR.username)
  await desk.getByTestId('central-password').fill(SUPERIOR.password)
  await desk.getByTestId('central-submit').click()
  const ask = desk.getByTestId('desk-central-queue').locator('[data-kind="extension"]', { hasText: '郑毅' })
  await expect(ask.getByTestId('desk-approve')).toBeEnabled()
  await ask.getByTestId('desk-approve').click()
  await expect(ask.getByRole('alert')).toBeVisible()
  await ask.getByTestId('desk-answer').fill('同意延期，请每周告知客户查询进度')
  await ask.getByTestId('desk-approve').click()
  await expect(
    desk.getByTestId('desk-central-queue').locator('[data-kind="extension"]', { hasText: '郑毅' }),
  ).toHaveCount(0)

  // The branch tablet syncs: the approval is on the timeline and the next step is to tell the customer.
  await reconnect(branchContext)
  await gotoUnlocked(branch, complaintPath)
  await expect(branch.locator('[data-testid="timeline-event"][data-type="extension.decided"]')).toContainText(
    '同意延期，请每周告知客户查询进度',
    { timeout: 20_000 },
  )
  await expect(branch.getByTestId('extension-pending')).toHaveCount(0)
  await expect(branch.locator('[data-testid="next-step"][data-action="complaint.extended"]')).toBeVisible()
  await branch.locator('[data-testid="next-step"][data-action="complaint.extended"]').click()
  const sheet = branch.getByTestId('sheet-complaint-extended')
  await expect(sheet.getByTestId('action-field-newDueDate')).toHaveValue(inFiveWeeks())
  // The approval is the approver's own event, not a name on this form.
  await expect(sheet.getByTestId('extension-approval')).toContainText('钱立')
  await expect(sheet.getByTestId('action-field-approvedBy')).toHaveCount(0)
  await sheet.getByTestId('action-submit').click()
  await expect(branch.locator('[data-testid="timeline-event"][data-type="complaint.extended"]')).toHaveCount(1)
  await waitSynced(branch)

  // The reports, computed centrally, count it as extended; the figures are charted and tabled.
  await desk.getByTestId('desk-reports').click()
  await expect(desk.getByTestId('report-total')).not.toHaveText('0')
  await expect(desk.getByTestId('report-figures')).toContainText('延期')
  // Timeliness and branch charts always; the opinions chart once an opinion has been recorded.
  await expect(desk.locator('canvas').nth(1)).toBeVisible()
  await shot(desk, 'reports', true)

  // The complaint register of the range, printed from the centre: the request, the decision and the notice are on it.
  await desk.getByTestId('print-central-register').click()
  const record = desk.getByTestId('print-record').filter({ hasText: '郑毅' })
  await expect(record.getByTestId('print-extension-request')).toContainText('钱立')
  await expect(record.getByTestId('print-extension-request')).toContainText('同意延期，请每周告知客户查询进度')
  await expect(record).toContainText('中山路支行')
  await branchContext.close()
  await deskContext.close()
})
