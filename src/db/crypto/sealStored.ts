import type { ComplaintDb } from '../ComplaintDb'
import type { SealProgress } from '../metaValues'
import { requireKeys } from './keyring'

/** The stores whose rows are sealed, in the order a tablet upgraded from a plain version seals them. */
const STORES = ['events', 'complaints', 'texts', 'drafts'] as const
/** Rows sealed per transaction: a tablet with years of complaints never holds them all, and a crash loses one page. */
export const SEAL_PAGE = 200
type Progress = SealProgress

/**
 * A tablet updated from a build that stored everything plain seals it on the first unlock after the update, a page
 * at a time; the place it reached is saved in the same transaction as each page, so after a crash (or a lock) the
 * next unlock goes on from there. Reading opens sealed and plain rows alike, and putting seals them
 * (sealMiddleware), so a row sealed twice (a page redone) is simply sealed again. Returns the rows it sealed.
 */
export async function sealStored(db: ComplaintDb, pageSize = SEAL_PAGE): Promise<number> {
  let progress = (await db.getMeta('sealProgress')) ?? { store: STORES[0], after: '' }
  let sealed = 0
  while (progress !== 'done') {
    requireKeys()
    const { store, after } = progress
    const table = db.table(store)
    const done: number = await db.transaction('rw', [table, db.meta], async () => {
      const page = await table.where(':id').above(after).limit(pageSize).toArray()
      const next: Progress =
        page.length < pageSize
          ? STORES.indexOf(store) + 1 < STORES.length
            ? { store: STORES[STORES.indexOf(store) + 1]!, after: '' }
            : 'done'
          : { store, after: String((page.at(-1) as Record<string, unknown>)[String(table.schema.primKey.keyPath)]) }
      if (page.length > 0) await table.bulkPut(page)
      await db.putMeta('sealProgress', next)
      progress = next
      return page.length
    })
    sealed += done
  }
  return sealed
}
