/**
 * When a quiet tablet locks. In the banking hall it locks after five quiet minutes, so nobody else reads the
 * complaints on it. During the seven-step script the manager listens to the customer for minutes without a touch:
 * there the lock waits longer (set centrally, `scriptIdleLockMinutes`) and first asks, discreetly, whether anyone is
 * still there — a lock in the middle of the conversation, in front of the customer, is worse than useless.
 */
export const IDLE_LOCK_MS = 5 * 60_000
export const SCRIPT_IDLE_LOCK = { defaultMinutes: 15, minMinutes: 5, maxMinutes: 60 } as const
/** How long before the lock the "still there?" prompt shows. */
export const STILL_THERE_LEAD_MS = 60_000

export interface IdleLockTiming {
  /** Lock after this long without a touch or a key. */
  lockAfterMs: number
  /** Ask "still there?" after this long, or never. */
  warnAfterMs: number | null
}

export function idleLockTiming(
  inScript: boolean,
  scriptMinutes: number = SCRIPT_IDLE_LOCK.defaultMinutes,
): IdleLockTiming {
  if (!inScript) return { lockAfterMs: IDLE_LOCK_MS, warnAfterMs: null }
  const minutes = Number.isFinite(scriptMinutes)
    ? Math.min(SCRIPT_IDLE_LOCK.maxMinutes, Math.max(SCRIPT_IDLE_LOCK.minMinutes, Math.round(scriptMinutes)))
    : SCRIPT_IDLE_LOCK.defaultMinutes
  const lockAfterMs = minutes * 60_000
  return { lockAfterMs, warnAfterMs: lockAfterMs - STILL_THERE_LEAD_MS }
}
