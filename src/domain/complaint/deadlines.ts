import { computeClocks } from './clocks'
import type { ClockContext, ClockName } from './clocks'
import type { ComplaintState } from './state'

/**
 * The deadline the complaint book sorts and warns by, and the clock it belongs to: the binding (earliest running)
 * clock, or none once every clock is met or the complaint is finished.
 */
export function bookDue(s: ComplaintState, ctx: ClockContext = { now: new Date() }): { dueAt: string; clock: ClockName } | null {
  if (s.status === 'closed' || s.status === 'withdrawn') return null
  const binding = computeClocks(s, ctx).binding
  return binding ? { dueAt: binding.dueAt, clock: binding.name } : null
}
