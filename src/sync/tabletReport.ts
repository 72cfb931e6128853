import type { ComplaintDb } from '@/db'
import type { TabletReport } from '@/domain'

/** What the tablet tells the centre with each pull: its unsent events, its build, and that it can erase itself. */
export async function tabletReport(db: ComplaintDb, app: string): Promise<TabletReport> {
  return { pending: await db.outbox.count(), app, wipe: true }
}

/** Why this tablet holds nothing: shown to whoever picks it up next, until it is enrolled again. */
export interface WipeNotice {
  /** When the administrator revoked it, and their name (as the centre said). */
  revokedAt: string | null
  revokedBy: string | null
  /** When the tablet erased itself. */
  erasedAt: string
  /** Records the centre refused or could not take yet, erased with the rest. */
  undelivered: number
}

/**
 * The one thing an erased tablet keeps in local storage: why it is empty (staff name and times, no customer data).
 * While it is there the app opens no database and shows only that (openDatabaseEarly.ts, main.ts, WipedScreen).
 */
export const WIPE_NOTICE_KEY = 'complaint-desk.wiped'
/** Kept across a wipe: the screen's language (not data). */
const KEPT_KEYS = ['complaint-desk.locale']

/**
 * An administrator revoked this tablet with an order to erase it (a lost or stolen tablet): everything it holds goes —
 * complaints, drafts, its users and their PINs, the outbox (already pushed) — and it starts again at enrolment. The
 * database is deleted and stays deleted (no auto-open: a live query or a draft's save cannot recreate it behind the
 * notice); session storage is cleared and local storage too, but for the language and the notice. The service
 * worker's caches hold only the app's own files (`/api` is never cached), so they stay.
 */
export async function wipeTablet(
  db: ComplaintDb,
  notice: WipeNotice,
  storage: { session?: Pick<Storage, 'clear'>; local?: Pick<Storage, 'clear' | 'getItem' | 'setItem'> } = {
    session: globalThis.sessionStorage,
    local: globalThis.localStorage,
  },
): Promise<void> {
  await db.delete({ disableAutoOpen: true })
  storage.session?.clear()
  const local = storage.local
  if (local) {
    const kept = KEPT_KEYS.map((k) => [k, local.getItem(k)] as const)
    local.clear()
    for (const [k, v] of kept) if (v !== null) local.setItem(k, v)
    local.setItem(WIPE_NOTICE_KEY, JSON.stringify(notice))
  }
}
