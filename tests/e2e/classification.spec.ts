import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Locator } from '@playwright/test'
import { E2E_USER, fillIntake, gotoUnlocked, openControlled, reloadUnlocked } from './helpers'

const SHOTS = join('docs', 'screenshots')

/** A picture of one part of the page, without the sticky header that scrolling it into view would draw across it. */
async function shot(part: Locator, name: string) {
  const page = part.page()
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await page.evaluate(() => document.fonts.ready)
  await part.screenshot({ path: join(SHOTS, `${name}.png`), style: '.app-header { position: static !important; }' })
}

test('a complaint classified offline on the three JR/T 0169 dimensions is counted under its codes in the centre', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000) // each navigation now unlocks with the PIN (Argon2id)
  mkdirSync(SHOTS, { recursive: true })
  await openControlled(page)
  await context.setOffline(true)
  await reloadUnlocked(page)
  await expect(page.getByTestId('net-status')).toContainText('离线')

  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '何静',
    phone: '13600002222',
    description: '在自助存取款机取款时机器吞卡，借记卡至今未退回。',
    demand: '当天退卡',
  })
  // A: one tap on a first entry. B: found by a word. C: from the whole table in the standard's order.
  await page.getByTestId('picker-A').getByTestId('code-A0102').click()
  await page.getByTestId('picker-B-search').fill('借记')
  await page.getByTestId('picker-B').getByTestId('code-B03P1').click()
  await page.getByTestId('picker-C-all').click()
  await expect(page.getByTestId('picker-C').getByTestId('code-CP05')).toBeVisible()
  await page.getByTestId('picker-C').getByTestId('code-C02').click()
  await page.getByTestId('picker-B-all').click()
  await shot(page.getByTestId('classification'), 'classification-picker')
  await expect(page.getByTestId('picker-A-chosen')).toContainText('自助机具')
  await expect(page.getByTestId('picker-B-chosen')).toContainText('银行卡 › 借记卡')
  await expect(page.getByTestId('picker-C-chosen')).toContainText('服务设施、设备、业务系统')
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('何静')
  await expect(page.getByTestId('classified-A')).toContainText('前台业务渠道 › 自助机具')
  await expect(page.getByTestId('classified-B')).toContainText('B03P1')
  await expect(page.getByTestId('classified-C')).toContainText('C02')
  await expect(page.getByTestId('outbox-count')).toHaveText('1')

  // Back online, the tablet syncs; the report by code, computed centrally, counts it under each code and level.
  await context.setOffline(false)
  await expect(page.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })
  await gotoUnlocked(page, '/reports')
  await page.getByTestId('central-username').fill(E2E_USER.username)
  await page.getByTestId('central-password').fill(E2E_USER.password)
  await page.getByTestId('central-submit').click()
  const report = page.getByTestId('code-report')
  await expect(report.getByTestId('code-row-B03P1')).toContainText('1')
  await expect(report.getByTestId('code-row-B03')).toContainText('银行卡')
  await report.getByTestId('code-tab-A').click()
  await expect(report.getByTestId('code-row-A0102').locator('td').nth(2)).toHaveText('1')
  await report.getByTestId('code-tab-C').click()
  await expect(report.getByTestId('code-row-C02').locator('td').nth(2)).toHaveText('1')
  await report.getByTestId('code-tab-B').click()
  await shot(report, 'report-by-code')

  const download = page.waitForEvent('download')
  await report.getByTestId('export-codes-xlsx').click()
  expect((await download).suggestedFilename()).toMatch(/^codes-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/)
})
