import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'
import { servedDist } from './paths'

/** Resolves once a service worker is active for the page's scope. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const active = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return registration.active?.state ?? null
  })
  expect(active, 'an active service worker').toBeTruthy()
}

/** The demo bank's account the tests enrol with (seeded by serve.ts): 中山路支行, which starts with no complaints. */
export const E2E_USER = { username: 'wang', name: '王强', password: 'e2e-demo-password', pin: '246810' }

/**
 * Enrols this browser's tablet as a lobby manager would on first use: signs in online, names the tablet, sets a
 * PIN. Lands on the complaint book, unlocked. Call on a fresh context, on any page (the app redirects to /enrol).
 */
export async function enrolTablet(page: Page, user = E2E_USER): Promise<void> {
  await expect(page).toHaveURL(/\/enrol$/)
  await page.getByTestId('enrol-username').fill(user.username)
  await page.getByTestId('enrol-password').fill(user.password)
  await page.getByTestId('enrol-tablet-name').fill('大堂 1 号平板')
  await page.getByTestId('enrol-pin').fill(user.pin)
  await page.getByTestId('enrol-pin-again').fill(user.pin)
  await page.getByTestId('enrol-submit').click()
  // The centre hashes the password: slow on a loaded machine.
  await expect(page.getByTestId('book-search')).toBeVisible({ timeout: 60_000 })
}

/** On the lock screen: choose the user and type the PIN. */
export async function unlockTablet(page: Page, user = E2E_USER): Promise<void> {
  await expect(page).toHaveURL(/\/unlock/)
  if ((await page.getByTestId('unlock-pin').count()) === 0)
    await page.getByTestId(`unlock-user-${user.username}`).click()
  await page.getByTestId('unlock-pin').fill(user.pin)
  await page.getByTestId('unlock-submit').click()
  // Argon2id of the PIN: about a second on a tablet, more on a loaded test machine.
  await expect(page).not.toHaveURL(/\/unlock/, { timeout: 30_000 })
}

/**
 * A navigation is a reload, and an enrolled tablet comes back locked: its keys live only in memory (issue 17). The
 * lock screen then returns to the page asked for.
 */
export async function gotoUnlocked(page: Page, path: string, user = E2E_USER): Promise<void> {
  await page.goto(path)
  await unlockTablet(page, user)
}

export async function reloadUnlocked(page: Page, user = E2E_USER): Promise<void> {
  await page.reload()
  await unlockTablet(page, user)
}

/**
 * First visit (enrolling the tablet), wait for the worker, reload: from then on the page is controlled and everything it needs
 * comes from the precache.
 */
export async function openControlled(page: Page, path = '/'): Promise<void> {
  await page.goto('/')
  // The app decides after it starts: the book, or (on a new tablet) the enrolment form.
  const enrolForm = page.getByTestId('enrol-username')
  await expect(page.getByTestId('book-search').or(enrolForm)).toBeVisible()
  if (await enrolForm.isVisible()) await enrolTablet(page)
  if (path !== '/') await gotoUnlocked(page, path)
  await waitForServiceWorker(page)
  await reloadUnlocked(page)
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'page controlled by the service worker',
    })
    .toBe(true)
}

/** "Deploys a new build": changes the bytes of the served sw.js. Returns a function that puts the old one back. */
export function deployNewServiceWorker(version = `e2e-${Date.now()}`): () => void {
  const file = join(servedDist(), 'sw.js')
  const before = readFileSync(file)
  appendFileSync(file, `\n// build ${version}\n`)
  return () => writeFileSync(file, before)
}

/** Same-origin requests that failed (other than /api, which is allowed to fail offline). */
export function collectFailedAppRequests(page: Page, origin: string): string[] {
  const failed: string[] = []
  page.on('requestfailed', (request) => {
    const url = new URL(request.url())
    if (url.origin === origin && !url.pathname.startsWith('/api/'))
      failed.push(`${url.pathname} (${request.failure()?.errorText ?? '?'})`)
  })
  return failed
}

export interface IntakeData {
  name: string
  phone: string
  description: string
  demand: string
}

export async function fillIntake(page: Page, data: IntakeData): Promise<void> {
  await page.getByTestId('field-name').fill(data.name)
  await page.getByTestId('field-phone').fill(data.phone)
  await page.getByTestId('field-description').fill(data.description)
  await page.getByTestId('field-demand').fill(data.demand)
}

export const WANG_FANG: IntakeData = {
  name: '王芳',
  phone: '13812345678',
  description: '上午在柜台办理银行卡挂失，排队等候一个多小时，期间无人解释原因。',
  demand: '希望银行道歉并改进高峰期窗口安排',
}

/** Classifies on one JR/T 0169 dimension with the picker, found by its code (as a manager may type it). */
export async function pickCode(page: Page, code: string): Promise<void> {
  const picker = page.getByTestId(`picker-${code[0]}`)
  await picker.getByTestId(`picker-${code[0]}-search`).fill(code)
  await picker.getByTestId(`code-${code}`).click()
  await expect(picker.getByTestId(`picker-${code[0]}-chosen`)).toContainText(code)
}

/** Opens the next-step or a listed action, taps its choices and fills its fields; returns the open sheet. */
export async function act(
  page: Page,
  type: string,
  fields: Record<string, string> = {},
  choices: Record<string, string> = {},
) {
  const next = page.locator(`[data-testid="next-step"][data-action="${type}"]`)
  if (await next.count()) await next.click()
  else await page.getByTestId(`action-${type.replace('.', '-')}`).click()
  const sheet = page.getByTestId(`sheet-${type.replace('.', '-')}`)
  await expect(sheet).toBeVisible()
  // The choices are large labelled buttons (the radio inside is hidden): tap the label, as a finger would.
  for (const [name, value] of Object.entries(choices)) {
    const testid = `[data-testid="action-field-${name}-${value}"]`
    await sheet.locator('label', { has: page.locator(testid) }).click()
    await expect(sheet.locator(testid)).toBeChecked()
  }
  for (const [name, value] of Object.entries(fields)) await sheet.getByTestId(`action-field-${name}`).fill(value)
  return sheet
}

/** Saves the open action's sheet and waits for its event on the timeline. */
export async function saveAction(page: Page, type: string): Promise<void> {
  const sheet = page.getByTestId(`sheet-${type.replace('.', '-')}`)
  await sheet.getByTestId('action-submit').click()
  await expect(sheet).toBeHidden()
  await expect(page.locator(`[data-testid="timeline-event"][data-type="${type}"]`).first()).toBeVisible()
}
