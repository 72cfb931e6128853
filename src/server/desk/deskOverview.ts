import type { Queryable } from '../db/Database'

/** How soon "due soon" is: the next three days, so a supervisor sees this week's deadlines at a glance. */
export const DUE_SOON_MS = 3 * 86_400_000

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
export async function deskOverview(db: Queryable, branches: { id: string; name: string }[], now: Date): Promise<BranchOverview[]> {
  const { rows } = await db.query<{ branch_id: string; open: number; overdue: number; due_soon: number; escalated: number; approval_pending: number }>(`
    select branch_id,
      count(*)::int as open,
      count(*) filter (where due_at < $2)::int as overdue,
      count(*) filter (where due_at >= $2 and due_at < $3)::int as due_soon,
      count(*) filter (where escalation_open)::int as escalated,
      count(*) filter (where approval_pending)::int as approval_pending
    from complaints where branch_id = any($1::text[]) and status not in ('closed', 'withdrawn')
    group by branch_id`, [branches.map((b) => b.id), now.toISOString(), new Date(now.getTime() + DUE_SOON_MS).toISOString()])
  const byId = new Map(rows.map((r) => [r.branch_id, r]))
  return branches.map((b) => {
    const r = byId.get(b.id)
    return {
      branchId: b.id, name: b.name, open: r?.open ?? 0, overdue: r?.overdue ?? 0, dueSoon: r?.due_soon ?? 0,
      escalated: r?.escalated ?? 0, approvalPending: r?.approval_pending ?? 0,
    }
  })
}
