import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { act, fillIntake, gotoUnlocked, openControlled, reloadUnlocked, saveAction } from './helpers'

/** Today in China, as the tablet (Asia/Shanghai) and the reminders count days. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

/** The notifications the app's service worker is showing now: their title, body and tag. */
const shown = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }))
  })

test('a promised date today is on the book, and notified once a day when the manager switched notifications on', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000)
  await openControlled(page)
  // The app never asks on load: nothing has asked for notification permission yet.
  expect(await page.evaluate(() => Notification.permission)).toBe('default')

  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '赵雪',
    phone: '13600002222',
    description: '理财产品到期后资金迟迟未到账，客户经理答复含糊。',
    demand: '本周内到账并说明原因',
  })
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('赵雪')
  const label = (await page.getByTestId('detail-case-number').textContent())?.trim() ?? ''
  await act(page, 'validity.judged', { reason: '资金到账延迟属实' }, { verdict: 'valid' })
  await saveAction(page, 'validity.judged')
  await act(page, 'plan.proposed', {
    cause: '清算系统批量延迟',
    plan: '协调总行加急划款',
    promisedDate: chinaToday(),
  })
  await saveAction(page, 'plan.proposed')

  // The book: one complaint to contact today, and what about it.
  await gotoUnlocked(page, '/')
  await expect(page.getByTestId('reminders-count')).toHaveText('今天需联系客户 1 件', { timeout: 20_000 })
  await page.getByTestId('reminders-toggle').click()
  const reminder = page.getByTestId('reminder')
  await expect(reminder).toHaveCount(1)
  await expect(reminder).toHaveAttribute('data-kind', 'promisedDate')
  await expect(reminder).toContainText('到了承诺给客户答复的日期')
  // The case number (the centre may have numbered it since): the same one the notification will carry.
  const caseLabel = (await reminder.locator('b').textContent())?.trim() ?? ''
  expect(caseLabel.length).toBeGreaterThan(0)
  expect([label, caseLabel]).toContain(caseLabel)
  await page.screenshot({ path: 'docs/screenshots/reminders.png' })

  // Notifications: allowed in the browser, switched on by a tap in the reminder settings.
  await context.grantPermissions(['notifications'])
  await page.getByTestId('reminders-settings').click()
  await expect(page.getByTestId('reminder-notices-state')).toHaveAttribute('data-state', 'off')
  await page.getByTestId('reminder-notices-on').click()
  await expect(page.getByTestId('reminder-notices-state')).toHaveAttribute('data-state', 'on')

  // Shown as soon as they are switched on, not at the reminders' next minute.
  await expect.poll(() => shown(page), { timeout: 20_000 }).toHaveLength(1)
  const [notice] = await shown(page)
  expect(notice!.title).toBe('投诉台提醒')
  expect(notice!.body).toContain('到了承诺给客户答复的日期')
  expect(notice!.body).toBe(`${caseLabel}：到了承诺给客户答复的日期`)
  // Nothing of the customer: a lock screen may show it.
  for (const personal of ['赵雪', '13600002222', '理财', '本周内到账']) expect(notice!.body).not.toContain(personal)

  // Dismissed, then the app reloaded the same day: the reminder is still on the book, and not notified again.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    for (const n of await registration.getNotifications()) n.close()
  })
  await expect.poll(() => shown(page)).toHaveLength(0)
  await gotoUnlocked(page, '/')
  await expect(page.getByTestId('reminders-count')).toHaveText('今天需联系客户 1 件', { timeout: 20_000 })
  // A minute's round of the reminders, and more: still nothing shown.
  await page.waitForTimeout(5_000)
  expect(await shown(page)).toHaveLength(0)

  // Locked: the book and its reminders are gone from the screen.
  await page.getByTestId('lock').click()
  await expect(page).toHaveURL(/\/unlock/)
  await expect(page.getByTestId('reminders')).toHaveCount(0)
  await reloadUnlocked(page)
})
