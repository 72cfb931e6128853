import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, deadlinePolicySchema, IDLE_LOCK_MS, idleLockTiming } from '@/domain'

describe('when a quiet tablet locks', () => {
  it('in the hall: after five minutes, without asking', () => {
    expect(idleLockTiming(false)).toEqual({ lockAfterMs: IDLE_LOCK_MS, warnAfterMs: null })
    expect(IDLE_LOCK_MS).toBe(5 * 60_000)
  })

  it('during the script: later (15 minutes unless set centrally), asking "still there?" a minute before', () => {
    expect(idleLockTiming(true)).toEqual({ lockAfterMs: 15 * 60_000, warnAfterMs: 14 * 60_000 })
    expect(idleLockTiming(true, 30)).toEqual({ lockAfterMs: 30 * 60_000, warnAfterMs: 29 * 60_000 })
    // Out of bounds from an old or damaged setting: kept within 5–60 minutes.
    expect(idleLockTiming(true, 1).lockAfterMs).toBe(5 * 60_000)
    expect(idleLockTiming(true, 600).lockAfterMs).toBe(60 * 60_000)
    expect(idleLockTiming(true, Number.NaN).lockAfterMs).toBe(15 * 60_000)
  })

  it('is set centrally with the policy: 5 to 60 minutes, 15 for a policy saved before it existed', () => {
    expect(DEFAULT_POLICY.scriptIdleLockMinutes).toBe(15)
    const { scriptIdleLockMinutes: _, ...older } = DEFAULT_POLICY
    expect(deadlinePolicySchema.parse(older).scriptIdleLockMinutes).toBe(15)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, scriptIdleLockMinutes: 4 }).success).toBe(false)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, scriptIdleLockMinutes: 61 }).success).toBe(false)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, scriptIdleLockMinutes: 7.5 }).success).toBe(false)
    expect(deadlinePolicySchema.parse({ ...DEFAULT_POLICY, scriptIdleLockMinutes: 60 }).scriptIdleLockMinutes).toBe(60)
  })
})
