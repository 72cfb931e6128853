import { bookDueAt, normalizePhone } from '@/domain'
import type { ClockContext, ComplaintState } from '@/domain'
import type { ComplaintRow } from './schema'
import { searchTerms } from './searchTerms'
import { awaitingSupervisor } from '@/domain/complaint/supervisorQueue'

/** The complaint book's row for a folded complaint. */
/** `ctx`: the calendar and policy in force (the centre's, once synced) and the time of projection. */
export function project(state: ComplaintState, ctx: ClockContext = { now: new Date() }): ComplaintRow {
  return {
    id: state.id,
    branchId: state.branchId,
    status: state.status,
    // UTC so that the index sorts correctly whatever offset the time was entered with.
    receivedAt: new Date(state.receivedAt).toISOString(),
    dueAt: bookDueAt(state, ctx) ?? '',
    phone: state.customer.phone ? normalizePhone(state.customer.phone) : '',
    name: state.customer.name,
    category: state.category ?? '',
    ownerId: state.owner.staffId,
    followUpDue: followUpDue(state),
    extendedUntil: state.extensions.length > 0 && state.status !== 'closed' && state.status !== 'withdrawn' ? state.extensions.at(-1)!.newDueDate : '',
    terms: searchTerms(`${state.description} ${state.demand ?? ''}`),
    awaiting: awaitingSupervisor(state),
    updatedHlc: state.lastHlc,
    state,
  }
}

function followUpDue(s: ComplaintState): string {
  if (!s.followUp) return ''
  const lastDone = s.followUpsDone.at(-1)
  // A follow-up recorded on or after the scheduled date fulfils it.
  return lastDone && lastDone.at.slice(0, 10) >= s.followUp.dueDate ? '' : s.followUp.dueDate
}
