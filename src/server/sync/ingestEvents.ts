import { checkEventClock, correctionIsValid, parseEvent } from '../../domain'
import type { ClockBound, ComplaintEvent, PushResult } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { projectComplaints } from './projectComplaints'

/** Events only a supervisor (or an administrator) may make, whatever tablet they are made on. */
const SUPERVISOR_EVENTS = new Set<string>(['extension.decided'])

export interface DeviceContext {
  deviceId: string
  branchId: string
}

/**
 * Stores a tablet's batch, answering per event. Idempotent by event id: a retried or duplicated batch is
 * accepted again with the same server sequences and stores nothing twice. Inserts for one branch are
 * serialised (advisory lock), so a branch's sequence numbers commit in order and a pull cursor can never
 * skip an event that commits late.
 */
const CLOCK_REFUSALS = {
  beforeReceipt: 'The event is dated before the complaint was received',
  receivedInFuture: 'The receipt time is later than the moment it was recorded',
} as const

export async function ingestEvents(db: Database, device: DeviceContext, raw: Record<string, unknown>[], now: Date = new Date()): Promise<PushResult[]> {
  // Parsed before the branch lock is taken: the lock is held only for what needs the database.
  const parsedAll = raw.map((input) => parseEvent(input))
  const valid = parsedAll.flatMap((p) => (p.ok ? [p.value] : []))
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${device.branchId}`])
    const staff = new Map(
      (await tx.query<{ id: string; role: string }>(
        `select id, role from staff where not disabled and (branch_id = $1 or role = 'admin'
           or id in (select staff_id from staff_branches where branch_id = $1))`, [device.branchId])).rows.map((r) => [r.id, r.role]),
    )
    const results: PushResult[] = []
    const pending = new Map<string, { event: ComplaintEvent; answers: number[] }>()
    // Two look-ups for the whole batch instead of two per event: what is already stored, and whose complaints.
    const stored = new Map((await tx.query<{ event_id: string; server_seq: number; body: unknown }>(
      'select event_id, server_seq, body from events where event_id = any($1::uuid[])', [valid.map((e) => e.id)])).rows.map((r) => [r.event_id, r]))
    // A complaint's row exists once its record is stored (same transaction): its branch, and its receipt for the clock bounds.
    const complaints = new Map((await tx.query<{ id: string; branch_id: string; received_at: Date }>(
      'select id, branch_id, received_at from complaints where id = any($1::uuid[])', [[...new Set(valid.map((e) => e.complaintId))]]))
      .rows.map((r) => [r.id, { branchId: r.branch_id, receivedAt: new Date(r.received_at).toISOString() }]))
    for (const [index, input] of raw.entries()) {
      const id = typeof input.id === 'string' ? input.id : '?'
      const parsed = parsedAll[index]!
      if (!parsed.ok) {
        results.push({ id, status: 'rejected', reason: 'invalid', message: parsed.issues.map((i) => `${i.path || 'event'}: ${i.message}`).join('; ') })
        continue
      }
      const e = parsed.value
      if (e.branchId !== device.branchId) {
        results.push({ id, status: 'rejected', reason: 'wrongBranch', message: 'The event belongs to another branch' })
        continue
      }
      if (e.actor.deviceId !== device.deviceId) {
        results.push({ id, status: 'rejected', reason: 'wrongDevice', message: 'The event was not made on this tablet' })
        continue
      }
      if (!staff.has(e.actor.staffId)) {
        results.push({ id, status: 'rejected', reason: 'forbidden', message: 'The staff member is not known in this branch' })
        continue
      }
      if (SUPERVISOR_EVENTS.has(e.type) && staff.get(e.actor.staffId) === 'manager') {
        results.push({ id, status: 'rejected', reason: 'forbidden', message: 'Only a supervisor may decide an extension request' })
        continue
      }
      const existing = stored.get(e.id)
      if (existing) {
        const same = JSON.stringify(canonical(existing.body)) === JSON.stringify(canonical(e))
        results.push(same
          ? { id, status: 'accepted', serverSeq: Number(existing.server_seq) }
          : { id, status: 'rejected', reason: 'conflictingDuplicate', message: 'Another event with this id is already stored' })
        continue
      }
      const again = pending.get(e.id)
      if (again) {
        // The same event twice in one batch: the second is the first's duplicate (or a conflicting one).
        const same = JSON.stringify(canonical(again.event)) === JSON.stringify(canonical(e))
        results.push(same ? { id, status: 'accepted', serverSeq: 0 } : { id, status: 'rejected', reason: 'conflictingDuplicate', message: 'Another event with this id is already stored' })
        if (same) again.answers.push(results.length - 1)
        continue
      }
      const complaint = complaints.get(e.complaintId)
      if (complaint && complaint.branchId !== device.branchId) {
        results.push({ id, status: 'rejected', reason: 'wrongBranch', message: 'The complaint belongs to another branch' })
        continue
      }
      if (!complaint && e.type !== 'complaint.recorded') {
        results.push({ id, status: 'rejected', reason: 'unknownComplaint', message: 'The complaint has not been recorded' })
        continue
      }
      // Recorded once: a second record would silently replace the customer and the description (corrections have their own event).
      if (complaint && e.type === 'complaint.recorded') {
        results.push({ id, status: 'rejected', reason: 'alreadyRecorded', message: 'The complaint is already recorded; correct it instead' })
        continue
      }
      if (e.type === 'field.corrected' && !correctionIsValid(e.payload)) {
        results.push({ id, status: 'rejected', reason: 'invalid', message: 'value: invalidCorrection' })
        continue
      }
      const bound: ClockBound = checkEventClock(e, now.getTime(), complaint?.receivedAt)
      if (bound === 'ahead') {
        results.push({ id, status: 'deferred', reason: 'clockAhead', message: 'The event’s clock is ahead of the centre’s time; it is sent again later' })
        continue
      }
      if (bound !== 'ok') {
        results.push({ id, status: 'rejected', reason: bound, message: CLOCK_REFUSALS[bound] })
        continue
      }
      // Accepted: stored below with the batch's other accepted events, in one statement.
      results.push({ id, status: 'accepted', serverSeq: 0 })
      pending.set(e.id, { event: e, answers: [results.length - 1] })
      if (e.type === 'complaint.recorded') complaints.set(e.complaintId, { branchId: e.branchId, receivedAt: e.payload.receivedAt })
      if (e.type === 'field.corrected' && e.payload.field === 'receivedAt' && typeof e.payload.value === 'string') {
        complaints.set(e.complaintId, { branchId: e.branchId, receivedAt: e.payload.value })
      }
    }
    if (pending.size === 0) return results
    const seqs = await insertEvents(tx, [...pending.values()].map((p) => p.event))
    for (const [eventId, { answers }] of pending) {
      for (const i of answers) results[i] = { id: results[i]!.id, status: 'accepted', serverSeq: seqs.get(eventId)! }
    }
    // The reports' projection follows the events in the same transaction (only complaints with new events).
    await projectComplaints(tx, [...new Set([...pending.values()].map((p) => p.event.complaintId))])
    return results
  })
}

/**
 * One multi-row insert for a batch's accepted events, in the batch's order: the identity column numbers them in
 * that order, and the branch lock held by the caller keeps them committing before any later batch of the branch.
 */
async function insertEvents(tx: Queryable, events: ComplaintEvent[]): Promise<Map<string, number>> {
  // One JSON parameter (not nine arrays): the driver's array quoting of every event body cost more than the insert.
  const { rows } = await tx.query<{ event_id: string; server_seq: number }>(
    `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body)
     select (e->>'id')::uuid, (e->>'complaintId')::uuid, e->>'branchId', e->>'type', (e->>'v')::int, e->>'hlc',
            e->'actor'->>'deviceId', e->'actor'->>'staffId', e
     from jsonb_array_elements($1::jsonb) with ordinality as u(e, n)
     order by n
     returning event_id, server_seq`,
    [JSON.stringify(events)],
  )
  return new Map(rows.map((r) => [r.event_id, Number(r.server_seq)]))
}

/** JSONB does not keep key order: compare with keys sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
  return v
}
