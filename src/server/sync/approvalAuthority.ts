import { mayApprove } from '../../domain'
import type { Authority, ComplaintEvent } from '../../domain'
import type { Queryable } from '../db/Database'

/**
 * Extension decisions, pushed by a tablet or sent from the desk, must be made by someone who holds the authority
 * they claim, in their own name: a superior office's or head-office senior manager's level (Art. 18, past 30 days)
 * is given centrally (`staff.approval_level`), never taken from the event. Returns the rejection message of each
 * decision that fails, by event id; other events are not looked at.
 */
export async function approvalRejections(tx: Queryable, events: ComplaintEvent[]): Promise<Map<string, string>> {
  const decisions = events.filter((e): e is Extract<ComplaintEvent, { type: 'extension.decided' }> => e.type === 'extension.decided')
  const problems = new Map<string, string>()
  if (decisions.length === 0) return problems
  const { rows } = await tx.query<{ id: string; role: Authority['role']; approval_level: 'superior' | null }>(
    'select id, role, approval_level from staff where id = any($1::text[])', [[...new Set(decisions.map((e) => e.actor.staffId))]])
  const staff = new Map(rows.map((r) => [r.id, { role: r.role, approvalLevel: r.approval_level }]))
  for (const e of decisions) {
    const level = e.payload.level ?? 'supervisor'
    if (e.payload.supervisor.staffId !== e.actor.staffId) problems.set(e.id, 'A decision is made in the approver’s own name')
    else if (!mayApprove(staff.get(e.actor.staffId), level)) problems.set(e.id, `The staff member does not hold the ${level} approval level`)
  }
  return problems
}
