import { bookDueAt, normalizePhone } from '@/domain'
import type { ComplaintState } from '@/domain'
import type { ComplaintRow } from './schema'

/** The complaint book's row for a folded complaint. */
export function project(state: ComplaintState): ComplaintRow {
  return {
    id: state.id,
    branchId: state.branchId,
    status: state.status,
    // UTC so that the index sorts correctly whatever offset the time was entered with.
    receivedAt: new Date(state.receivedAt).toISOString(),
    dueAt: bookDueAt(state) ?? '',
    phone: state.customer.phone ? normalizePhone(state.customer.phone) : '',
    name: state.customer.name,
    category: state.category ?? '',
    ownerId: state.owner.staffId,
    updatedHlc: state.lastHlc,
    state,
  }
}
