import { fold } from '@/domain/complaint/fold'
import { deskItemCount } from '@/domain/complaint/supervisorQueue'
import type { ComplaintDb } from './ComplaintDb'

/** The complaints that wait for a supervisor, off the `awaiting` index (a desk's queue never scans the book). */
export const awaiting = (db: ComplaintDb) =>
  db.complaints.where('awaiting').anyOf(['escalation', 'extension']).distinct()

/**
 * How many items wait on the supervisor's desk — a complaint escalated with an extension request too is two, as the
 * desk lists them (the domain's deskItemCount). Only the complaints the index names are folded. Its own module: the
 * header shows it on every screen, and the desk's queue brings the clocks and the calendar, which the first does not need.
 */
export async function countAwaiting(db: ComplaintDb): Promise<number> {
  const ids = await awaiting(db).primaryKeys()
  const histories = await Promise.all(
    ids.map((id) => db.events.where('[complaintId+hlc]').between([id, ''], [id, '\uffff']).toArray()),
  )
  return histories.reduce((n, events) => {
    const s = fold(events)
    return n + (s ? deskItemCount(s) : 0)
  }, 0)
}
