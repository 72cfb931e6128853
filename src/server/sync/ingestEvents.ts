import { admitEvents, parseEvent } from '../../domain'
import type { ComplaintEvent, PushResult, StaffRole } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { recordAlerts } from '../alerts/recordAlerts'
import { enqueueSms } from '../sms/smsJobs'
import { recordAttachments } from '../attachments/attachmentStore'
import { projectComplaints } from './projectComplaints'

/**
 * Where a batch comes from. `actors` says who may appear on its events: on a tablet, the staff members who have proved
 * who they are on it (enrolled it, or were added with their password); at the desk, the signed-in supervisor; `branch`
 * (the server's own demo seed only): anyone who may act in the branch.
 */
export interface DeviceContext {
  deviceId: string
  branchId: string
  actors?: 'device' | 'branch' | { staffId: string }
}

/**
 * Stores a tablet's batch, answering per event by the centre's intake rules (`admitEvents`, in the domain).
 * Everything the rules need is looked up once per batch; the accepted events are inserted in one statement and the
 * complaints they touch refolded into the `complaints` projection, in one transaction. Inserts for one branch are
 * serialised (advisory lock), so a branch's sequence numbers commit in order and a pull cursor can never skip an
 * event that commits late.
 */
export async function ingestEvents(
  db: Database,
  device: DeviceContext,
  raw: Record<string, unknown>[],
  now: Date = new Date(),
): Promise<PushResult[]> {
  // Parsed before the branch lock is taken: the lock is held only for what needs the database.
  const ids = raw.map((input) => (typeof input.id === 'string' ? input.id : '?'))
  const parsed = raw.map((input) => parseEvent(input))
  const valid = parsed.flatMap((p) => (p.ok ? [p.value] : []))
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${device.branchId}`])
    const staff = await branchActors(tx, device)
    const stored = new Map(
      (
        await tx.query<{ event_id: string; server_seq: number; body: unknown }>(
          'select event_id, server_seq, body from events where event_id = any($1::uuid[])',
          [valid.map((e) => e.id)],
        )
      ).rows.map((r) => [r.event_id, { serverSeq: Number(r.server_seq), body: r.body }]),
    )
    const complaints = await loadComplaints(tx, [...new Set(valid.map((e) => e.complaintId))])
    const numbers = valid.flatMap((e) =>
      e.type === 'complaint.recorded' && e.payload.caseNumber ? [e.payload.caseNumber] : [],
    )
    const numbering = numbers.length > 0 ? await caseNumbering(tx, device, numbers) : undefined
    const { results, accepted } = admitEvents(ids, parsed, {
      device: { deviceId: device.deviceId, branchId: device.branchId, ...numbering?.device },
      caseNumbersTaken: numbering?.taken,
      nowMs: now.getTime(),
      staff,
      stored,
      complaints,
    })
    if (accepted.length === 0) return results
    const seqs = await insertEvents(
      tx,
      accepted.map((a) => a.event),
    )
    // SMS the tablets asked for are queued with their events: sent after commit, never lost, never sent twice.
    await enqueueSms(
      tx,
      accepted.map((a) => a.event),
    )
    // An attachment is expected once its event is stored (its upload may follow); a removed one loses its bytes.
    await recordAttachments(
      tx,
      accepted.map((a) => a.event),
    )
    for (const { event, answers } of accepted) {
      for (const i of answers) results[i] = { id: results[i]!.id, status: 'accepted', serverSeq: seqs.get(event.id)! }
    }
    // The reports' projection follows the events in the same transaction (only complaints with new events).
    const touched = new Map<string, { events: ComplaintEvent[]; seq: number }>()
    for (const { event } of accepted) {
      const entry = touched.get(event.complaintId) ?? {
        events: [...(complaints.get(event.complaintId)?.events ?? [])],
        seq: 0,
      }
      entry.events.push(event)
      entry.seq = Math.max(entry.seq, seqs.get(event.id)!)
      touched.set(event.complaintId, entry)
    }
    await projectComplaints(tx, touched, now)
    // Alerts for supervisors are queued with the events they come from (an outbox), and sent after commit.
    await recordAlerts(
      tx,
      device.branchId,
      accepted.map((a) => a.event),
    )
    return results
  })
}

/**
 * Who may act in a batch: active staff of the branch or supervisors covering it — never an administrator, who runs
 * the system but handles no complaint — narrowed to the source's actors, with every name each has gone by (the audit
 * log keeps a rename's before).
 */
async function branchActors(tx: Queryable, source: DeviceContext) {
  const actors = source.actors ?? 'device'
  const only =
    actors === 'device'
      ? 'and s.id in (select staff_id from device_staff where device_id = $2)'
      : actors === 'branch'
        ? ''
        : 'and s.id = $2'
  const { rows } = await tx.query<{
    id: string
    role: StaffRole
    name: string
    approval_level: 'superior' | null
    previous: string[] | null
  }>(
    `select s.id, s.role, s.name, s.approval_level,
       (select array_agg(distinct a.before->>'name') from audit_log a where a.target = s.id and a.before ? 'name') as previous
     from staff s where not s.disabled and s.role <> 'admin'
       and (s.branch_id = $1 or s.id in (select staff_id from staff_branches where branch_id = $1)) ${only}`,
    actors === 'branch' ? [source.branchId] : [source.branchId, actors === 'device' ? source.deviceId : actors.staffId],
  )
  return new Map(
    rows.map((r) => [r.id, { role: r.role, approvalLevel: r.approval_level, names: [r.name, ...(r.previous ?? [])] }]),
  )
}

/**
 * For a batch with numbered records: the branch's code, the tablet's letter, and which of the numbers the branch has
 * given already (off the unique index on events' case numbers).
 */
async function caseNumbering(tx: Queryable, device: DeviceContext, numbers: string[]) {
  const row = (
    await tx.query<{ code: string | null; case_letter: string | null }>(
      'select b.code, d.case_letter from branches b left join devices d on d.id = $2 and d.branch_id = b.id where b.id = $1',
      [device.branchId, device.deviceId],
    )
  ).rows[0]
  const { rows } = await tx.query<{ n: string }>(
    `select body->'payload'->>'caseNumber' as n from events
     where branch_id = $1 and type = 'complaint.recorded' and (body->'payload'->>'caseNumber') = any($2::text[])`,
    [device.branchId, numbers],
  )
  return {
    device: { branchCode: row?.code ?? null, caseLetter: row?.case_letter ?? null },
    taken: new Set(rows.map((r) => r.n)),
  }
}

/** The stored events of the complaints a batch touches (their branch with them): one query for the batch. */
export async function loadComplaints(tx: Queryable, complaintIds: string[]) {
  const { rows } = await tx.query<{ complaint_id: string; branch_id: string; body: ComplaintEvent }>(
    'select complaint_id, branch_id, body from events where complaint_id = any($1::uuid[]) order by server_seq',
    [complaintIds],
  )
  const out = new Map<string, { branchId: string; events: ComplaintEvent[] }>()
  for (const r of rows) {
    const entry = out.get(r.complaint_id) ?? { branchId: r.branch_id, events: [] }
    entry.events.push(r.body)
    out.set(r.complaint_id, entry)
  }
  return out
}

/**
 * One multi-row insert for a batch's accepted events, in the batch's order: the identity column numbers them in
 * that order, and the branch lock held by the caller keeps them committing before any later batch of the branch.
 */
export async function insertEvents(tx: Queryable, events: ComplaintEvent[]): Promise<Map<string, number>> {
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
