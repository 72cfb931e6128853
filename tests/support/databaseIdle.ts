import { flushPromises } from '@vue/test-utils'
import type { ComplaintDb } from '@/db'

/**
 * Waits until the database has finished everything begun on it so far, however long that takes, in place of a sleep
 * that a slow write outlasts. IndexedDB runs a read-write transaction over every store only after every transaction
 * begun before it, and a tap's save opens its transaction within the tap's promise chain (commit opens it at once).
 * `rounds`: for a chain of transactions (a save, then the draft's removal), one barrier per link.
 */
export async function databaseIdle(db: ComplaintDb, rounds = 1): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await db.transaction('rw', db.tables, async () => undefined)
  }
  await flushPromises()
}
