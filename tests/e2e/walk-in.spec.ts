/**
 * "The customer is here", in real Chromium: the seven-step script begun with only the customer's name, offline; the
 * notes taken during it fill the intake form, which the manager confirms; the record and the steps are saved together.
 */
import { expect, test } from '@playwright/test'
import { openControlled, reloadUnlocked } from './helpers'

test('a script begun with only a name fills the intake afterwards, and its steps are recorded with the complaint', async ({
  page,
  context,
}) => {
  await openControlled(page)
  await context.setOffline(true)

  await page.getByTestId('new-complaint').click()
  await page.getByTestId('walk-in-open').click()
  await page.getByTestId('walk-in-go').click()
  await expect(page.getByRole('alert')).toBeVisible()
  await page.getByTestId('walk-in-name').fill('赵敏')
  await page.getByTestId('walk-in-go').click()

  await expect(page.getByTestId('script-page')).toBeVisible()
  await expect(page.getByTestId('script-customer')).toHaveText('赵敏')
  await page.getByTestId('script-mood-2').click()
  for (const step of ['isolate', 'calm', 'apologise', 'gather'] as const) {
    await expect(page.getByTestId(`script-view-${step}`)).toBeVisible()
    if (step === 'calm') await page.getByTestId('script-notes').fill('手机银行转账失败但已扣款\n客服说要等三天')
    if (step === 'gather') await page.getByTestId('script-real-demand').fill('今天确认钱的去向并退回')
    await page.getByTestId('script-next').click()
  }
  // A reload in the middle loses nothing: the walk-in's steps are kept on the tablet.
  await reloadUnlocked(page)
  await expect(page.getByTestId('script-view-propose')).toBeVisible()
  await page.getByTestId('script-exit').click()

  await expect(page).toHaveURL(/\/complaints\/new\?walkIn=/)
  await expect(page.getByTestId('walk-in-filled')).toBeVisible()
  await expect(page.getByTestId('field-name')).toHaveValue('赵敏')
  await expect(page.getByTestId('field-description')).toHaveValue('手机银行转账失败但已扣款\n客服说要等三天')
  await expect(page.getByTestId('field-demand')).toHaveValue('今天确认钱的去向并退回')
  await page.getByTestId('field-phone').fill('13912349963')
  await page.getByTestId('submit-complaint').click()

  await expect(page).toHaveURL(/\/complaints\/(?!new)[^/?]+$/)
  await expect(page.getByTestId('detail-name')).toHaveText('赵敏')
  await expect(page.locator('[data-testid="timeline-event"][data-type="script.stepDone"]')).toHaveCount(4)
  await expect(page.locator('[data-testid="timeline-event"][data-type="script.moodRecorded"]')).toHaveCount(1)
  // The script goes on where it stopped, now on the recorded complaint.
  await page.getByTestId('start-script').click()
  await expect(page.getByTestId('script-view-propose')).toBeVisible()
})
