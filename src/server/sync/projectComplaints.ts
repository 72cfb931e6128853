import { clockRecords, complaintSummary, computeClocks, fold, resolveSettings } from '../../domain'
import type { Clocks, ComplaintEvent, ComplaintState } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from '../settings/readSettings'
import type { SyncSettings } from '../settings/readSettings'

/**
 * Bumped when what a row holds or how its clocks are computed changes: rows of an older version are recomputed
 * at start (reprojectComplaints.ts).
 */
export const PROJECTION_VERSION = 2

/**
 * The `complaints` row of a folded complaint — what the desk's queues and the reports query — with its clocks as the
 * same domain function computes them for the tablet's book, the complaint page and the desk.
 */
function complaintRow(id: string, s: ComplaintState, clocks: Clocks, seq: number) {
  const { byName: c, earlierBreaches } = clockRecords(clocks)
  const { due, awaiting, phone } = complaintSummary(s, clocks)
  return {
    id,
    branch_id: s.branchId,
    status: s.status,
    kind: s.kind,
    category: s.category ?? null,
    cause: s.cause ?? null,
    verdict: s.validity?.verdict ?? null,
    received_at: s.receivedAt,
    first_response_due: c.firstResponse.due,
    first_response_at: c.firstResponse.metAt,
    reply_due: c.reply.due,
    replied_at: c.reply.metAt,
    handling_due: c.handling.due,
    handling_met_at: c.handling.metAt,
    regulatory_due: c.regulatory.due,
    regulatory_met_at: c.regulatory.metAt,
    review_due: c.review.due,
    review_met_at: c.review.metAt,
    resolved_at: s.resolution?.at ?? null,
    closed_at: s.closed?.at ?? null,
    due_at: due?.dueAt ?? null,
    due_clock: due?.clock ?? null,
    extended: s.extensions.length > 0,
    escalation_open: awaiting.includes('escalation'),
    reopened: s.rounds.some((r) => r.kind === 'newFacts'),
    reviews: s.rounds.filter((r) => r.kind === 'review').length,
    earlier_breaches: earlierBreaches,
    opinion: s.opinion?.opinion ?? null,
    mood_start: s.script.moodStart ?? null,
    mood_end: s.script.moodEnd ?? null,
    group_size: s.group?.size ?? null,
    phone,
    state: s,
    updated_seq: seq,
    approval_pending: awaiting.includes('extension'),
    projection_version: PROJECTION_VERSION,
  }
}

/** The columns written, with their SQL types (for jsonb_to_recordset). */
const COLUMNS = {
  id: 'uuid',
  branch_id: 'text',
  status: 'text',
  kind: 'text',
  category: 'text',
  cause: 'text',
  verdict: 'text',
  received_at: 'timestamptz',
  first_response_due: 'timestamptz',
  first_response_at: 'timestamptz',
  reply_due: 'timestamptz',
  replied_at: 'timestamptz',
  handling_due: 'timestamptz',
  handling_met_at: 'timestamptz',
  regulatory_due: 'timestamptz',
  regulatory_met_at: 'timestamptz',
  review_due: 'timestamptz',
  review_met_at: 'timestamptz',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  due_at: 'timestamptz',
  due_clock: 'text',
  extended: 'boolean',
  escalation_open: 'boolean',
  reopened: 'boolean',
  reviews: 'int',
  earlier_breaches: 'int',
  opinion: 'text',
  mood_start: 'int',
  mood_end: 'int',
  group_size: 'int',
  phone: 'text',
  state: 'jsonb',
  updated_seq: 'bigint',
  approval_pending: 'boolean',
  projection_version: 'int',
} satisfies Record<keyof ReturnType<typeof complaintRow>, string>

const names = Object.keys(COLUMNS)

/**
 * The upsert of the rows given as one JSON array in the parameter `param`; `seq`, when given, is the SQL that gives
 * a row's updated_seq instead (the intake's statement takes it from the events it inserts with it).
 */
export function upsertComplaintsSql(param: string, seq?: string): string {
  return `
  insert into complaints (${names.join(', ')})
  select ${names.map((c) => (c === 'updated_seq' && seq ? `${seq} as updated_seq` : c)).join(', ')}
  from jsonb_to_recordset(${param}::jsonb) as r(${Object.entries(COLUMNS)
    .map(([c, t]) => `${c} ${t}`)
    .join(', ')})
  on conflict (id) do update set ${names
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`
}
const UPSERT = upsertComplaintsSql('$1')

/**
 * Refolds the given complaints from their events (all of them, in any order) and upserts their rows in `complaints`
 * in one statement, inside the caller's transaction, with the clocks computed under the centre's calendar and policy.
 */
export async function projectComplaints(
  tx: Queryable,
  complaints: ReadonlyMap<string, { events: readonly ComplaintEvent[]; seq: number }>,
  now: Date = new Date(),
): Promise<void> {
  if (complaints.size === 0) return
  const upserts = projectionRows(complaints, await readSettings(tx), now)
  if (upserts.length > 0) await tx.query(UPSERT, [JSON.stringify(upserts)])
}

/** The `complaints` rows of the given complaints, each folded from its events, with the clocks under `settings`. */
export function projectionRows(
  complaints: ReadonlyMap<string, { events: readonly ComplaintEvent[]; seq: number }>,
  settings: SyncSettings,
  now: Date,
) {
  const { calendar, policy } = resolveSettings(settings)
  const rows = []
  for (const [id, { events, seq }] of complaints) {
    const s = fold(events)
    if (s) rows.push(complaintRow(id, s, computeClocks(s, { now, calendar, policy }), seq))
  }
  return rows
}

/** Refolds complaints from their stored events (after a settings change, or an update of how rows are computed). */
export async function refoldComplaints(tx: Queryable, complaintIds: string[], now: Date = new Date()): Promise<void> {
  if (complaintIds.length === 0) return
  const { rows } = await tx.query<{ complaint_id: string; body: ComplaintEvent; server_seq: number }>(
    'select complaint_id, body, server_seq from events where complaint_id = any($1::uuid[]) order by server_seq',
    [complaintIds],
  )
  const byComplaint = new Map<string, { events: ComplaintEvent[]; seq: number }>()
  for (const r of rows) {
    const entry = byComplaint.get(r.complaint_id) ?? { events: [], seq: 0 }
    entry.events.push(r.body)
    entry.seq = Math.max(entry.seq, Number(r.server_seq))
    byComplaint.set(r.complaint_id, entry)
  }
  await projectComplaints(tx, byComplaint, now)
}
