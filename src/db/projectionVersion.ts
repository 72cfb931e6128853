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
  if ((await db.meta.get('projectionVersion'))?.value === PROJECTION_VERSION) return false
  await reprojectOpen(db)
  await db.meta.put({ key: 'projectionVersion', value: PROJECTION_VERSION })
  return true
}
