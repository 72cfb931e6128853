import type { ComplaintEvent } from '../complaint/events'
import { groupRules } from '../complaint/group'

/** Why a supervisor is told of a complaint (issue 20 §3). */
export type AlertReason = 'escalated' | 'major' | 'group' | 'extensionRequested' | 'deadline'

/**
 * The alerts one stored event raises: whom (a named supervisor, or every supervisor covering the branch) and the
 * occasion (`ref`) that makes it one alert, so a retried push or a second escalation of the same complaint is told
 * once per escalation. Deadlines are not events: the centre's periodic check raises them.
 */
export function alertReasons(event: ComplaintEvent): { reason: AlertReason; ref: string; to?: string }[] {
  switch (event.type) {
    case 'complaint.escalated':
      return [{ reason: 'escalated', ref: event.id, to: event.payload.supervisor?.staffId }]
    case 'extension.requested':
      return [{ reason: 'extensionRequested', ref: event.id }]
    case 'complaint.recorded': {
      const g = groupRules(event.payload.group?.size)
      return g.major ? [{ reason: 'major', ref: '' }] : g.isGroup ? [{ reason: 'group', ref: '' }] : []
    }
    default:
      return []
  }
}
