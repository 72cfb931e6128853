import type { ComplaintDb } from './ComplaintDb'

/**
 * The end of "due soon" now (domain `dueSoonUntil`) under the centre's calendar and policy. The calendar and the
 * settings' schemas are loaded on first use, not with the book: the first screen stays small.
 */
export async function dueSoonLimit(db: ComplaintDb, now: Date = new Date()): Promise<number> {
  const [{ dueSoonUntil }, { loadClockContext }] = await Promise.all([
    import('@/domain/complaint/clocks'),
    import('./clockContext'),
  ])
  const ctx = await loadClockContext(db, now)
  return dueSoonUntil(now, ctx.calendar, ctx.policy)
}

/** How many complaints have a deadline overdue or due before `dueSoonUntil`: the header's and the app icon's badge. */
export function countDueSoon(db: ComplaintDb, dueSoonUntil: number): Promise<number> {
  return db.complaints.where('dueAt').between('0', new Date(dueSoonUntil).toISOString(), true, true).count()
}
