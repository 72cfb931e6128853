import type { PulledEvent } from '../../domain'
import type { Queryable } from '../db/Database'

/** A page of a branch's events after `after`, in server order, with whether more follow. */
export async function pullBranchEvents(db: Queryable, branchId: string, after: number, limit: number) {
  const { rows } = await db.query<{ server_seq: number; body: PulledEvent }>(
    'select server_seq, body from events where branch_id = $1 and server_seq > $2 order by server_seq limit $3',
    [branchId, after, limit + 1],
  )
  const page = rows.slice(0, limit)
  const events = page.map((r) => ({ ...r.body, serverSeq: Number(r.server_seq) }))
  return { events, cursor: events.at(-1)?.serverSeq ?? after, hasMore: rows.length > limit }
}
