import { deskItems } from '@/domain/complaint/supervisorQueue'
import type { DeskItem } from '@/domain/complaint/supervisorQueue'
import type { ComplaintDb } from './ComplaintDb'

const awaiting = (db: ComplaintDb) => db.complaints.where('awaiting').anyOf(['escalation', 'extension']).distinct()

/** This tablet's branch's questions for the supervisor, from the `awaiting` index: works offline, never scans the book. */
export async function localDeskQueue(db: ComplaintDb): Promise<DeskItem[]> {
  return deskItems((await awaiting(db).toArray()).map((r) => r.state))
}

/** How many complaints wait for a supervisor (one each, whatever they wait for): keys only, off the same index. */
export async function countAwaiting(db: ComplaintDb): Promise<number> {
  return (await awaiting(db).primaryKeys()).length
}
