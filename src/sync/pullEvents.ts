import { applyRemote, reprojectOpen } from '@/db'
import type { ComplaintDb } from '@/db'
import type { TabletReport } from '@/domain'
import type { SyncTransport } from './transport'

export async function readCursor(db: ComplaintDb): Promise<number> {
  return ((await db.meta.get('cursor'))?.value as number | undefined) ?? 0
}

/**
 * Pulls the branch's events after the tablet's cursor, page by page. Each page is stored, refolded and the
 * cursor advanced in one transaction, so a crash mid-pull resumes exactly where the last stored page ended.
 */
export interface PullOptions {
  pageSize?: number
  onDeviceToken?: (token: string) => Promise<void>
  /** Who may unlock this branch's tablets now, as the centre says with the last page. */
  onActiveStaff?: (staffIds: string[]) => Promise<void>
  /** What the tablet reports with its pull: read once, before the first page. */
  report?: () => Promise<TabletReport>
}

export async function pullEvents(db: ComplaintDb, transport: SyncTransport, options: PullOptions = {}): Promise<number> {
  const pageSize = options.pageSize ?? 500
  const report = await options.report?.()
  let pulled = 0
  for (;;) {
    const after = await readCursor(db)
    const page = await transport.pull(after, pageSize, report)
    if (page.cursor < after) throw new Error(`Server cursor went back from ${after} to ${page.cursor}`)
    // The centre rotated this tablet's token: keep the new one before anything else (the old one works a while longer).
    if (page.deviceToken) await options.onDeviceToken?.(page.deviceToken)
    await applyRemote(db, page.events, { cursor: page.cursor })
    pulled += page.events.length
    if (!page.hasMore) {
      // The centre's calendar overrides, deadline policy and taxonomy come with every pull.
      if (page.settings) {
        const before = (await db.meta.get('settings'))?.value as { version?: number } | undefined
        await db.meta.put({ key: 'settings', value: page.settings })
        if (before?.version !== page.settings.version) await reprojectOpen(db)
      }
      if (page.staffIds) await options.onActiveStaff?.(page.staffIds)
      // The branch code and letter this tablet numbers its complaints with (none while the branch has no code).
      if (page.caseNumbering) await db.meta.put({ key: 'caseNumbering', value: page.caseNumbering })
      else if (page.caseNumbering === null) await db.meta.delete('caseNumbering')
      return pulled
    }
  }
}
