import { deskItems } from '@/domain/complaint/deskItems'
import type { DeskItem } from '@/domain/complaint/deskItems'
import type { ComplaintState } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { awaiting } from './countAwaiting'
import { complaintState } from './queries'

/** This tablet's branch's questions for the supervisor, from the `awaiting` index: works offline, never scans the book. */
export async function localDeskQueue(db: ComplaintDb): Promise<DeskItem[]> {
  const ids = await awaiting(db).primaryKeys()
  const [ctx, ...states] = await Promise.all([loadClockContext(db), ...ids.map((id) => complaintState(db, id))])
  return deskItems(
    states.filter((s): s is ComplaintState => s !== null),
    ctx,
  )
}
