import { parseEvent } from '../../domain'
import type { PushResult } from '../../domain'
import type { Database } from '../db/Database'
import { approvalRejections } from './approvalAuthority'
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
export async function ingestEvents(db: Database, device: DeviceContext, raw: Record<string, unknown>[]): Promise<PushResult[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${device.branchId}`])
    const staff = new Map(
      (await tx.query<{ id: string; role: string }>(
        `select id, role from staff where not disabled and (branch_id = $1 or role = 'admin'
           or id in (select staff_id from staff_branches where branch_id = $1))`, [device.branchId])).rows.map((r) => [r.id, r.role]),
    )
    const recordedHere = new Set<string>()
    const results: PushResult[] = []
    // Two look-ups for the whole batch instead of two per event: what is already stored, and whose complaints.
    const parsedAll = raw.map((input) => parseEvent(input))
    const valid = parsedAll.flatMap((p) => (p.ok ? [p.value] : []))
    const stored = new Map((await tx.query<{ event_id: string; server_seq: number; body: unknown }>(
      'select event_id, server_seq, body from events where event_id = any($1::uuid[])', [valid.map((e) => e.id)])).rows.map((r) => [r.event_id, r]))
    const owners = new Map((await tx.query<{ complaint_id: string; branch_id: string }>(
      'select distinct on (complaint_id) complaint_id, branch_id from events where complaint_id = any($1::uuid[])', [[...new Set(valid.map((e) => e.complaintId))]])).rows.map((r) => [r.complaint_id, r.branch_id]))
    const approvalProblems = await approvalRejections(tx, valid)
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
      // After the duplicate check: a batch sent again is answered as before, whatever changed since.
      if (approvalProblems.has(e.id)) {
        results.push({ id, status: 'rejected', reason: 'forbidden', message: approvalProblems.get(e.id)! })
        continue
      }
      const complaintBranch = owners.get(e.complaintId)
      if (complaintBranch && complaintBranch !== device.branchId) {
        results.push({ id, status: 'rejected', reason: 'wrongBranch', message: 'The complaint belongs to another branch' })
        continue
      }
      if (!complaintBranch && e.type !== 'complaint.recorded' && !recordedHere.has(e.complaintId)) {
        results.push({ id, status: 'rejected', reason: 'unknownComplaint', message: 'The complaint has not been recorded' })
        continue
      }
      if (e.type === 'complaint.recorded') recordedHere.add(e.complaintId)
      const inserted = await tx.query<{ server_seq: number }>(
        `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning server_seq`,
        [e.id, e.complaintId, e.branchId, e.type, e.v, e.hlc, e.actor.deviceId, e.actor.staffId, JSON.stringify(e)],
      )
      const serverSeq = Number(inserted.rows[0]!.server_seq)
      // A batch may carry the same event twice: the second is a duplicate of the first.
      stored.set(e.id, { event_id: e.id, server_seq: serverSeq, body: e })
      if (!complaintBranch) owners.set(e.complaintId, e.branchId)
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
