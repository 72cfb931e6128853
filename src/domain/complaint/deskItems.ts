import { instantMs } from '../chinaTime'
import { approvalNeeded } from './approvals'
import type { ClockContext } from './clocks'
import type { ComplaintState } from './state'
import { openQuestions } from './supervisorQueue'
import type { AwaitingSupervisor } from './supervisorQueue'
import type { ApprovalLevel } from './vocabulary'

export interface DeskItem {
  kind: AwaitingSupervisor
  complaintId: string
  branchId: string
  customerName: string
  receivedAt: string
  /** The escalation's or the request's reason, as the lobby manager wrote it. */
  reason: string
  askedBy: string
  askedAt: string
  /** Extension requests: the date asked for, and the authority an approval of it needs. */
  newDueDate?: string
  requestId?: string
  needs?: ApprovalLevel
}

/**
 * The supervisor's queue: every open question, oldest first, so nothing waits longest by accident. Each extension
 * request says which authority may approve it, under the calendar and policy in `ctx`.
 */
export function deskItems(states: Iterable<ComplaintState>, ctx: ClockContext = { now: new Date() }): DeskItem[] {
  const items: DeskItem[] = []
  for (const s of states) {
    const base = { complaintId: s.id, branchId: s.branchId, customerName: s.customer.name, receivedAt: s.receivedAt }
    const { escalations, extension: r } = openQuestions(s)
    for (const x of escalations)
      items.push({ ...base, kind: 'escalation', reason: x.reason, askedBy: x.by.staffName, askedAt: x.at })
    if (r)
      items.push({
        ...base,
        kind: 'extension',
        reason: r.reason,
        askedBy: r.by.staffName,
        askedAt: r.at,
        newDueDate: r.newDueDate,
        requestId: r.eventId,
        needs: approvalNeeded(s, r.newDueDate, ctx),
      })
  }
  return items.sort((a, b) => instantMs(a.askedAt) - instantMs(b.askedAt))
}
