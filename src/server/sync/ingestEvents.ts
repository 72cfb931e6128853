import { admitEvents, parseEvent } from '../../domain'
import type { ComplaintEvent, ParseResult, PushResult, StaffRole } from '../../domain'
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
 * How large a group of pushes may grow (ingestEvents): a bigger group holds the branch's lock longer and answers its
 * first push later. A push larger than either bound is stored alone. Exported for the tests.
 */
export const INTAKE_GROUP_LIMITS = { events: 2000, bytes: 4 * 1024 * 1024 }

/** A push waiting for its group, parsed before any lock. */
interface Push {
  device: DeviceContext
  ids: string[]
  parsed: ParseResult<ComplaintEvent>[]
  valid: ComplaintEvent[]
  now: Date
  events: number
  bytes: number
  resolve(results: PushResult[]): void
  reject(error: unknown): void
}

/** Per database (per process, on the real server) and branch: the pushes waiting while a group is stored. */
const waiting = new WeakMap<Database, Map<string, Push[]>>()

/**
 * Stores a tablet's batch, answering per event by the centre's intake rules (`admitEvents`, in the domain), exactly as
 * if the batch had been stored alone after those that arrived before it. Inserts for one branch are serialised
 * (advisory lock), so a branch's sequence numbers commit in order and a pull cursor can never skip an event that
 * commits late. That lock is what bounds a branch's intake, so pushes of a branch are committed in groups: a push
 * that finds its branch idle is stored at once; those that arrive while a group is being stored wait and are stored
 * together next (one lock, one read, one statement, one WAL flush for all of them), each still answered on its own.
 * The group is per process; across processes the lock, which is PostgreSQL's, still orders them.
 */
export function ingestEvents(
  db: Database,
  device: DeviceContext,
  raw: Record<string, unknown>[],
  now: Date = new Date(),
): Promise<PushResult[]> {
  const parsed = raw.map((input) => parseEvent(input))
  return new Promise((resolve, reject) => {
    const push: Push = {
      device,
      ids: raw.map((input) => (typeof input.id === 'string' ? input.id : '?')),
      parsed,
      valid: parsed.flatMap((p) => (p.ok ? [p.value] : [])),
      now,
      events: raw.length,
      bytes: JSON.stringify(raw).length,
      resolve,
      reject,
    }
    let branches = waiting.get(db)
    if (!branches) waiting.set(db, (branches = new Map()))
    const queue = branches.get(device.branchId)
    if (queue) queue.push(push)
    else {
      const started = [push]
      branches.set(device.branchId, started)
      void drain(db, branches, device.branchId, started)
    }
  })
}

/** Stores the branch's pushes group by group until none waits; a push arriving meanwhile joins the next group. */
async function drain(db: Database, branches: Map<string, Push[]>, branchId: string, queue: Push[]) {
  while (queue.length > 0) {
    let events = queue[0]!.events
    let bytes = queue[0]!.bytes
    let n = 1
    while (
      n < queue.length &&
      events + queue[n]!.events <= INTAKE_GROUP_LIMITS.events &&
      bytes + queue[n]!.bytes <= INTAKE_GROUP_LIMITS.bytes
    ) {
      events += queue[n]!.events
      bytes += queue[n]!.bytes
      n++
    }
    // The next group starts once this one is written: it opens its transaction and waits for the branch's lock in
    // PostgreSQL while this one commits, and gets it the moment the commit ends.
    await new Promise<void>((written) => void storeGroup(db, queue.splice(0, n), written))
  }
  branches.delete(branchId)
}

/**
 * One transaction for the group. If it fails, no push of it is answered from it: each is stored again alone, so a
 * push that cannot be stored fails by itself and the others are answered by their own transaction.
 */
async function storeGroup(db: Database, group: Push[], written: () => void): Promise<void> {
  try {
    const answers = await db.transaction((tx) => storePushes(tx, group, written))
    group.forEach((push, i) => push.resolve(answers[i]!))
  } catch (error) {
    written()
    if (group.length === 1) return group[0]!.reject(error)
    for (const push of group) {
      try {
        push.resolve((await db.transaction((tx) => storePushes(tx, [push], () => undefined)))[0]!)
      } catch (alone) {
        push.reject(alone)
      }
    }
  }
}

