import { reprojectOpen } from './applyRemote'
import type { ComplaintDb } from './ComplaintDb'

/**
 * Bumped when how a book row's deadline columns are computed changes with an app update (2: the clock each
 * deadline belongs to, breaches kept, the law's holidays in unpublished years). The open complaints' rows are then
 * recomputed once; the events never change.
 */
export const PROJECTION_VERSION = 2

/** Reprojects the open complaints if this tablet's rows were computed by an older app. True when it did. */
export async function ensureProjection(db: ComplaintDb): Promise<boolean> {
  if ((await db.getMeta('projectionVersion')) === PROJECTION_VERSION) return false
  await reprojectOpen(db)
  await db.putMeta('projectionVersion', PROJECTION_VERSION)
  return true
}
