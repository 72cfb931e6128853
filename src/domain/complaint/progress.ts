import { isDecided } from './clocks'
import type { ComplaintState } from './state'

/** The milestones of section II in order, as the tablet shows them above the actions. */
export const PROCESS_MILESTONES = [
  'responded',
  'judged',
  'planned',
  'replied',
  'resolved',
  'heard',
  'closed',
  'followedUp',
] as const
export type ProcessMilestone = (typeof PROCESS_MILESTONES)[number]

/** done: it happened; todo: still to do; skip: the procedure does not ask for it on this complaint. */
export type MilestoneState = 'done' | 'todo' | 'skip'

/** Where the complaint stands in the procedure, computed from its state (never stored). */
export function processProgress(s: ComplaintState): { milestone: ProcessMilestone; state: MilestoneState }[] {
  const valid = s.validity?.verdict === 'valid'
  const done: Record<ProcessMilestone, boolean> = {
    responded: !!s.acknowledged || s.status !== 'new',
    judged: !!s.validity,
    planned: !!s.plan || s.escalations.some((e) => e.plan),
    replied: isDecided(s),
    resolved: !!s.resolution || s.status === 'closed',
    heard: !!s.opinion,
    closed: s.status === 'closed',
    followedUp: s.followUpsDone.length > 0,
  }
  // A plan and a named responsible person are what the first-responder rule asks of a valid complaint (II.4).
  const skip = (m: ProcessMilestone) => m === 'planned' && !!s.validity && !valid
  return PROCESS_MILESTONES.map((m) => ({ milestone: m, state: done[m] ? 'done' : skip(m) ? 'skip' : 'todo' }))
}