/**
 * The group's pushes, of one branch, in one transaction: one statement reads who may act for each push's source and
 * takes the branch's lock; one query under it reads what another push of the branch can change (stored ids, the
 * touched complaints' events, the case numbers taken, the settings); each push is then decided in order, seeing what
 * the pushes before it in the group accepted; one statement stores all accepted events with their `complaints`
 * rows, SMS jobs and alerts. `written` is called once all of it is written, before the commit.
 */
async function storePushes(tx: Queryable, group: Push[], written: () => void): Promise<PushResult[][]> {
  const branchId = group[0]!.device.branchId
  const valid = group.flatMap((p) => p.valid)
  const numbers = valid.flatMap((e) =>
    e.type === 'complaint.recorded' && e.payload.caseNumber ? [e.payload.caseNumber] : [],
  )
  const sources = await sourceFactsAndLock(
    tx,
    branchId,
    group.map((p) => p.device),
  )
  const held = await branchFacts(tx, branchId, valid, numbers)
  // What the group has accepted so far, as the next push must see it: stored (sequence known after the insert).
  const stored = new Map<string, { serverSeq: number; body: unknown }>(held.stored)
  const complaints = held.complaints
  const taken = new Set(held.taken)
  const answers: PushResult[][] = []
  const events: ComplaintEvent[] = []
  // The reports' projection follows the events in the same statement (only complaints with new events), each with
  // the clock of the last push that touched it.
  const touched = new Map<string, { events: ComplaintEvent[]; seq: number; now: Date }>()
  for (const [i, push] of group.entries()) {
    const source = sources[i]!
    const { results, accepted } = admitEvents(push.ids, push.parsed, {
      device: { deviceId: push.device.deviceId, branchId, ...source.numbering },
      caseNumbersTaken: taken,
      nowMs: push.now.getTime(),
      staff: source.staff,
      stored,
      complaints,
    })
    answers.push(results)
    for (const { event } of accepted) {
      events.push(event)
      stored.set(event.id, { serverSeq: 0, body: event })
      const entry = touched.get(event.complaintId) ?? {
        events: [...(complaints.get(event.complaintId)?.events ?? [])],
        seq: 0,
        now: push.now,
      }
      entry.events.push(event)
      entry.now = push.now
      touched.set(event.complaintId, entry)
      if (event.type === 'complaint.recorded') {
        complaints.set(event.complaintId, { branchId: event.branchId, events: [event] })
        if (event.payload.caseNumber) taken.add(event.payload.caseNumber)
      } else complaints.get(event.complaintId)!.events.push(event)
    }
  }
  if (events.length === 0) {
    written()
    return answers
  }
  const byNow = new Map<number, Map<string, { events: ComplaintEvent[]; seq: number }>>()
  for (const [id, entry] of touched) {
    const same = byNow.get(entry.now.getTime()) ?? new Map()
    same.set(id, entry)
    byNow.set(entry.now.getTime(), same)
  }
  const seqs = await storeBatch(tx, branchId, {
    events,
    // SMS the tablets asked for are queued with their events: sent after commit, never lost, never sent twice.
    sms: smsJobRows(events),
    complaints: [...byNow].flatMap(([now, rows]) => projectionRows(rows, held.settings, new Date(now))),
    // Alerts for supervisors are queued with the events they come from (an outbox), and sent after commit.
    alerts: alertRows(events, sources[0]!.supervisors),
  })
  // An attachment is expected once its event is stored (its upload may follow); a removed one loses its bytes.
  await recordAttachments(tx, events)
  written()
  // Accepted in this group (new, or sent again in a later push of it): answered with the sequence just given.
  return answers.map((results) =>
    results.map((r) => {
      if (r.status !== 'accepted' || r.serverSeq !== 0) return r
      const serverSeq = seqs.get(r.id)
      if (serverSeq === undefined) throw new Error(`event ${r.id} was accepted but not stored`)
      return { ...r, serverSeq }
    }),
  )
}

