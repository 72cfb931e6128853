import { isBreached } from './clocks'
import type { Clock, ClockName, Clocks } from './clocks'

/** A clock as the server's projection stores it for SQL: its deadline (none once it stopped unmet in time) and when it was met. */
export interface ClockRecord {
  due: string | null
  metAt: string | null
}

export const CLOCK_NAMES: readonly ClockName[] = ['firstResponse', 'handling', 'reply', 'regulatory', 'review']

/**
 * Each clock's latest round, and how many breaches the earlier rounds hold. The reports count a clock as decided
 * once it was met or its deadline passed (`due < now`), and on time when `metAt <= due`: the same states as
 * computeClocks, evaluated by the database at the report's own time. A clock that stopped unmet before its
 * deadline (a withdrawal), or is paused, has no `due`.
 */
export function clockRecords(c: Clocks): { byName: Record<ClockName, ClockRecord>; earlierBreaches: number } {
  const latest = new Map<ClockName, Clock>()
  for (const clock of c.clocks) latest.set(clock.name, clock)
  const byName = Object.fromEntries(
    CLOCK_NAMES.map((name) => {
      const clock = latest.get(name)
      // A paused clock has no deadline while paused: its date moves every day, and the event that resumes it reprojects.
      const noDeadline = !clock || clock.state === 'stopped' || clock.state === 'paused'
      const record: ClockRecord = noDeadline
        ? { due: null, metAt: null }
        : { due: clock.dueAt, metAt: clock.metAt ?? null }
      return [name, record]
    }),
  ) as Record<ClockName, ClockRecord>
  const reported = new Set(latest.values())
  const earlierBreaches = c.clocks.filter((clock) => !reported.has(clock) && isBreached(clock.state)).length
  return { byName, earlierBreaches }
}
