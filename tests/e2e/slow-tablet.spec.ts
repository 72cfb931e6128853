import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { enrolTablet, gotoUnlocked, reloadUnlocked } from './helpers'

/**
 * Issue 15, in front of an upset customer on a cheap tablet: no duplicate, no lost word, no wrong time, no lock in the
 * middle of the conversation. Each test enrols a fresh tablet of the demo branch; the names are this file's own, since
 * the branch's other tablets (other specs) sync into the same book.
 */

const DAY = 86_400_000

async function newComplaint(page: Page, name: string): Promise<void> {
  await page.getByTestId('new-complaint').click()
  await page.getByTestId('field-name').fill(name)
  await page.getByTestId('field-description').fill('柜台排队一个多小时无人解释')
}

/** The complaint book's rows for one customer, read from this tablet. */
const rowsOf = (page: Page, name: string) => page.getByTestId('book-row').filter({ hasText: name })

test('a double tap on 保存投诉 on a tablet four times slower saves one complaint', async ({ page }) => {
  await page.goto('/')
  await enrolTablet(page)
  await newComplaint(page, '钱双击')
  // A cheap tablet: Chromium's CPU slowed four times through the DevTools protocol.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  const box = (await page.getByTestId('submit-complaint').boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  // Two taps 150 ms apart where the button is, whatever is there by the second one (no waiting for it to be ready).
  await page.mouse.click(x, y)
  await page.waitForTimeout(150)
  await page.mouse.click(x, y)
  await expect(page.getByTestId('detail-name')).toHaveText('钱双击')
  await page.waitForTimeout(1500)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await gotoUnlocked(page, '/')
  await expect(rowsOf(page, '钱双击')).toHaveCount(1)
  await page.waitForTimeout(500)
  await expect(rowsOf(page, '钱双击')).toHaveCount(1)
})

test('an action sheet keeps what was typed across a stray tap on the dimmed area and a reload', async ({ page }) => {
  await page.goto('/')
  await enrolTablet(page)
  await newComplaint(page, '孙草稿')
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('孙草稿')

  await page.getByTestId('action-complaint-acknowledged').click()
  const sheet = page.getByTestId('sheet-complaint-acknowledged')
  await expect(sheet).toBeVisible()
  await sheet.getByTestId('action-field-note').fill('已安抚客户，请其到接待室稍坐')
  // A tap on the dimmed area above the sheet asks first; "keep typing" keeps the sheet and the words.
  await page.mouse.click(500, 20)
  const dialog = page.locator('.van-dialog')
  await expect(dialog).toContainText('关闭后将丢失')
  await dialog.locator('.van-dialog__cancel').click()
  await expect(sheet.getByTestId('action-field-note')).toHaveValue('已安抚客户，请其到接待室稍坐')

  // Kept on the tablet: a reload, then the same action, and the words are there.
  await page.waitForTimeout(800)
  await reloadUnlocked(page)
  await expect(page.getByTestId('detail-name')).toHaveText('孙草稿')
  await page.getByTestId('action-complaint-acknowledged').click()
  await expect(page.getByTestId('sheet-complaint-acknowledged').getByTestId('action-field-note')).toHaveValue(
    '已安抚客户，请其到接待室稍坐',
  )
})

test('a tablet three days slow warns, and prefills the receipt with the true time once it has synced', async ({
  context,
  page,
}) => {
  // The tablet's own clock, three days behind: every Date of the page reads it (not the service worker's: it only caches).
  await context.addInitScript((offset: number) => {
    const RealDate = Date
    class TabletDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset)
        else super(...(args as [string]))
      }

      static override now(): number {
        return RealDate.now() + offset
      }
    }
    globalThis.Date = TabletDate as DateConstructor
  }, -3 * DAY)
  await page.goto('/')
  await enrolTablet(page)
  await expect(page.getByTestId('clock-skew')).toContainText('本机时钟慢了3天')
  await page.getByTestId('new-complaint').click()
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  await expect(page.getByTestId('field-received-at')).toHaveValue(new RegExp(`^${today}T`))
})

test('during the script the lock waits, asks "still there?" first, and then shows nothing of the customer', async ({
  page,
}) => {
  await page.clock.install()
  await page.goto('/')
  await enrolTablet(page)
  await newComplaint(page, '李锁屏')
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('李锁屏')
  await page.getByTestId('start-script').click()
  await expect(page.getByTestId('script-customer')).toHaveText('李锁屏')

  // Six quiet minutes of listening: the hall's five-minute lock does not fire here.
  await page.clock.fastForward('06:00')
  await expect(page.getByTestId('script-customer')).toHaveText('李锁屏')
  await expect(page.getByTestId('still-there')).toHaveCount(0)
  // A minute before the script's lock (15 minutes by default): a discreet question.
  await page.clock.fastForward('08:05')
  await expect(page.getByTestId('still-there')).toBeVisible()
  await expect(page.getByTestId('script-customer')).toHaveText('李锁屏')
  // Nobody answered: locked, and the customer's name and complaint are gone from the screen.
  await page.clock.fastForward('01:00')
  await expect(page).toHaveURL(/\/unlock/)
  await expect(page.getByText('李锁屏')).toHaveCount(0)
  await expect(page.getByTestId('script-page')).toHaveCount(0)
})
