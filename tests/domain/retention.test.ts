import { describe, expect, it } from 'vitest'
import { deadlinePolicySchema, DEFAULT_POLICY, encodeHlc, leavesTablet, RETENTION } from '@/domain'
import type { RetentionFacts } from '@/domain'

const DAY = 86_400_000
const closedAt = '2026-06-01T10:00:00+08:00'
const closedMs = Date.parse(closedAt)
const closed = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
  status: 'closed',
  finishedAt: closedAt,
  lastHlc: encodeHlc({ wall: closedMs, counter: 0, node: 'tab-a' }),
  unsyncedEvents: 0,
  ...over,
})
const policy = { retentionDays: 90, reviewWindowDays: 30 }

describe('a finished complaint leaves the tablet', () => {
  it('only once more than N days have passed since it was closed: exactly N days keeps it', () => {
    expect(leavesTablet(closed(), closedMs + 90 * DAY, policy)).toBe(false)
    expect(leavesTablet(closed(), closedMs + 90 * DAY + 1, policy)).toBe(true)
    expect(leavesTablet(closed(), closedMs + 10 * DAY, policy)).toBe(false)
  })

  it('never while an event of it waits in the outbox (rejected ones included)', () => {
    expect(leavesTablet(closed({ unsyncedEvents: 1 }), closedMs + 400 * DAY, policy)).toBe(false)
  })

  it('never when reopened (it is open again), and a withdrawn one like a closed one', () => {
    expect(leavesTablet(closed({ status: 'inProgress', finishedAt: undefined }), closedMs + 400 * DAY, policy)).toBe(
      false,
    )
    expect(leavesTablet(closed({ status: 'new' }), closedMs + 400 * DAY, policy)).toBe(false)
    expect(leavesTablet(closed({ status: 'withdrawn' }), closedMs + 91 * DAY, policy)).toBe(true)
  })

  it('counts from its last event: a note after the closing keeps it N more days', () => {
    const noted = closed({ lastHlc: encodeHlc({ wall: closedMs + 20 * DAY, counter: 0, node: 'tab-a' }) })
    expect(leavesTablet(noted, closedMs + 100 * DAY, policy)).toBe(false)
    expect(leavesTablet(noted, closedMs + 110 * DAY + 1, policy)).toBe(true)
  })

  it('never before the customer’s window to ask for a review has passed', () => {
    expect(leavesTablet(closed(), closedMs + 40 * DAY, { retentionDays: 30, reviewWindowDays: 60 })).toBe(false)
    expect(leavesTablet(closed(), closedMs + 60 * DAY + 1, { retentionDays: 30, reviewWindowDays: 60 })).toBe(true)
  })
})

describe('the retention setting', () => {
  it('defaults to 90 days and is bounded to 30–3650 at the centre', () => {
    expect(DEFAULT_POLICY.retentionDays).toBe(90)
    const { retentionDays: _, ...stored } = DEFAULT_POLICY
    expect(deadlinePolicySchema.parse(stored).retentionDays).toBe(RETENTION.defaultDays)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, retentionDays: 29 }).success).toBe(false)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, retentionDays: 3651 }).success).toBe(false)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, retentionDays: 30 }).success).toBe(true)
    expect(deadlinePolicySchema.safeParse({ ...DEFAULT_POLICY, retentionDays: 3650 }).success).toBe(true)
  })
})
