import { computeClocks, fold, normalizePhone, pendingExtensionRequest, resolveSettings } from '../../domain'
import type { ComplaintEvent } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from '../settings/readSettings'

/**
 * Refolds the given complaints from their stored events and upserts their rows in `complaints`, inside the
 * caller's transaction, with the clocks computed under the centre's calendar and policy.
 */
export async function projectComplaints(tx: Queryable, complaintIds: string[], now: Date = new Date()): Promise<void> {
  if (complaintIds.length === 0) return
  const { calendar, policy } = resolveSettings(await readSettings(tx))
  const { rows } = await tx.query<{ complaint_id: string; body: ComplaintEvent; server_seq: number }>(
    'select complaint_id, body, server_seq from events where complaint_id = any($1::uuid[]) order by server_seq', [complaintIds])
  const byComplaint = new Map<string, { events: ComplaintEvent[]; seq: number }>()
  for (const r of rows) {
    const entry = byComplaint.get(r.complaint_id) ?? { events: [], seq: 0 }
    entry.events.push(r.body)
    entry.seq = Math.max(entry.seq, Number(r.server_seq))
    byComplaint.set(r.complaint_id, entry)
  }
  for (const [id, { events, seq }] of byComplaint) {
    const s = fold(events)
    if (!s) continue
    const clocks = computeClocks(s, { now, calendar, policy })
    const clock = (name: string) => clocks.clocks.find((c) => c.name === name)!
    await tx.query(
      `insert into complaints (id, branch_id, status, kind, category, cause, verdict, received_at, first_response_due, first_response_at,
         reply_due, replied_at, resolved_at, closed_at, due_at, extended, escalation_open, reopened, opinion, mood_start, mood_end,
         group_size, phone, state, updated_seq, approval_pending)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
       on conflict (id) do update set status = excluded.status, kind = excluded.kind, category = excluded.category, cause = excluded.cause,
         verdict = excluded.verdict, received_at = excluded.received_at, first_response_due = excluded.first_response_due,
         first_response_at = excluded.first_response_at, reply_due = excluded.reply_due, replied_at = excluded.replied_at,
         resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, due_at = excluded.due_at, extended = excluded.extended,
         escalation_open = excluded.escalation_open, reopened = excluded.reopened, opinion = excluded.opinion,
         mood_start = excluded.mood_start, mood_end = excluded.mood_end, group_size = excluded.group_size, phone = excluded.phone,
         state = excluded.state, updated_seq = excluded.updated_seq, approval_pending = excluded.approval_pending`,
      [
        id, s.branchId, s.status, s.kind, s.category ?? null, s.cause ?? null, s.validity?.verdict ?? null, s.receivedAt,
        clock('firstResponse').dueAt, clock('firstResponse').metAt ?? null, clock('reply').dueAt, clock('reply').metAt ?? null,
        s.resolution?.at ?? null, s.closed?.at ?? null,
        s.status === 'closed' || s.status === 'withdrawn' ? null : clocks.binding?.dueAt ?? null,
        s.extensions.length > 0, s.escalations.some((e) => !e.plan), s.reopenings.length > 0, s.opinion?.opinion ?? null,
        s.script.moodStart ?? null, s.script.moodEnd ?? null, s.group?.size ?? null,
        s.customer.phone ? normalizePhone(s.customer.phone) : null, JSON.stringify(s), seq,
        s.status !== 'closed' && s.status !== 'withdrawn' && !!pendingExtensionRequest(s),
      ],
    )
  }
}
