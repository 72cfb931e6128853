import { applyRemote } from '@/db'
import type { ComplaintDb, StoredEvent } from '@/db'
import { SyncHttpError } from './transport'
import type { SyncTransport } from './transport'

/**
 * Before a pulled page is stored: a complaint of it that the retention job removed (`meta.pruned`) has come back to
 * life (a review asked for, a note), and the page holds only its new events. Its whole history is fetched from the
 * centre and stored first, so the book shows it whole again; it is then no longer counted as removed. Returns how
 * many complaints were brought back.
 */
export async function refetchPruned(
  db: ComplaintDb,
  transport: SyncTransport,
  events: readonly StoredEvent[],
  sliceSize: number,
): Promise<number> {
  if (events.length === 0 || !transport.history) return 0
  const pruned = await db.getMeta('pruned')
  if (!pruned?.length) return 0
  const removed = new Set(pruned)
  const back = [...new Set(events.map((e) => e.complaintId))].filter((id) => removed.has(id))
  for (const id of back) {
    const history = await transport.history(id).catch((e: unknown) => {
      // The centre has no such complaint for this branch (moved to another): nothing to bring back.
      if (e instanceof SyncHttpError && e.status === 404) return null
      throw e
    })
    for (let start = 0; history && start < history.events.length; start += sliceSize) {
      await applyRemote(db, history.events.slice(start, start + sliceSize))
    }
    removed.delete(id)
    await db.putMeta('pruned', [...removed])
  }
  return back.length
}
