import type { ComplaintDb } from './ComplaintDb'

/** The complaints that wait for a supervisor, off the `awaiting` index (a desk's queue never scans the book). */
export const awaiting = (db: ComplaintDb) => db.complaints.where('awaiting').anyOf(['escalation', 'extension']).distinct()

/**
 * How many complaints wait for a supervisor (one each, whatever they wait for): keys only. Its own module: the
 * header shows it on every screen, and the desk's queue brings the clocks and the calendar, which the first does not need.
 */
export async function countAwaiting(db: ComplaintDb): Promise<number> {
  return (await awaiting(db).primaryKeys()).length
}
