import { checkEventClock, correctionIsValid, parseEvent } from '../../domain'
import type { ClockBound, PushResult } from '../../domain'
import type { Database } from '../db/Database'
import { activeBranchStaff } from '../staff/staffStore'
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
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${device.branchId}`])
    const staff = await activeBranchStaff(tx, device.branchId)
    const results: PushResult[] = []
    // Two look-ups for the whole batch instead of two per event: what is already stored, and whose complaints.
    const parsedAll = raw.map((input) => parseEvent(input))
    const valid = parsedAll.flatMap((p) => (p.ok ? [p.value] : []))
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
      const inserted = await tx.query<{ server_seq: number }>(
        `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning server_seq`,
        [e.id, e.complaintId, e.branchId, e.type, e.v, e.hlc, e.actor.deviceId, e.actor.staffId, JSON.stringify(e)],
      )
      const serverSeq = Number(inserted.rows[0]!.server_seq)
      // A batch may carry the same event twice: the second is a duplicate of the first.
      stored.set(e.id, { event_id: e.id, server_seq: serverSeq, body: e })
      if (e.type === 'complaint.recorded') complaints.set(e.complaintId, { branchId: e.branchId, receivedAt: e.payload.receivedAt })
      if (e.type === 'field.corrected' && e.payload.field === 'receivedAt' && typeof e.payload.value === 'string') {
        complaints.set(e.complaintId, { branchId: e.branchId, receivedAt: e.payload.value })
      }
      results.push({ id, status: 'accepted', serverSeq })
    }
    // The reports' projection follows the events in the same transaction.
    const touched = valid.filter((e) => results.some((r) => r.id === e.id && r.status === 'accepted')).map((e) => e.complaintId)
    await projectComplaints(tx, [...new Set(touched)])
    return results
  })
}

/** JSONB does not keep key order: compare with keys sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
  return v
}
