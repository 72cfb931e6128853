import { admitEvents, parseEvent } from '../../domain'
import type { ComplaintEvent, PushResult, StaffRole } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { alertRows, BRANCH_SUPERVISORS_SQL, insertAlertsSql } from '../alerts/recordAlerts'
import { settingsFrom } from '../settings/readSettings'
import { insertSmsJobsSql, smsJobRows } from '../sms/smsJobs'
import { recordAttachments } from '../attachments/attachmentStore'
import { projectionRows, upsertComplaintsSql } from './projectComplaints'

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
 * Stores a tablet's batch, answering per event by the centre's intake rules (`admitEvents`, in the domain), in one
 * transaction. Inserts for one branch are serialised (advisory lock), so a branch's sequence numbers commit in order
 * and a pull cursor can never skip an event that commits late. The lock is what bounds a branch's intake, so it is
 * held for three round trips besides the commit: taking it, one query reading what the rules need that another push
 * of the branch can change (stored ids, the touched complaints' events, the case numbers taken, the settings), and
 * one statement storing the accepted events with their `complaints` rows, SMS jobs and alerts. Parsing, and what no
 * push of the branch changes (who may act, the tablet's case letter, the branch's supervisors), come before it.
 */
export async function ingestEvents(
  db: Database,
  device: DeviceContext,
  raw: Record<string, unknown>[],
  now: Date = new Date(),
): Promise<PushResult[]> {
  const ids = raw.map((input) => (typeof input.id === 'string' ? input.id : '?'))
  const parsed = raw.map((input) => parseEvent(input))
  const valid = parsed.flatMap((p) => (p.ok ? [p.value] : []))
  const numbers = valid.flatMap((e) =>
    e.type === 'complaint.recorded' && e.payload.caseNumber ? [e.payload.caseNumber] : [],
  )
  return db.transaction(async (tx) => {
    const source = await sourceFacts(tx, device)
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${device.branchId}`])
    const held = await branchFacts(tx, device.branchId, valid, numbers)
    const { results, accepted } = admitEvents(ids, parsed, {
      device: { deviceId: device.deviceId, branchId: device.branchId, ...source.numbering },
      caseNumbersTaken: held.taken,
      nowMs: now.getTime(),
      staff: source.staff,
      stored: held.stored,
      complaints: held.complaints,
    })
    if (accepted.length === 0) return results
    const events = accepted.map((a) => a.event)
    // The reports' projection follows the events in the same statement (only complaints with new events).
    const touched = new Map<string, { events: ComplaintEvent[]; seq: number }>()
    for (const event of events) {
      const entry = touched.get(event.complaintId) ?? {
        events: [...(held.complaints.get(event.complaintId)?.events ?? [])],
        seq: 0,
      }
      entry.events.push(event)
      touched.set(event.complaintId, entry)
    }
    const seqs = await storeBatch(tx, device.branchId, {
      events,
      // SMS the tablets asked for are queued with their events: sent after commit, never lost, never sent twice.
      sms: smsJobRows(events),
      complaints: projectionRows(touched, held.settings, now),
      // Alerts for supervisors are queued with the events they come from (an outbox), and sent after commit.
      alerts: alertRows(events, source.supervisors),
    })
    // An attachment is expected once its event is stored (its upload may follow); a removed one loses its bytes.
    await recordAttachments(tx, events)
    for (const { event, answers } of accepted) {
      for (const i of answers) results[i] = { id: results[i]!.id, status: 'accepted', serverSeq: seqs.get(event.id)! }
    }
    return results
  })
}

/**
 * Who may act in a batch: active staff of the branch or supervisors covering it — never an administrator, who runs
 * the system but handles no complaint — narrowed to the source's actors, with every name each has gone by (the audit
 * log keeps a rename's before); the branch's code and the tablet's letter for case numbers; the supervisors whom
 * alerts go to. One query, before the branch's lock: no push changes any of it.
 */
async function sourceFacts(tx: Queryable, source: DeviceContext) {
  const actors = source.actors ?? 'device'
  const mode = typeof actors === 'string' ? actors : 'staff'
  const { rows } = await tx.query<{
    staff: { id: string; role: StaffRole; name: string; approval_level: 'superior' | null; previous: string[] | null }[]
    numbering: { code: string | null; case_letter: string | null } | null
    supervisors: string[]
  }>(
    `select
       (select coalesce(json_agg(json_build_object('id', s.id, 'role', s.role, 'name', s.name,
                 'approval_level', s.approval_level,
                 'previous', (select array_agg(distinct a.before->>'name') from audit_log a
                               where a.target = s.id and a.before ? 'name'))), '[]'::json)
          from staff s where not s.disabled and s.role <> 'admin'
           and (s.branch_id = $1 or s.id in (select staff_id from staff_branches where branch_id = $1))
           and ($4::text = 'branch'
             or ($4::text = 'device' and s.id in (select staff_id from device_staff where device_id = $2::text))
             or ($4::text = 'staff' and s.id = $3::text))) as staff,
       (select json_build_object('code', b.code, 'case_letter', d.case_letter)
          from branches b left join devices d on d.id = $2::text and d.branch_id = b.id where b.id = $1) as numbering,
       (select coalesce(json_agg(id), '[]'::json) from (${BRANCH_SUPERVISORS_SQL}) sup) as supervisors`,
    [source.branchId, source.deviceId, typeof actors === 'object' ? actors.staffId : null, mode],
  )
  const row = rows[0]!
  return {
    staff: new Map(
      row.staff.map((r) => [
        r.id,
        { role: r.role, approvalLevel: r.approval_level, names: [r.name, ...(r.previous ?? [])] },
      ]),
    ),
    numbering: { branchCode: row.numbering?.code ?? null, caseLetter: row.numbering?.case_letter ?? null },
    supervisors: row.supervisors,
  }
}

/**
 * Under the branch's lock, in one query: which of the batch's events are stored already (a retried push), the stored
 * events of the complaints it touches (their branch with them), which of its case numbers the branch has given (off
 * the unique index on events' case numbers), and the settings the projection's clocks follow (read under the lock:
 * a settings change refolds each branch under it, reprojectOpen.ts).
 */
async function branchFacts(tx: Queryable, branchId: string, valid: ComplaintEvent[], numbers: string[]) {
  const { rows } = await tx.query<{
    stored: { id: string; seq: number; body: unknown }[]
    history: { c: string; b: string; e: ComplaintEvent }[]
    taken: string[]
    settings: { key: string; value: unknown; version: number }[]
  }>(
    `select
       (select coalesce(json_agg(json_build_object('id', event_id, 'seq', server_seq, 'body', body)), '[]'::json)
          from events where event_id = any($1::uuid[])) as stored,
       (select coalesce(json_agg(json_build_object('c', complaint_id, 'b', branch_id, 'e', body) order by server_seq),
                        '[]'::json)
          from events where complaint_id = any($2::uuid[])) as history,
       (select coalesce(json_agg(body->'payload'->>'caseNumber'), '[]'::json) from events
          where cardinality($4::text[]) > 0 and branch_id = $3 and type = 'complaint.recorded'
            and (body->'payload'->>'caseNumber') = any($4::text[])) as taken,
       (select coalesce(json_agg(json_build_object('key', key, 'value', value, 'version', version)), '[]'::json)
          from settings) as settings`,
    [valid.map((e) => e.id), [...new Set(valid.map((e) => e.complaintId))], branchId, numbers],
  )
  const row = rows[0]!
  const complaints = new Map<string, { branchId: string; events: ComplaintEvent[] }>()
  for (const r of row.history) {
    const entry = complaints.get(r.c) ?? { branchId: r.b, events: [] }
    entry.events.push(r.e)
    complaints.set(r.c, entry)
  }
  return {
    stored: new Map(row.stored.map((r) => [r.id, { serverSeq: Number(r.seq), body: r.body }])),
    complaints,
    taken: new Set(row.taken),
    settings: settingsFrom(row.settings),
  }
}

/** The events' columns, from one element `e` of a JSON array of events. */
const EVENT_COLUMNS = 'event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body'
const EVENT_VALUES = `(e->>'id')::uuid, (e->>'complaintId')::uuid, e->>'branchId', e->>'type', (e->>'v')::int,
  e->>'hlc', e->'actor'->>'deviceId', e->'actor'->>'staffId', e`

/**
 * One statement for a batch's accepted events (numbered by the identity column in the batch's order), their complaints'
 * rows (updated_seq: the last sequence each got), SMS jobs and alerts. One JSON parameter each, not arrays per column:
 * the driver's array quoting of every event body cost more than the insert.
 */
// Built on first use: smsJobs.ts imports this module, so its helpers are not defined yet when this one loads.
let storeBatchSql: string | undefined
const STORE_BATCH = () => `
  with inserted as (
    insert into events (${EVENT_COLUMNS})
    select ${EVENT_VALUES} from jsonb_array_elements($1::jsonb) with ordinality as u(e, n) order by n
    returning event_id, complaint_id, server_seq
  ), sms as (${insertSmsJobsSql('$2')}
  ), projected as (${upsertComplaintsSql(
    '$3',
    '(select max(i.server_seq) from inserted i where i.complaint_id = r.id)',
  )}
  ), alerted as (${insertAlertsSql('$4', '$5::text')}
  )
  select event_id, server_seq from inserted`

async function storeBatch(
  tx: Queryable,
  branchId: string,
  batch: { events: ComplaintEvent[]; sms: unknown[]; complaints: unknown[]; alerts: unknown[] },
): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ event_id: string; server_seq: number }>((storeBatchSql ??= STORE_BATCH()), [
    JSON.stringify(batch.events),
    JSON.stringify(batch.sms),
    JSON.stringify(batch.complaints),
    JSON.stringify(batch.alerts),
    branchId,
  ])
  return new Map(rows.map((r) => [r.event_id, Number(r.server_seq)]))
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
    `insert into events (${EVENT_COLUMNS})
     select ${EVENT_VALUES}
     from jsonb_array_elements($1::jsonb) with ordinality as u(e, n)
     order by n
     returning event_id, server_seq`,
    [JSON.stringify(events)],
  )
  return new Map(rows.map((r) => [r.event_id, Number(r.server_seq)]))
}
