import { isDecided } from './clocks'
import type { EventType } from './events'
import { groupRules } from './group'
import type { ComplaintState } from './state'
import { approvedExtensionToRecord } from './supervisorQueue'

/**
 * What the procedure asks for next on this complaint: the one action the tablet suggests first.
 * Section II: respond, judge validity, tell the decision (every complaint, valid or not), resolve, hear the
 * customer, close, then follow up after closure. A review (Art. 20) is answered with a decision notice too.
 * A major complaint (20 people or more, Art. 29) goes to the supervisor first, before anything else is done on it.
 */
export function nextStep(s: ComplaintState): EventType | null {
  const replied = isDecided(s)
  const inReview = s.rounds.at(-1)?.kind === 'review'
  const unreported = groupRules(s.group?.size).major && s.escalations.length === 0
  if (unreported && (s.status === 'new' || s.status === 'inProgress')) return 'complaint.escalated'
  switch (s.status) {
    case 'new':
      return 'complaint.acknowledged'
    case 'escalated':
      return 'supervisor.planRecorded'
    case 'inProgress':
      // An approved extension counts only once the customer has been told the new date.
      if (approvedExtensionToRecord(s)) return 'complaint.extended'
      if (!s.validity) return 'validity.judged'
      if (s.validity.verdict === 'valid' && !s.plan && !inReview) return 'plan.proposed'
      if (!replied) return 'decision.notified'
      return 'complaint.resolved'
    case 'resolved':
      if (!replied) return 'decision.notified'
      return s.opinion ? 'complaint.closed' : 'opinion.recorded'
    case 'closed':
      if (!s.followUp) return 'followUp.scheduled'
      return s.followUpsDone.length === 0 ? 'followUp.done' : null
    case 'withdrawn':
      return null
  }
}
