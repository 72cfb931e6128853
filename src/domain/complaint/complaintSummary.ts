import { phoneDigits } from '../phone'
import type { ClockName, Clocks } from './clocks'
import type { ComplaintState } from './state'
import { awaitingSupervisor } from './supervisorQueue'
import type { AwaitingSupervisor } from './supervisorQueue'
import { isFinished } from './vocabulary'

/**
 * What the lists read of a complaint — the complaint book on the tablet, the desk and the reports at the centre —
 * derived once, here, from the folded state and its clocks: the tablet's IndexedDB row (db/project.ts) and the
 * centre's `complaints` row (server/sync/projectComplaints.ts) both take their shared columns from it, so a
 * deadline, a "waits for a supervisor" or a phone search can never mean one thing on a tablet and another at the centre.
 */
export interface ComplaintSummary {
  finished: boolean
  /** The deadline the lists sort and warn by, and its clock: the binding (earliest running) one; none once finished. */
  due: { dueAt: string; clock: ClockName } | null
  /** What it waits for from a supervisor (an escalation's plan, an extension's decision); nothing once finished. */
  awaiting: AwaitingSupervisor[]
  /** The phone as searched (digits only), or null. */
  phone: string | null
}

export function complaintSummary(s: ComplaintState, clocks: Clocks): ComplaintSummary {
  const finished = isFinished(s.status)
  return {
    finished,
    due: !finished && clocks.binding ? { dueAt: clocks.binding.dueAt, clock: clocks.binding.name } : null,
    awaiting: awaitingSupervisor(s),
    phone: s.customer.phone ? phoneDigits(s.customer.phone) : null,
  }
}
