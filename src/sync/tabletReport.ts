import type { ComplaintDb } from '@/db'
import type { TabletReport } from '@/domain'

/** What the tablet tells the centre with each pull: its unsent events, its build, and that it can erase itself. */
export async function tabletReport(db: ComplaintDb, app: string): Promise<TabletReport> {
  return { pending: await db.outbox.count(), app, wipe: true }
}

/**
 * An administrator revoked this tablet with an order to erase it (a lost or stolen tablet): everything it holds goes —
 * complaints, unsent records, drafts, its users and their PINs — and it starts again at enrolment.
 */
export async function wipeTablet(db: ComplaintDb, storage: Pick<Storage, 'clear'> | undefined = globalThis.sessionStorage): Promise<void> {
  await db.delete()
  storage?.clear()
}
