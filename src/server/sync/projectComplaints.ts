import { clockRecords, computeClocks, fold, normalizePhone, pendingExtensionRequest, resolveSettings } from '../../domain'
import type { ComplaintEvent } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from '../settings/readSettings'

/**
 * Bumped when what a row holds or how its clocks are computed changes: rows of an older version are recomputed
 * at start (reprojectComplaints).
 */
export const PROJECTION_VERSION = 2

/**
 * Refolds the given complaints from their stored events and upserts their rows in `complaints`, inside the
 * caller's transaction, with the clocks computed under the centre's calendar and policy — by the same domain
 * function the tablet's book, the complaint page and the desk use.
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
    const { byName: c, earlierBreaches } = clockRecords(clocks)
    const finished = s.status === 'closed' || s.status === 'withdrawn'
    const values = {
      id, branch_id: s.branchId, status: s.status, kind: s.kind, category: s.category ?? null, cause: s.cause ?? null,
      verdict: s.validity?.verdict ?? null, received_at: s.receivedAt,
      first_response_due: c.firstResponse.due, first_response_at: c.firstResponse.metAt, reply_due: c.reply.due, replied_at: c.reply.metAt,
      handling_due: c.handling.due, handling_met_at: c.handling.metAt, regulatory_due: c.regulatory.due, regulatory_met_at: c.regulatory.metAt,
      review_due: c.review.due, review_met_at: c.review.metAt,
      resolved_at: s.resolution?.at ?? null, closed_at: s.closed?.at ?? null,
      due_at: finished ? null : clocks.binding?.dueAt ?? null, due_clock: finished ? null : clocks.binding?.name ?? null,
      extended: s.extensions.length > 0, escalation_open: s.escalations.some((e) => !e.plan),
      reopened: s.rounds.some((r) => r.kind === 'newFacts'), reviews: s.rounds.filter((r) => r.kind === 'review').length,
      earlier_breaches: earlierBreaches, opinion: s.opinion?.opinion ?? null,
      mood_start: s.script.moodStart ?? null, mood_end: s.script.moodEnd ?? null, group_size: s.group?.size ?? null,
      phone: s.customer.phone ? normalizePhone(s.customer.phone) : null, state: JSON.stringify(s), updated_seq: seq,
      approval_pending: !finished && !!pendingExtensionRequest(s), projection_version: PROJECTION_VERSION,
    }
    const columns = Object.keys(values)
    await tx.query(
      `insert into complaints (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       on conflict (id) do update set ${columns.filter((k) => k !== 'id').map((k) => `${k} = excluded.${k}`).join(', ')}`,
      Object.values(values),
    )
  }
}
