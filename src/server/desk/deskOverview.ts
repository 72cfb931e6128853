import { dueSoonUntil, FINISHED_SQL } from '../../domain'
import type { ClockContext } from '../../domain'
import type { Queryable } from '../db/Database'

/** "Due soon", as the tablets count it: due before the end of the next working day under the centre's calendar. */
export function dueSoonLimit(ctx: ClockContext): Date {
  return new Date(dueSoonUntil(ctx.now, ctx.calendar, ctx.policy))
}

export interface BranchOverview {
  branchId: string
  name: string
  open: number
  overdue: number
  dueSoon: number
  escalated: number
  approvalPending: number
}

/** Open complaints by branch, overdue and due soon, from the projection's partial index on open rows. */
export async function deskOverview(
  db: Queryable,
  branches: { id: string; name: string }[],
  ctx: ClockContext,
): Promise<BranchOverview[]> {
  const { rows } = await db.query<{
    branch_id: string
    open: number
    overdue: number
    due_soon: number
    escalated: number
    approval_pending: number
  }>(
    `
    select branch_id,
      count(*)::int as open,
      count(*) filter (where due_at < $2)::int as overdue,
      count(*) filter (where due_at >= $2 and due_at <= $3)::int as due_soon,
      count(*) filter (where escalation_open)::int as escalated,
      count(*) filter (where approval_pending)::int as approval_pending
    from complaints where branch_id = any($1::text[]) and status not in ${FINISHED_SQL}
    group by branch_id`,
    [branches.map((b) => b.id), ctx.now.toISOString(), dueSoonLimit(ctx).toISOString()],
  )
  const byId = new Map(rows.map((r) => [r.branch_id, r]))
  return branches.map((b) => {
    const r = byId.get(b.id)
    return {
      branchId: b.id,
      name: b.name,
      open: r?.open ?? 0,
      overdue: r?.overdue ?? 0,
      dueSoon: r?.due_soon ?? 0,
      escalated: r?.escalated ?? 0,
      approvalPending: r?.approval_pending ?? 0,
    }
  })
}
