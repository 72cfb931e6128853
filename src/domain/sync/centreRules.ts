import { hlcWallMs } from '../hlc'
import { instantMs } from '../chinaTime'
import type { ComplaintEvent } from '../complaint/events'
import type { Refusal } from '../complaint/decide'
import { attachmentRefusal, FUTURE_SLACK_MS } from '../complaint/decide'
import type { ComplaintState } from '../complaint/state'
import { REMEDIES } from '../complaint/vocabulary'

/**
 * The rules of `decide` the centre enforces on a tablet's event, checked against the complaint as the centre holds it
 * before that event. Only rules that no other tablet's concurrent move can change the answer to: that something the
 * move needs exists at all (a request to decide, an escalation to answer, a verdict before a decision is told or the
 * complaint closed, a notice before closing, a pause to resume) — events are never removed and what a tablet saw
 * reached the centre before anything it made afterwards, so the answer is the same in every order of delivery — and
 * what the event says of itself (times not after it was made nor before the receipt, the remedies a notice names).
 * Everything that depends on what another tablet did meanwhile (two answers to one request, a note on a complaint
 * closed elsewhere, a second first response) is accepted and resolved by the fold, as ARCHITECTURE.md sets out.
 */
/** The types `centreRefusal` looks at: any other event needs no fold of its complaint at the centre. */
export const CENTRE_CHECKED: ReadonlySet<ComplaintEvent['type']> = new Set([
  'extension.decided',
  'supervisor.planRecorded',
  'clock.resumed',
  'customer.unreachable',
  'decision.notified',
  'complaint.closed',
  'complaint.extended',
  'customer.contacted',
  'review.requested',
  'complaint.reopened',
  'sms.requested',
  'attachment.added',
  'attachment.removed',
])

export function centreRefusal(before: ComplaintState, e: ComplaintEvent): Refusal | null {
  const made = hlcWallMs(e.hlc)
  const when = (at: string | undefined, from: string): Refusal | null => {
    if (at === undefined) return null
    if (instantMs(at) > made + FUTURE_SLACK_MS) return 'timeInFuture'
    return instantMs(at) < instantMs(from) ? 'timeBeforeReceipt' : null
  }
  switch (e.type) {
    case 'extension.decided':
      return before.extensionRequests.some((r) => r.eventId === e.payload.requestId) ? null : 'noSuchRequest'
    case 'supervisor.planRecorded':
      return before.escalations.length > 0 ? null : 'notEscalated'
    case 'clock.resumed':
      return before.pauses.length > 0 ? null : 'clockNotPaused'
    case 'customer.unreachable':
      return before.validity ? null : 'noticeNeedsVerdict'
    case 'decision.notified':
      if (!before.validity) return 'noticeNeedsVerdict'
      // A review's decision may leave out the review itself; every decision names the other remedies.
      if (!REMEDIES.filter((r) => r !== 'review').every((r) => e.payload.remedies.includes(r)))
        return 'noticeNeedsRemedies'
      return when(e.payload.notifiedAt, before.receivedAt)
    case 'complaint.closed':
      if (!before.validity) return 'closeNeedsVerdict'
      return before.notices.length > 0 || before.unreachable.length > 0 ? null : 'closeNeedsNotice'
    case 'complaint.extended':
      // An approval is the approver's own event: a name typed into the extension is none (old events carried one
      // only once a decision approved them).
      if (e.payload.approvedBy && !before.extensionRequests.some((r) => r.decision?.approved))
        return 'approvalIsAnEvent'
      return when(e.payload.noticeAt, before.receivedAt)
    case 'customer.contacted':
      return when(e.payload.contactedAt, before.receivedAt)
    case 'review.requested':
      return when(e.payload.requestedAt, before.receivedAt)
    case 'complaint.reopened':
      return when(e.payload.receivedAt, before.receivedAt)
    case 'sms.requested':
      return e.payload.recipientPhone === before.customer.phone ? null : 'smsNotCustomerPhone'
    case 'attachment.added':
    case 'attachment.removed':
      // The id once per complaint, the maximum, and only a kept attachment removed: the same rule as the tablet's.
      return attachmentRefusal(before, e)
    default:
      return null
  }
}
