import { instantMs } from '../chinaTime'
import type { ComplaintState, ExtensionRequest } from './state'
import { isFinished } from './vocabulary'

/**
 * What a complaint waits for from a supervisor (主管领导): a plan for an escalation, or a decision on an extension.
 * Kept free of the clocks and the calendar: the book's rows (and the IndexedDB upgrade) need it at start.
 */
export type AwaitingSupervisor = 'escalation' | 'extension'

export function pendingExtensionRequest(s: ComplaintState): ExtensionRequest | undefined {
  return s.extensionRequests.find((r) => !r.decision)
}

/**
 * The questions a complaint puts to a supervisor, one per item of the desk: each escalation without a plan, and the
 * extension request not yet decided. The desk lists exactly these, and its badge counts exactly these.
 */
export function openQuestions(s: ComplaintState): {
  escalations: ComplaintState['escalations']
  extension: ExtensionRequest | undefined
} {
  if (isFinished(s.status)) return { escalations: [], extension: undefined }
  return { escalations: s.escalations.filter((x) => !x.plan), extension: pendingExtensionRequest(s) }
}

/** How many items of the supervisor's desk this complaint makes (see openQuestions). */
export function deskItemCount(s: ComplaintState): number {
  const q = openQuestions(s)
  return q.escalations.length + (q.extension ? 1 : 0)
}

export function awaitingSupervisor(s: ComplaintState): AwaitingSupervisor[] {
  if (isFinished(s.status)) return []
  const out: AwaitingSupervisor[] = []
  if (s.escalations.some((x) => !x.plan)) out.push('escalation')
  if (pendingExtensionRequest(s)) out.push('extension')
  return out
}

/**
 * An approved extension the lobby manager has not yet recorded (with the notice to the customer): the
 * approval alone does not move the deadline, telling the customer does.
 */
export function approvedExtensionToRecord(s: ComplaintState): ExtensionRequest | undefined {
  const approved = s.extensionRequests.findLast((r) => r.decision?.approved)
  if (!approved) return undefined
  const recorded = s.extensions.some((x) => instantMs(x.at) >= instantMs(approved.decision!.at))
  return recorded ? undefined : approved
}
