import { applyRemote, reprojectOpen } from '@/db'
import type { ComplaintDb } from '@/db'
import type { SyncTransport } from './transport'

export async function readCursor(db: ComplaintDb): Promise<number> {
  return ((await db.meta.get('cursor'))?.value as number | undefined) ?? 0
}

/**
 * Pulls the branch's events after the tablet's cursor, page by page. Each page is stored, refolded and the
 * cursor advanced in one transaction, so a crash mid-pull resumes exactly where the last stored page ended.
 */
export async function pullEvents(db: ComplaintDb, transport: SyncTransport, options: { pageSize?: number; onDeviceToken?: (token: string) => Promise<void> } = {}): Promise<number> {
  const pageSize = options.pageSize ?? 500
  let pulled = 0
  for (;;) {
    const after = await readCursor(db)
    const page = await transport.pull(after, pageSize)
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
      return pulled
    }
  }
}
