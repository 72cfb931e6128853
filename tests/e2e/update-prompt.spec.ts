import { expect, test } from '@playwright/test'
import { deployNewServiceWorker, openControlled, unlockTablet } from './helpers'

test('accepting an update keeps the half-filled intake form', async ({ page }, testInfo) => {
  // Page timers are under test control: the form's debounced autosave can be held back, so the test proves
  // that accepting the update saves the draft itself (flushDrafts) before the reload.
  await page.clock.install()
  // The forms also save on `pagehide`; switch that safety net off for the same reason.
  await page.addInitScript(() => {
    const add = window.addEventListener.bind(window)
    window.addEventListener = ((
      type: string,
      ...rest: [EventListenerOrEventListenerObject, (boolean | AddEventListenerOptions)?]
    ) => {
      if (type !== 'pagehide') add(type, ...rest)
    }) as typeof window.addEventListener
  })
  await openControlled(page)
  await page.getByTestId('new-complaint').click()
  await expect(page).toHaveURL(/\/complaints\/new$/)
  await page.getByTestId('field-description').fill('ATM 吞卡后等待四十分钟无人处理')

  const restore = deployNewServiceWorker()
  try {
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      await registration?.update()
    })

    const prompt = page.getByTestId('update-prompt')
    await expect(prompt).toBeVisible()
    await expect(prompt).toContainText('新版本已就绪')
    await expect(page.getByTestId('update-accept')).toHaveText(/更新/)
    // The prompt does not block the form.
    await expect(page.getByTestId('field-name')).toBeEditable()
    await page.screenshot({ path: testInfo.outputPath('update-prompt.png') })

    // Time stops: whatever is typed now is not autosaved, only accepting the update can save it.
    await page.clock.pauseAt(Date.now() + 1_000)
    await page.getByTestId('field-name').fill('李建国')
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-accept').click()])
    await page.clock.resume()

    // The new build starts locked, like every start (the keys live only in memory): the PIN brings the form back.
    await unlockTablet(page)
    await expect(page).toHaveURL(/\/complaints\/new$/)
    await expect(page.getByTestId('field-name')).toHaveValue('李建国')
    await expect(page.getByTestId('field-description')).toHaveValue('ATM 吞卡后等待四十分钟无人处理')
    await expect(page.getByTestId('update-prompt')).toBeHidden()
    // The new worker is in charge and nothing is left waiting.
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      return { waiting: !!registration?.waiting, controlled: navigator.serviceWorker.controller !== null }
    })
    expect(after).toEqual({ waiting: false, controlled: true })
  } finally {
    restore()
  }
})

test('dismissing the update prompt leaves the page as it was', async ({ page }) => {
  await openControlled(page)
  const restore = deployNewServiceWorker()
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    await expect(page.getByTestId('update-prompt')).toBeVisible()
    await page.getByTestId('update-dismiss').click()
    await expect(page.getByTestId('update-prompt')).toBeHidden()
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true)
  } finally {
    restore()
  }
})
