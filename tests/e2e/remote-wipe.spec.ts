import { expect, test } from '@playwright/test'
import { E2E_USER, fillIntake, reloadUnlocked, waitForServiceWorker, WANG_FANG } from './helpers'

const ADMIN = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' }
/** Unique per run: a retry on the same server must find its own tablet and customer. */
const RUN = Date.now().toString(36).slice(-4).toUpperCase()
const TABLET = `遗失平板 ${RUN}`
const CUSTOMER = `周晓${RUN}`

/**
 * Issue 17 (4): a tablet records a complaint offline and is lost; the administrator revokes it with a wipe; when it
 * comes back online its unsent complaint reaches the centre, then its database is deleted and it says why.
 */
test('a lost tablet revoked with a wipe sends its unsent complaint first, then erases itself and says why', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000)
  const tabletContext = await browser.newContext()
  const tablet = await tabletContext.newPage()

  // Enrolled as a lobby manager would, under a name of its own.
  await tablet.goto('/')
  await expect(tablet).toHaveURL(/\/enrol$/)
  await tablet.getByTestId('enrol-username').fill(E2E_USER.username)
  await tablet.getByTestId('enrol-password').fill(E2E_USER.password)
  await tablet.getByTestId('enrol-tablet-name').fill(TABLET)
  await tablet.getByTestId('enrol-pin').fill(E2E_USER.pin)
  await tablet.getByTestId('enrol-pin-again').fill(E2E_USER.pin)
  await tablet.getByTestId('enrol-submit').click()
  await expect(tablet.getByTestId('book-search')).toBeVisible({ timeout: 60_000 })
  // Controlled by the service worker, so the intake's chunk loads offline.
  await waitForServiceWorker(tablet)
  // A reload asks for the PIN (the keys live only in memory).
  await reloadUnlocked(tablet)
  await expect.poll(() => tablet.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  await expect(tablet.getByTestId('book-search')).toBeVisible()

  // The centre, as the administrator (through its API, to check what it holds).
  const signIn = await request.post('/api/auth/sign-in', { data: ADMIN })
  expect(signIn.status()).toBe(200)
  const headers = { authorization: `Bearer ${(await signIn.json()).token as string}` }
  const device = async () =>
    (
      (await (await request.get('/api/devices', { headers })).json()).devices as {
        name: string
        canWipe: boolean
        wipeAcknowledgedAt: string | null
        wipeUndelivered: number | null
      }[]
    ).find((d) => d.name === TABLET)
  // Its first sync says it can erase itself.
  await expect.poll(async () => (await device())?.canWipe ?? false, { timeout: 30_000 }).toBe(true)

  // Offline, a complaint is recorded: it waits in the outbox.
  await tabletContext.setOffline(true)
  await tablet.getByTestId('new-complaint').click()
  await fillIntake(tablet, { ...WANG_FANG, name: CUSTOMER })
  await tablet.getByTestId('submit-complaint').click()
  await expect(tablet).toHaveURL(/\/complaints\/(?!new)[^/]+$/)
  const complaintId = tablet.url().split('/').at(-1)!
  expect((await request.get(`/api/complaints/${complaintId}`, { headers })).status()).toBe(404)

  // The tablet is lost: the administrator revokes it with a wipe in the console.
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const admin = await consoleContext.newPage()
  await admin.goto('/admin')
  await admin.getByTestId('central-username').fill(ADMIN.username)
  await admin.getByTestId('central-password').fill(ADMIN.password)
  await admin.getByTestId('central-submit').click()
  await admin.getByTestId('admin-nav-tablets').click()
  const row = admin.locator(`[data-testid="tablet-row"][data-tablet="${TABLET}"]`)
  await row.getByTestId('tablet-revoke').click()
  await expect(admin.getByTestId('tablet-revoke-dialog')).toContainText('撤销并清除平板数据')
  await admin.getByTestId('tablet-revoke-wipe').check()
  await admin.getByTestId('tablet-revoke-confirm').click()
  await expect(row.getByTestId('tablet-state')).toContainText('已停用，待清除')

  // Back online: the unsent complaint reaches the centre, then the tablet erases itself and says why.
  await tabletContext.setOffline(false)
  await expect(tablet.getByTestId('wiped-screen')).toBeVisible({ timeout: 30_000 })
  await expect(tablet).toHaveURL(/\/wiped\.html$/)
  await expect(tablet.getByTestId('wiped-by')).toContainText('系统管理员')
  await expect(tablet.getByTestId('wiped-screen')).toContainText('重新启用')
  await expect(tablet.getByTestId('wiped-undelivered')).toBeHidden()
  const kept = await request.get(`/api/complaints/${complaintId}`, { headers })
  expect(kept.status()).toBe(200)
  expect((await kept.json()).complaint.customer.name).toBe(CUSTOMER)
  expect(await device()).toMatchObject({ wipeUndelivered: 0, wipeAcknowledgedAt: expect.any(String) })

  // Nothing of the customer is left in the browser: the database is gone, storage holds only the language and the notice.
  const left = await tablet.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    session: Object.keys(sessionStorage),
    local: Object.keys(localStorage).sort(),
    page: document.body.innerText,
  }))
  expect(left.databases).not.toContain('complaint-desk')
  expect(left.session).toEqual([])
  expect(left.local.every((k) => ['complaint-desk.locale', 'complaint-desk.wiped'].includes(k))).toBe(true)
  expect(left.page).not.toContain(CUSTOMER)

  // The console now says it is done; the tablet's token is refused for good.
  await admin.reload()
  await expect(row.getByTestId('tablet-state')).toContainText('已停用并清除')
  await expect(row.getByTestId('tablet-wiped-at')).toBeVisible()

  // A reload still explains; enrolling again starts afresh.
  await tablet.reload()
  await expect(tablet.getByTestId('wiped-screen')).toBeVisible()
  await tablet.getByTestId('wiped-enrol').click()
  await expect(tablet).toHaveURL(/\/enrol$/)
  await consoleContext.close()
  await tabletContext.close()
})
