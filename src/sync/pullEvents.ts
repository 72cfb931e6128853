import { applyRemote, reprojectOpen } from '@/db'
import type { ComplaintDb } from '@/db'
import { clockOffset } from '@/domain'
import type { TabletReport } from '@/domain'
import { refetchPruned } from './refetchPruned'
import type { SyncTransport } from './transport'

export async function readCursor(db: ComplaintDb): Promise<number> {
  return (await db.getMeta('cursor')) ?? 0
}

/**
 * Pulled events applied per transaction. Folding a page of 500 and working out its book rows and search words is
 * one block of main-thread work of up to ~0.5 s (36 long tasks over 100 ms in a cold pull of 20,000 events, bench
 * `pull`): the book would not answer a tap meanwhile. Slices of this size keep each block short, and the
 * IndexedDB round trips between them let the UI run (issue 19).
 */
export const APPLY_SLICE = 50

/**
 * Pulls the branch's events after the tablet's cursor, page by page. A page is stored and refolded slice by slice
 * (APPLY_SLICE); the cursor moves in the same transaction as the page's last slice, so it never passes what was
 * not stored. A crash mid-page pulls that page again: storing an event already held changes nothing.
 */
export interface PullOptions {
  pageSize?: number
  onDeviceToken?: (token: string) => Promise<void>
  /** Who may unlock this branch's tablets now, as the centre says with the last page. */
  onActiveStaff?: (staffIds: string[]) => Promise<void>
  /** What the tablet reports with its pull: read once, before the first page. */
  report?: () => Promise<TabletReport>
}

export async function pullEvents(
  db: ComplaintDb,
  transport: SyncTransport,
  options: PullOptions = {},
): Promise<number> {
  const pageSize = options.pageSize ?? 500
  const report = await options.report?.()
  let pulled = 0
  for (;;) {
    const after = await readCursor(db)
    const sentAtMs = Date.now()
    const page = await transport.pull(after, pageSize, report)
    const receivedAtMs = Date.now()
    if (page.cursor < after) throw new Error(`Server cursor went back from ${after} to ${page.cursor}`)
    // The centre rotated this tablet's token: keep the new one before anything else (the old one works a while longer).
    if (page.deviceToken) await options.onDeviceToken?.(page.deviceToken)
    // A complaint removed by retention that comes back with this page: its whole history first.
    await refetchPruned(db, transport, page.events, APPLY_SLICE)
    for (let start = 0; start + APPLY_SLICE < page.events.length; start += APPLY_SLICE) {
      await applyRemote(db, page.events.slice(start, start + APPLY_SLICE))
    }
    const last = page.events.length === 0 ? 0 : Math.floor((page.events.length - 1) / APPLY_SLICE) * APPLY_SLICE
    await applyRemote(db, page.events.slice(last), { cursor: page.cursor })
    pulled += page.events.length
    if (!page.hasMore) {
      // How far this tablet's clock is off the centre's: the header warns and the forms use the centre's time.
      const offsetMs = page.serverTime ? clockOffset({ sentAtMs, receivedAtMs, serverTime: page.serverTime }) : null
      if (offsetMs !== null)
        await db.putMeta('clockOffset', { offsetMs, measuredAt: new Date(receivedAtMs).toISOString() })
      // The centre's calendar overrides, deadline policy and taxonomy come with every pull.
      if (page.settings) {
        const before = await db.getMeta('settings')
        await db.putMeta('settings', page.settings)
        if (before?.version !== page.settings.version) await reprojectOpen(db)
      }
      if (page.staffIds) await options.onActiveStaff?.(page.staffIds)
      // The branch code and letter this tablet numbers its complaints with (none while the branch has no code).
      if (page.caseNumbering) await db.putMeta('caseNumbering', page.caseNumbering)
      else if (page.caseNumbering === null) await db.meta.delete('caseNumbering')
      // Whether the centre sends SMS through the bank's gateway (else the manager sends by hand and declares it).
      if (page.smsGateway !== undefined) await db.putMeta('smsGateway', page.smsGateway)
      return pulled
    }
  }
}
