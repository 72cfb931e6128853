import { fold, receiveHlc } from '@/domain'
import { decodeHlc } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { loadIdentity, readClock, writeClock } from './meta'
import { project } from './project'
import type { StoredEvent } from './schema'

/**
 * Stores events that came from the central endpoint (another tablet's work, or our own acknowledged) and
 * refolds the complaints they touch, in one transaction. Idempotent: an event already held is overwritten
 * with the same content plus its server sequence. Complaints are refolded once per page, not per event.
 */
export async function applyRemote(db: ComplaintDb, events: StoredEvent[], options: { cursor?: number; now?: () => number } = {}): Promise<void> {
  const now = options.now ?? Date.now
  await db.transaction('rw', [db.events, db.complaints, db.meta], async () => {
    // The pull cursor moves in the same transaction as the events it covers: it never passes what was not stored.
    if (options.cursor !== undefined) await db.meta.put({ key: 'cursor', value: options.cursor })
    if (events.length === 0) return
    const me = await loadIdentity(db)
    await db.events.bulkPut(events)
    let clock = await readClock(db)
    for (const e of events) clock = receiveHlc(clock, decodeHlc(e.hlc), now(), me.deviceId)
    if (clock) await writeClock(db, clock)
    const ctx = await loadClockContext(db, new Date(now()))
    const touched = [...new Set(events.map((e) => e.complaintId))]
    // The touched complaints' events are asked for all at once and their rows written in one bulkPut, not
    // awaited complaint by complaint (two round trips each; see docs/benchmarks.md, browser benchmarks).
    const histories = await Promise.all(touched.map((id) => db.events.where('complaintId').equals(id).toArray()))
    const rows = histories.flatMap((history) => {
      const state = fold(history)
      return state ? [project(state, ctx)] : []
    })
    await db.complaints.bulkPut(rows)
  })
}

/**
 * After the centre changed the calendar or the policy: recompute the deadline columns of every complaint still
 * open, so the book's "due" and "needs action" follow the new rules at once.
 */
export async function reprojectOpen(db: ComplaintDb): Promise<number> {
  return db.transaction('rw', [db.complaints, db.meta], async () => {
    const ctx = await loadClockContext(db)
    let n = 0
    await db.complaints.where('dueAt').above('').modify((row) => {
      Object.assign(row, project(row.state, ctx))
      n++
    })
    return n
  })
}
