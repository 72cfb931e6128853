/**
 * The acceptance slip (受理回执) in real Chromium: the case number given offline-capable at intake, the slip with what
 * was received and the expected reply, and the customer's signature drawn on the canvas with a mouse and with a
 * finger (touch events through the DevTools protocol), stored as an event and still there after a reload.
 * Also takes the slip's screenshots at 1024×768 and 800×1280 in both languages (docs/screenshots/slip-*.png).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { fillIntake, gotoUnlocked, openControlled, reloadUnlocked, WANG_FANG } from './helpers'

const OUT = join(process.cwd(), 'docs', 'screenshots')
const CASE = /^ZS-\d{6}-[A-HJ-NP-Z]\d{2,3}$/

/** The branch code and letter the centre gives with a pull: until then the tablet gives no case numbers. */
async function numbered(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<unknown>((resolve) => {
              const open = indexedDB.open('complaint-desk')
              open.onsuccess = () => {
                const get = open.result.transaction('meta').objectStore('meta').get('caseNumbering')
                get.onsuccess = () => {
                  resolve(get.result?.value ?? null)
                  open.result.close()
                }
              }
            }),
        ),
      { message: 'the centre gave this tablet its case numbering', timeout: 30_000 },
    )
    .toMatchObject({ branchCode: 'ZS' })
}

async function drawWithMouse(page: Page, x0: number, y0: number) {
  const box = (await page.getByTestId('signature-canvas').boundingBox())!
  await page.mouse.move(box.x + x0, box.y + y0)
  await page.mouse.down()
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + x0 + i * 12, box.y + y0 + Math.sin(i / 3) * 40)
  await page.mouse.up()
}

async function drawWithFinger(page: Page, x0: number, y0: number) {
  const box = (await page.getByTestId('signature-canvas').boundingBox())!
  const cdp = await page.context().newCDPSession(page)
  const point = (i: number) => [{ x: box.x + x0 + i * 10, y: box.y + y0 + i * 4, id: 1 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(0) })
  for (let i = 1; i <= 15; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(i) })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

test('a case number at intake, the acceptance slip, and the customer’s signature drawn on the tablet', async ({
  page,
}) => {
  // Four screenshots besides the journey: a loaded two-core machine needs more than the default minute.
  test.setTimeout(240_000) // each navigation now unlocks with the PIN (Argon2id)
  await openControlled(page)
  await numbered(page)

  await page.getByTestId('new-complaint').click()
  await fillIntake(page, WANG_FANG)
  await page.getByTestId('submit-complaint').click()
  await expect(page).toHaveURL(/\/complaints\/(?!new)[^/]+$/)
  const caseNumber = (await page.getByTestId('detail-case-number').textContent())!.trim()
  expect(caseNumber).toMatch(CASE)

  // The book shows it and finds the complaint by it, typed in lower case as a customer might read it out.
  await gotoUnlocked(page, '/')
  await expect(page.getByTestId('book-row').first().getByTestId('book-row-case')).toHaveText(caseNumber)
  await page.getByTestId('book-search').fill(caseNumber.toLowerCase())
  await expect(page.getByTestId('book-row')).toHaveCount(1)
  await page.getByTestId('book-row').click()

  await page.getByTestId('open-slip').click()
  await expect(page).toHaveURL(/\/slip$/)
  const slipUrl = page.url()
  await expect(page.getByTestId('slip-case-number')).toHaveText(caseNumber)
  await expect(page.getByTestId('slip-expected')).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/)
  const sms = await page.getByTestId('slip-sms').getAttribute('href')
  expect(sms).toMatch(/^sms:13812345678\?body=/)
  expect(decodeURIComponent(sms!.split('body=')[1]!)).toContain(caseNumber)

  await page.getByTestId('slip-sign').click()
  // Saving an empty pad asks for a signature first and stores nothing.
  await page.getByTestId('signature-save').click()
  await expect(page.getByTestId('signature-pad')).toContainText('请先签名')
  await drawWithMouse(page, 40, 80)
  await drawWithFinger(page, 60, 150)
  const strokes = await page.evaluate(() => document.querySelector('[data-testid="signature-canvas"]') !== null)
  expect(strokes).toBe(true)
  await page.getByTestId('signature-save').click()

  const view = page.getByTestId('signature-view')
  await expect(view).toBeVisible()
  // Two strokes, mouse and finger: two subpaths, each of many points.
  const d = (await view.locator('path').getAttribute('d'))!
  expect(d.match(/M/g)).toHaveLength(2)
  expect(d.match(/L/g)!.length).toBeGreaterThan(20)
  await expect(page.getByTestId('slip-signed-at')).toBeVisible()

  // Stored with the events: there after a reload, and on the timeline.
  await reloadUnlocked(page)
  await expect(page.getByTestId('signature-view')).toBeVisible()
  expect(await page.getByTestId('signature-view').locator('path').getAttribute('d')).toBe(d)
  await gotoUnlocked(page, slipUrl.replace(/\/slip$/, ''))
  await expect(page.getByTestId('timeline-event').filter({ hasText: '客户签收受理回执' })).toHaveCount(1)

  // The pictures, in both languages, on a landscape and a portrait tablet.
  mkdirSync(OUT, { recursive: true })
  await gotoUnlocked(page, slipUrl)
  await expect(page.getByTestId('signature-view')).toBeVisible()
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') {
      await page.locator('button.lang').first().click()
      await expect(page.getByTestId('slip')).toContainText('Case number')
    }
    for (const [w, h] of [
      [1024, 768],
      [800, 1280],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.waitForTimeout(200)
      await page.screenshot({ path: join(OUT, `slip-${lang}-${w}x${h}.png`) })
    }
  }
  await page.locator('button.lang').first().click()
  await page.setViewportSize({ width: 1024, height: 768 })
  // On paper: the slip and nothing of the app around it.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('slip-print')).toBeHidden()
  await expect(page.getByTestId('slip')).toBeVisible()
  await page.emulateMedia({ media: 'screen' })
})
