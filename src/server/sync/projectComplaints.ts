import { computeClocks, fold, normalizePhone, pendingExtensionRequest, resolveSettings } from '../../domain'
import type { ComplaintEvent, ComplaintState, Clocks } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from '../settings/readSettings'

/** The `complaints` row of a folded complaint: what the desk's queues and the reports query. */
function complaintRow(id: string, s: ComplaintState, clocks: Clocks, seq: number) {
  const clock = (name: string) => clocks.clocks.find((c) => c.name === name)!
  const finished = s.status === 'closed' || s.status === 'withdrawn'
  return {
    id, branch_id: s.branchId, status: s.status, kind: s.kind, category: s.category ?? null, cause: s.cause ?? null,
    verdict: s.validity?.verdict ?? null, received_at: s.receivedAt,
    first_response_due: clock('firstResponse').dueAt, first_response_at: clock('firstResponse').metAt ?? null,
    reply_due: clock('reply').dueAt, replied_at: clock('reply').metAt ?? null,
    resolved_at: s.resolution?.at ?? null, closed_at: s.closed?.at ?? null,
    due_at: finished ? null : clocks.binding?.dueAt ?? null,
    extended: s.extensions.length > 0, escalation_open: s.escalations.some((e) => !e.plan), reopened: s.reopenings.length > 0,
    opinion: s.opinion?.opinion ?? null, mood_start: s.script.moodStart ?? null, mood_end: s.script.moodEnd ?? null,
    group_size: s.group?.size ?? null, phone: s.customer.phone ? normalizePhone(s.customer.phone) : null,
    state: s, updated_seq: seq, approval_pending: !finished && !!pendingExtensionRequest(s),
  }
}

/** The columns written, with their SQL types (for jsonb_to_recordset). */
const COLUMNS = {
  id: 'uuid', branch_id: 'text', status: 'text', kind: 'text', category: 'text', cause: 'text', verdict: 'text',
  received_at: 'timestamptz', first_response_due: 'timestamptz', first_response_at: 'timestamptz', reply_due: 'timestamptz',
  replied_at: 'timestamptz', resolved_at: 'timestamptz', closed_at: 'timestamptz', due_at: 'timestamptz', extended: 'boolean',
  escalation_open: 'boolean', reopened: 'boolean', opinion: 'text', mood_start: 'int', mood_end: 'int', group_size: 'int',
  phone: 'text', state: 'jsonb', updated_seq: 'bigint', approval_pending: 'boolean',
} satisfies Record<keyof ReturnType<typeof complaintRow>, string>

const names = Object.keys(COLUMNS)
const UPSERT = `
  insert into complaints (${names.join(', ')})
  select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as r(${Object.entries(COLUMNS).map(([c, t]) => `${c} ${t}`).join(', ')})
  on conflict (id) do update set ${names.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`

/**
 * Refolds the given complaints from their events (all of them, in any order) and upserts their rows in `complaints`
 * in one statement, inside the caller's transaction, with the clocks computed under the centre's calendar and policy.
 */
export async function projectComplaints(tx: Queryable, complaints: ReadonlyMap<string, { events: readonly ComplaintEvent[]; seq: number }>, now: Date = new Date()): Promise<void> {
  if (complaints.size === 0) return
  const { calendar, policy } = resolveSettings(await readSettings(tx))
  const upserts = []
  for (const [id, { events, seq }] of complaints) {
    const s = fold(events)
    if (s) upserts.push(complaintRow(id, s, computeClocks(s, { now, calendar, policy }), seq))
  }
  if (upserts.length > 0) await tx.query(UPSERT, [JSON.stringify(upserts)])
}

/** Refolds complaints from their stored events (after a settings change, or for a repair). */
export async function reprojectComplaints(tx: Queryable, complaintIds: string[], now: Date = new Date()): Promise<void> {
  if (complaintIds.length === 0) return
  const { rows } = await tx.query<{ complaint_id: string; body: ComplaintEvent; server_seq: number }>(
    'select complaint_id, body, server_seq from events where complaint_id = any($1::uuid[]) order by server_seq', [complaintIds])
  const byComplaint = new Map<string, { events: ComplaintEvent[]; seq: number }>()
  for (const r of rows) {
    const entry = byComplaint.get(r.complaint_id) ?? { events: [], seq: 0 }
    entry.events.push(r.body)
    entry.seq = Math.max(entry.seq, Number(r.server_seq))
    byComplaint.set(r.complaint_id, entry)
  }
  await projectComplaints(tx, byComplaint, now)
}
