import { instantMs } from '../chinaTime'
import { decodeHlc } from '../hlc'
import type { ComplaintStatus } from './vocabulary'
import { isFinished } from './vocabulary'

/**
 * How long a finished complaint stays on a tablet after its last event (central policy, `retentionDays`). The centre
 * keeps the archive (PIPL Art. 28, the 2020 rule's retention); the tablet keeps only what the branch still works on,
 * so a lost tablet holds less.
 */
export const RETENTION = { minDays: 30, maxDays: 3650, defaultDays: 90 } as const

const DAY_MS = 86_400_000

/** What the rule reads of a complaint on the tablet. */
export interface RetentionFacts {
  status: ComplaintStatus
  /** When the current round was closed or withdrawn (cleared by a reopening). */
  finishedAt?: string
  /** Clock of the newest event: a note or a follow-up after the closing counts as activity. */
  lastHlc: string
  /** Events of the complaint not yet stored at the centre (in the outbox, rejected ones included). */
  unsyncedEvents: number
}

/**
 * Whether a complaint leaves the tablet at `now`: finished (closed or withdrawn, so not reopened), nothing of it
 * waiting to reach the centre, and its closing and every later event more than `retentionDays` ago — never before the
 * customer's window to ask for a review has passed (`reviewWindowDays`), which a lobby manager records on the tablet.
 */
export function leavesTablet(
  c: RetentionFacts,
  now: number,
  policy: { retentionDays: number; reviewWindowDays: number },
): boolean {
  if (!isFinished(c.status) || !c.finishedAt || c.unsyncedEvents > 0) return false
  const lastActivity = Math.max(instantMs(c.finishedAt), decodeHlc(c.lastHlc).wall)
  return now - lastActivity > Math.max(policy.retentionDays, policy.reviewWindowDays) * DAY_MS
}
