import { deskItems } from '@/domain/complaint/supervisorQueue'
import type { DeskItem } from '@/domain/complaint/supervisorQueue'
import type { ComplaintState } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { complaintState } from './queries'

const awaiting = (db: ComplaintDb) => db.complaints.where('awaiting').anyOf(['escalation', 'extension']).distinct()

/** This tablet's branch's questions for the supervisor, from the `awaiting` index: works offline, never scans the book. */
export async function localDeskQueue(db: ComplaintDb): Promise<DeskItem[]> {
  const ids = await awaiting(db).primaryKeys()
  const [ctx, ...states] = await Promise.all([loadClockContext(db), ...ids.map((id) => complaintState(db, id))])
  return deskItems(states.filter((s): s is ComplaintState => s !== null), ctx)
}

/** How many complaints wait for a supervisor (one each, whatever they wait for): keys only, off the same index. */
export async function countAwaiting(db: ComplaintDb): Promise<number> {
  return (await awaiting(db).primaryKeys()).length
}
