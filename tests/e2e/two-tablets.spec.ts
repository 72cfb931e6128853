import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { fillIntake, gotoUnlocked, openControlled } from './helpers'

/** Flip the network off and on: the app's `online` handler syncs at once (no Background Sync needed). */
async function reconnect(context: BrowserContext) {
  await context.setOffline(true)
  await context.setOffline(false)
}

async function waitSynced(page: Page) {
  await expect(page.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })
}

const inTwentyDays = () => new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10)

test('two tablets of one branch converge: offline intake, an extension and a concurrent note', async ({ browser }) => {
  test.setTimeout(240_000) // each navigation now unlocks with the PIN (Argon2id)
  const contextA = await browser.newContext()
  const contextB = await browser.newContext()
  const a = await contextA.newPage()
  const b = await contextB.newPage()
  await openControlled(a)
  await openControlled(b)

  // Tablet A, offline, records a complaint, then comes back online: it is pushed.
  await contextA.setOffline(true)
  await a.getByTestId('new-complaint').click()
  await fillIntake(a, {
    name: '吴桐',
    phone: '13611112222',
    description: '网银转账被重复扣款两次。',
    demand: '退回多扣的钱',
  })
  await a.getByTestId('submit-complaint').click()
  await expect(a.getByTestId('detail-name')).toHaveText('吴桐')
  const url = new URL(a.url()).pathname
  await expect(a.getByTestId('outbox-count')).toHaveText('1')
  await contextA.setOffline(false)
  await waitSynced(a)

  // Tablet B sees it.
  await reconnect(contextB)
  await expect(b.getByTestId('book-row').filter({ hasText: '吴桐' })).toHaveCount(1, { timeout: 20_000 })

  // A goes offline and adds a note; meanwhile B extends the time limit.
  await contextA.setOffline(true)
  await a.getByTestId('note-text').fill('A：已联系网银中心核查')
  await a.getByTestId('note-submit').click()
  await expect(a.locator('[data-testid="timeline-event"][data-type="note.added"]')).toHaveCount(1)

  await gotoUnlocked(b, url)
  await b.getByTestId('action-complaint-extended').click()
  const sheet = b.getByTestId('sheet-complaint-extended')
  await sheet.getByTestId('action-field-reason').fill('需等待清算中心核对流水')
  await sheet.getByTestId('action-field-newDueDate').fill(inTwentyDays())
  await sheet.getByTestId('action-submit').click()
  await expect(b.locator('[data-testid="timeline-event"][data-type="complaint.extended"]')).toHaveCount(1)
  await waitSynced(b)

  // Both come together.
  await contextA.setOffline(false)
  await waitSynced(a)
  await reconnect(contextB)
  for (const page of [a, b]) {
    await expect(page.locator('[data-testid="timeline-event"][data-type="note.added"]')).toHaveCount(1, {
      timeout: 20_000,
    })
    await expect(page.locator('[data-testid="timeline-event"][data-type="complaint.extended"]')).toHaveCount(1, {
      timeout: 20_000,
    })
  }
  const timeline = (page: Page) =>
    page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.textContent))
  expect(await timeline(a)).toEqual(await timeline(b))
  await contextA.close()
  await contextB.close()
})
