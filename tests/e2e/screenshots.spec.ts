/**
 * Screenshots for the README (docs/screenshots/*.png, committed): the book, the intake form and a complaint,
 * at 1024×768 in zh-CN, with realistic data typed in through the UI; then the book, intake, complaint page and a script
 * step at 1024×768 and 800×1280 in both languages (`<screen>-<lang>-<w>x<h>.png`). Not a behaviour test: run it when the
 * UI changes and look at the pictures.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { enrolTablet, fillIntake, gotoUnlocked, pickCode } from './helpers'
import type { IntakeData } from './helpers'

const OUT = join(process.cwd(), 'docs', 'screenshots')

interface Sample extends IntakeData {
  /** JR/T 0169 codes: channel, business type, cause. */
  codes: [string, string, string]
  /** Received at, China wall-clock `HH:mm`, `daysAgo` days before today. */
  at: string
  daysAgo: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** China wall-clock `YYYY-MM-DD` of an instant. */
const chinaDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10)

/** `YYYY-MM-DDTHH:mm` (datetime-local): `daysAgo` days before now, at `at` China time. */
function receivedAt(now: number, at: string, daysAgo: number): string {
  return `${chinaDay(now - daysAgo * DAY)}T${at}`
}

const SAMPLES: Sample[] = [
  {
    name: '陈志强',
    phone: '13911112222',
    codes: ['A0101', 'BP06', 'C04'],
    at: '16:40',
    daysAgo: 2,
    description: '去年在本网点购买的理财产品到期收益低于客户经理口头承诺的 4.5%，认为销售时未充分揭示风险。',
    demand: '要求提供当时的风险评估和录音录像，并补偿收益差额',
  },
  {
    name: '刘淑华',
    phone: '13698765432',
    codes: ['A0101', 'B01', 'C05'],
    at: '09:12',
    daysAgo: 1,
    description: '账户每季度被扣小额账户管理费，开户时未被告知，已累计扣费 36 元。',
    demand: '退还已扣费用并取消该收费',
  },
  {
    name: '王芳',
    phone: '13812345678',
    codes: ['A0101', 'B03P1', 'C01'],
    at: '10:05',
    daysAgo: 1,
    description: '上午在柜台办理银行卡挂失，排队等候一个多小时，期间无人解释原因。',
    demand: '希望银行道歉并改进高峰期窗口安排',
  },
]

async function record(page: Page, now: number, sample: Sample): Promise<void> {
  await page.getByTestId('new-complaint').click()
  await fillIntake(page, sample)
  for (const code of sample.codes) await pickCode(page, code)
  await page.getByTestId('field-received-at').fill(receivedAt(now, sample.at, sample.daysAgo))
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText(sample.name)
}

/** Toasts fade; wait until none is on screen so they do not end up in the picture. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await page.evaluate(() => document.fonts.ready)
}

test('README screenshots: book, intake, detail', async ({ page }) => {
  mkdirSync(OUT, { recursive: true })
  // The tablet's real time: a faked one would differ from the centre's, and the header would rightly warn of it.
  const now = Date.now()
  await page.goto('/enrol')
  await enrolTablet(page)

  for (const sample of SAMPLES) await record(page, now, sample)
  const detailUrl = new URL(page.url()).pathname

  // The last complaint's page, with a note from the lobby manager.
  const note = page.getByTestId('note-text')
  if (await note.count()) {
    await note.fill('已将客户引导至贵宾室休息，客户情绪已平复，正在核实当时的叫号记录。')
    await page.getByTestId('note-submit').click()
    await expect(page.getByTestId('timeline-event')).toHaveCount(2)
  }
  await settle(page)
  await page.screenshot({ path: join(OUT, 'detail.png') })

  await gotoUnlocked(page, '/')
  // Other tests' complaints of the same branch may be there too.
  for (const sample of SAMPLES)
    await expect(page.getByTestId('book-row').filter({ hasText: sample.name })).toHaveCount(1)
  await settle(page)
  await page.screenshot({ path: join(OUT, 'book.png') })

  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '赵文静',
    phone: '15000001234',
    description: '手机银行转账显示成功，但收款方称两天仍未到账，客服电话一直占线。',
    demand: '尽快查明资金去向并书面答复',
  })
  for (const code of ['A01033', 'B04', 'C02']) await pickCode(page, code)
  await page.getByTestId('field-name').focus()
  await page.evaluate(() => window.scrollTo(0, 0))
  await settle(page)
  await page.screenshot({ path: join(OUT, 'intake.png') })

  // The same screens on a landscape and a portrait tablet, in both languages (issue 15): book, intake (the draft just
  // typed), the complaint's page and a step of the script.
  test.setTimeout(420_000) // each navigation now unlocks with the PIN (Argon2id)
  const screens: [string, string, string][] = [
    ['book', '/', 'book-row'],
    ['intake', '/complaints/new', 'field-name'],
    ['detail', detailUrl, 'detail-name'],
    ['script-step', `${detailUrl}/script`, 'script-page'],
  ]
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') {
      // From the book: the script's page covers the header, whose button this is.
      await gotoUnlocked(page, '/')
      await page.locator('button.lang').first().click()
      await expect(page.getByTestId('new-complaint')).toContainText('New complaint')
    }
    for (const [w, h] of [
      [1024, 768],
      [800, 1280],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      for (const [name, path, ready] of screens) {
        await gotoUnlocked(page, path)
        await expect(page.getByTestId(ready).first()).toBeVisible()
        await settle(page)
        await page.screenshot({ path: join(OUT, `${name}-${lang}-${w}x${h}.png`) })
      }
    }
  }
  await gotoUnlocked(page, '/')
  await page.locator('button.lang').first().click()
})
