import type { ComplaintDb } from '@/db'
import { correctedNowMs, fold, leavesTablet, resolveSettings } from '@/domain'

/** Complaints weighed (and removed) per transaction: each folds their histories, so a slice stays a short block of work. */
export const PRUNE_SLICE = 50

/**
 * Removes from the tablet the finished complaints the retention rule lets go (`leavesTablet`, with the centre's
 * policy and the tablet's clock corrected by the centre's): their events, book row, search words, drafts and attachments. One
 * with events still in the outbox, or reopened, stays (the rule says so, weighed inside the transaction that
 * deletes). The ids removed are kept in `meta.pruned`, so a later event for one brings its whole history back
 * (pullEvents). Runs after a pull that reached the end; in slices, one transaction each, so a crash loses nothing
 * but the slice in hand, which the next run weighs again. Returns how many complaints it removed.
 */
export async function pruneRetired(
  db: ComplaintDb,
  options: { now?: () => number; slice?: number } = {},
): Promise<number> {
  const sliceSize = options.slice ?? PRUNE_SLICE
  const [settings, offset] = await db.getMetas(['settings', 'clockOffset'] as const)
  const { policy } = resolveSettings(settings)
  const now = correctedNowMs((options.now ?? Date.now)(), offset?.offsetMs ?? 0)
  // By the book's status index: only finished complaints are candidates, read by key (rows stay sealed otherwise).
  const ids = (
    await db.transaction('r', [db.complaints], () =>
      Promise.all(
        (['closed', 'withdrawn'] as const).map((s) =>
          db.complaints.where('[status+receivedAt+id]').between([s, '', ''], [s, '\uffff', '\uffff']).primaryKeys(),
        ),
      ),
    )
  ).flat()
  let removed = 0
  for (let start = 0; start < ids.length; start += sliceSize) {
    const slice = ids.slice(start, start + sliceSize)
    removed += await db.transaction(
      'rw',
      [db.events, db.complaints, db.texts, db.drafts, db.outbox, db.meta, db.attachments],
      async () => {
        const [histories, waiting, files] = await Promise.all([
          Promise.all(slice.map((id) => db.events.where('complaintId').equals(id).toArray())),
          Promise.all(slice.map((id) => db.outbox.where('complaintId').equals(id).count())),
          Promise.all(slice.map((id) => db.attachments.where('complaintId').equals(id).toArray())),
        ])
        const leaving = slice.filter((_, i) => {
          const state = fold(histories[i]!)
          // An attachment not yet at the centre is unsent work, as an event in the outbox is: it keeps its complaint.
          const unsent = waiting[i]! + files[i]!.filter((f) => f.needsUpload).length
          return state !== null && leavesTablet({ ...state, unsyncedEvents: unsent }, now, policy)
        })
        if (leaving.length === 0) return 0
        const drafts = await Promise.all(
          leaving.flatMap((id) => [
            db.drafts.where('key').startsWith(`sheet-${id}-`).primaryKeys(),
            db.drafts.where('key').startsWith(`script-${id}@`).primaryKeys(),
          ]),
        )
        const pruned = (await db.getMeta('pruned')) ?? []
        await Promise.all([
          db.events.bulkDelete(
            histories
              .filter((_, i) => leaving.includes(slice[i]!))
              .flat()
              .map((e) => e.id),
          ),
          db.complaints.bulkDelete(leaving),
          db.texts.bulkDelete(leaving),
          db.drafts.bulkDelete(drafts.flat()),
          db.attachments.bulkDelete(
            files
              .filter((_, i) => leaving.includes(slice[i]!))
              .flat()
              .map((f) => f.attachmentId),
          ),
          db.putMeta('pruned', [...new Set([...pruned, ...leaving])]),
        ])
        return leaving.length
      },
    )
  }
  return removed
}
