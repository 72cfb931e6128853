import { bookPage } from '@/db/queries'
import type { ComplaintRow } from '@/db/schema'
import type { ComplaintDb } from '@/db/ComplaintDb'

/** The book's first page, as BookPage first asks for it (all statuses, no filter, newest first). */
export const FIRST_PAGE_SIZE = 50

let pending: Promise<ComplaintRow[]> | undefined

/**
 * Starts reading the book's first page beside the session, when a reload is expected to land on the book with its
 * user still unlocked: the rows are then in memory when the page is set up, instead of one more IndexedDB round
 * trip after it (docs/benchmarks.md, cold start). Nothing is shown from it until the router has let the book open.
 */
export function prefetchFirstBookPage(db: ComplaintDb): void {
  pending = bookPage(db, { limit: FIRST_PAGE_SIZE })
  // Unhandled here on purpose: whoever takes it (or nobody) decides; the book's live query reports read errors.
  pending.catch(() => undefined)
}

/** The read under way, once: a later visit to the book reads afresh. */
export function takeFirstBookPage(): Promise<ComplaintRow[]> | undefined {
  const p = pending
  pending = undefined
  return p
}

/** The router did not open the book (the tablet is locked or not enrolled): the rows are not kept. */
export function dropFirstBookPage(): void {
  pending = undefined
}