/**
 * For each distinct source of a group, who may act: active staff of the branch or supervisors covering it — never an
 * administrator, who runs the system but handles no complaint — narrowed to the source's actors, with every name each
 * has gone by (the audit log keeps a rename's before); the branch's code and the tablet's letter for case numbers;
 * and the supervisors whom alerts go to. No push changes any of it, so it is read from the statement's snapshot,
 * taken before the branch's lock that the same statement then waits for (one round trip for both).
 */
async function sourceFactsAndLock(tx: Queryable, branchId: string, devices: DeviceContext[]) {
  const keyOf = (d: DeviceContext) => {
    const actors = d.actors ?? 'device'
    return {
      device: d.deviceId,
      mode: typeof actors === 'string' ? actors : 'staff',
      staff: typeof actors === 'object' ? actors.staffId : null,
    }
  }
  const keys = devices.map((d) => JSON.stringify(keyOf(d)))
  const distinct = [...new Set(keys)]
  const { rows } = await tx.query<{
    sources: {
      staff: {
        id: string
        role: StaffRole
        name: string
        approval_level: 'superior' | null
        previous: string[] | null
      }[]
      numbering: { code: string | null; case_letter: string | null } | null
    }[]
    supervisors: string[]
  }>(
    `select
       (select json_agg(json_build_object(
          'staff', (select coalesce(json_agg(json_build_object('id', s.id, 'role', s.role, 'name', s.name,
                      'approval_level', s.approval_level,
                      'previous', (select array_agg(distinct a.before->>'name') from audit_log a
                                    where a.target = s.id and a.before ? 'name'))), '[]'::json)
               from staff s where not s.disabled and s.role <> 'admin'
                and (s.branch_id = $1 or s.id in (select staff_id from staff_branches where branch_id = $1))
                and (src.j->>'mode' = 'branch'
                  or (src.j->>'mode' = 'device'
                      and s.id in (select staff_id from device_staff where device_id = src.j->>'device'))
                  or (src.j->>'mode' = 'staff' and s.id = src.j->>'staff'))),
          'numbering', (select json_build_object('code', b.code, 'case_letter', d.case_letter)
               from branches b left join devices d on d.id = src.j->>'device' and d.branch_id = b.id
               where b.id = $1)) order by src.n)
          from jsonb_array_elements($2::jsonb) with ordinality as src(j, n)) as sources,
       (select coalesce(json_agg(id), '[]'::json) from (${BRANCH_SUPERVISORS_SQL}) sup) as supervisors,
       pg_advisory_xact_lock(hashtext('branch:' || $1)) as locked`,
    [branchId, `[${distinct.join(',')}]`],
  )
  const row = rows[0]!
  const facts = new Map(
    row.sources.map((source, i) => [
      distinct[i]!,
      {
        staff: new Map(
          source.staff.map((r) => [
            r.id,
            { role: r.role, approvalLevel: r.approval_level, names: [r.name, ...(r.previous ?? [])] },
          ]),
        ),
        numbering: { branchCode: source.numbering?.code ?? null, caseLetter: source.numbering?.case_letter ?? null },
        supervisors: row.supervisors,
      },
    ]),
  )
  return keys.map((k) => facts.get(k)!)
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
 * the driver's array quoting of every event body cost more than the insert. A row's last sequence comes from one
 * aggregate of the inserted rows: looked up per row in them, it grew with events × complaints (29 ms for a group of
 * 2,000 events).
 */
// Built on first use: smsJobs.ts imports this module, so its helpers are not defined yet when this one loads.
let storeBatchSql: string | undefined
const STORE_BATCH = () => `
  with inserted as (
    insert into events (${EVENT_COLUMNS})
    select ${EVENT_VALUES} from jsonb_array_elements($1::jsonb) with ordinality as u(e, n) order by n
    returning event_id, complaint_id, server_seq
  ), last as (select complaint_id, max(server_seq) as seq from inserted group by complaint_id
  ), sms as (${insertSmsJobsSql('$2')}
  ), projected as (${upsertComplaintsSql('$3', '(select l.seq from last l where l.complaint_id = r.id)')}
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
