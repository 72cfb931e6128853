import { PROTOCOL_VERSION } from '@/domain'
import type { ComplaintDb } from '@/db'
import type { StoredEvent } from '@/db'
import type { SyncTransport } from './transport'

export interface PushSummary {
  accepted: number
  rejected: number
  /** Left in the outbox for a later push (the centre will take them once its time has caught up). */
  deferred: number
}

/**
 * Sends the outbox to the server in batches, oldest first. Accepted events leave the outbox and get their
 * server sequence; a rejected event stays, marked with the reason for the user to see, and never blocks the
 * events behind it (Replicache's lesson); a deferred one stays unmarked and goes again next time. A failed request changes nothing: the batch is simply sent again,
 * and the server's idempotency by event id makes that harmless.
 */
export async function pushOutbox(db: ComplaintDb, transport: SyncTransport, batchSize = 200): Promise<PushSummary> {
  const summary: PushSummary = { accepted: 0, rejected: 0, deferred: 0 }
  let after = -Infinity
  for (;;) {
    const rows = await db.outbox
      .where('queuedAt')
      .above(after)
      .filter((r) => !r.rejected)
      .limit(batchSize)
      .toArray()
    if (rows.length === 0) return summary
    after = rows.at(-1)!.queuedAt
    const events = (await db.events.bulkGet(rows.map((r) => r.eventId))).filter((e): e is StoredEvent => !!e)
    const { results } = await transport.push({
      protocol: PROTOCOL_VERSION,
      events: events.map(({ serverSeq: _, ...e }) => e),
    })
    await db.transaction('rw', [db.outbox, db.events], async () => {
      for (const r of results) {
        if (r.status === 'accepted') {
          await db.outbox.delete(r.id)
          await db.events.update(r.id, { serverSeq: r.serverSeq })
          summary.accepted++
        } else if (r.status === 'rejected') {
          await db.outbox.update(r.id, { rejected: { reason: r.reason, message: r.message, at: Date.now() } })
          summary.rejected++
        } else {
          summary.deferred++
        }
      }
    })
    if (rows.length < batchSize) return summary
  }
}
