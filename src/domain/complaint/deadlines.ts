import { computeClocks } from './clocks'
import type { ClockContext } from './clocks'
import type { ComplaintState } from './state'

/**
 * The date the complaint book sorts and warns by: the binding (earliest running) clock, or none once every
 * clock is met or the complaint is finished.
 */
export function bookDueAt(s: ComplaintState, ctx: ClockContext = { now: new Date() }): string | null {
  if (s.status === 'closed' || s.status === 'withdrawn') return null
  return computeClocks(s, ctx).binding?.dueAt ?? null
}
