import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { enrolTablet, fillIntake, gotoUnlocked } from './helpers'

/**
 * The layout on the tablets the branches use — a 10-inch tablet in landscape (1024×768) and upright (800×1280) — in
 * both languages, with a supervisor signed in (the most links in the header): every link of the header whole and in
 * view without scrolling, the complaint's record card holding its values, and touch targets a finger can hit.
 */
const SUPERVISOR = { username: 'zhao', name: '赵敏', password: 'e2e-demo-password', pin: '135790' }
const SIZES = [
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
]
const LOCALES = ['zh-CN', 'en'] as const
const TOUCH = 44

async function useLocale(page: Page, locale: (typeof LOCALES)[number]) {
  // Tapped again if the first tap landed before the header was ready.
  await expect(async () => {
    if ((await page.locator('html').getAttribute('lang')) !== locale) await page.locator('header .lang').click()
    await expect(page.locator('html')).toHaveAttribute('lang', locale, { timeout: 3000 })
  }).toPass({ timeout: 20_000 })
}

/** Each element fully inside the viewport's width and not cut inside itself. */
async function expectWhollyVisible(items: Locator, width: number) {
  const n = await items.count()
  expect(n).toBeGreaterThan(0)
  for (let i = 0; i < n; i++) {
    const item = items.nth(i)
    const box = (await item.boundingBox())!
    const label = (await item.innerText()).trim()
    expect(box.x, `${label}: left edge`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${label}: right edge within ${width}`).toBeLessThanOrEqual(width + 0.5)
    const clipped = await item.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    expect(clipped, `${label}: text cut`).toBe(false)
  }
}

test('the header, the book and the record card fit a tablet in both languages and both orientations', async ({
  page,
}) => {
  test.setTimeout(300_000) // each navigation now unlocks with the PIN (Argon2id)
  await page.goto('/')
  await enrolTablet(page, SUPERVISOR)
  await expect(page.getByTestId('nav-desk')).toBeVisible()
  await gotoUnlocked(page, '/complaints/new', SUPERVISOR)
  await fillIntake(page, {
    name: '欧阳明远',
    phone: '010-62345678',
    description:
      'CardholderVerificationFailedAtTheSelfServiceTerminalWithoutAnyExplanationFromStaff 自助机验证失败，无人解释。',
    demand: '希望说明原因',
  })
  await page.getByTestId('field-recording-ref').fill('REC-2026-0000-0000-0000-0000-0000-0001')
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('欧阳明远')
  const complaintPath = new URL(page.url()).pathname

  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const locale of LOCALES) {
      const where = `${locale} ${size.width}×${size.height}`
      await gotoUnlocked(page, '/', SUPERVISOR)
      await expect(page.getByTestId('book-search')).toBeVisible()
      await useLocale(page, locale)
      const nav = page.locator('header nav')
      await expect(page.getByTestId('nav-desk'), where).toBeVisible()
      expect(
        await nav.evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
        `${where}: the links need no scrolling`,
      ).toBe(true)
      await expectWhollyVisible(nav.locator('a'), size.width)
      await expectWhollyVisible(page.locator('header .status > *'), size.width)
      await expect(page.getByTestId('new-complaint')).toBeInViewport({ ratio: 1 })

      const mine = page.locator('label.mine')
      const box = (await mine.boundingBox())!
      expect(box.height, `${where}: 我负责的 is tall enough to tap`).toBeGreaterThanOrEqual(TOUCH)
      expect(box.width).toBeGreaterThanOrEqual(TOUCH)

      await gotoUnlocked(page, complaintPath, SUPERVISOR)
      const card = page.locator('.card.facts')
      await expect(card).toBeVisible()
      const overflow = await card.evaluate((el) => {
        const right = el.getBoundingClientRect().right
        const out = [...el.querySelectorAll('*')]
          .filter((c) => c.getBoundingClientRect().right > right + 0.5)
          .map((c) => c.textContent?.slice(0, 40))
        return { out, scrolls: el.scrollWidth > el.clientWidth + 1 }
      })
      expect(overflow.out, `${where}: nothing sticks out of the record card`).toEqual([])
      expect(overflow.scrolls, `${where}: the record card does not scroll sideways`).toBe(false)
    }
  }
})
