import { deskItems } from '@/domain/complaint/supervisorQueue'
import type { DeskItem } from '@/domain/complaint/supervisorQueue'
import type { ComplaintDb } from './ComplaintDb'

/** This tablet's branch's questions for the supervisor, from the `awaiting` index: works offline, never scans the book. */
export async function localDeskQueue(db: ComplaintDb): Promise<DeskItem[]> {
  const rows = await db.complaints.where('awaiting').anyOf(['escalation', 'extension']).distinct().toArray()
  return deskItems(rows.map((r) => r.state))
}
