import { expect, test } from '@playwright/test'
import { fillIntake, gotoUnlocked, openControlled, reloadUnlocked, WANG_FANG } from './helpers'

test('a complaint recorded offline survives a reload', async ({ page, context }) => {
  await openControlled(page)
  await context.setOffline(true)
  await reloadUnlocked(page)
  await expect(page.getByTestId('net-status')).toContainText('离线')

  await page.getByTestId('new-complaint').click()
  await fillIntake(page, WANG_FANG)
  await page.getByTestId('submit-complaint').click()

  await expect(page).toHaveURL(/\/complaints\/(?!new)[^/]+$/)
  const detailUrl = page.url()
  await expect(page.getByTestId('detail-name')).toHaveText('王芳')
  await expect(page.getByTestId('timeline-event')).toHaveCount(1)

  await gotoUnlocked(page, '/')
  const row = page.getByTestId('book-row').filter({ hasText: '王芳' })
  await expect(row).toHaveCount(1)
  await expect(page.getByTestId('outbox-count')).toHaveText('1')

  await reloadUnlocked(page)
  await expect(page.getByTestId('net-status')).toContainText('离线')
  await expect(row).toHaveCount(1)
  await expect(page.getByTestId('outbox-count')).toHaveText('1')

  await row.click()
  await expect(page).toHaveURL(detailUrl)
  await expect(page.getByTestId('detail-name')).toHaveText('王芳')
  await expect(page.getByTestId('timeline-event')).toHaveCount(1)
})
