import { describe, expect, it } from 'vitest'
import {
  admitEvents,
  checkEventClock,
  CLOCK_SKEW_WARN_MS,
  clockOffset,
  correctedNowMs,
  describeSkew,
  isClockSkewed,
  parseEvent,
  receiptInFuture,
} from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { ACTOR, eventFactory, RECORDED } from '../support/eventFactory'

const DAY = 86_400_000
const TRUE_NOW = Date.parse('2026-11-20T02:00:00Z')

describe('the tablet’s clock against the centre’s', () => {
  it('measures the offset at the middle of the round trip', () => {
    // Three days slow: the tablet thinks it is three days earlier than it is.
    const sentAtMs = TRUE_NOW - 3 * DAY
    expect(
      clockOffset({ sentAtMs, receivedAtMs: sentAtMs + 400, serverTime: new Date(TRUE_NOW + 200).toISOString() }),
    ).toBe(3 * DAY)
    expect(clockOffset({ sentAtMs: 0, receivedAtMs: 10, serverTime: 'not a date' })).toBeNull()
  })

  it('leaves a round trip’s noise alone and corrects a clock past a few minutes off', () => {
    expect(isClockSkewed(60_000)).toBe(false)
    expect(correctedNowMs(TRUE_NOW, 60_000)).toBe(TRUE_NOW)
    expect(isClockSkewed(CLOCK_SKEW_WARN_MS + 1)).toBe(true)
    expect(correctedNowMs(TRUE_NOW - 3 * DAY, 3 * DAY)).toBe(TRUE_NOW)
    expect(correctedNowMs(TRUE_NOW + 2 * DAY, -2 * DAY)).toBe(TRUE_NOW)
  })

  it('says how far off, slow or fast, in the largest whole unit', () => {
    expect(describeSkew(3 * DAY)).toEqual({ direction: 'slow', amount: 3, unit: 'days' })
    expect(describeSkew(-2 * DAY)).toEqual({ direction: 'fast', amount: 2, unit: 'days' })
    expect(describeSkew(-5 * 3_600_000)).toEqual({ direction: 'fast', amount: 5, unit: 'hours' })
    expect(describeSkew(7 * 60_000)).toEqual({ direction: 'slow', amount: 7, unit: 'minutes' })
  })

  it('calls a receipt in the future only beyond the minute it was typed to', () => {
    expect(receiptInFuture(new Date(TRUE_NOW + 60_000).toISOString(), TRUE_NOW)).toBe(false)
    expect(receiptInFuture(new Date(TRUE_NOW + 2 * DAY).toISOString(), TRUE_NOW)).toBe(true)
  })
})

describe('the centre refuses a receipt in the future, whatever the tablet’s clock said', () => {
  const fastTablet = eventFactory({ start: TRUE_NOW + 2 * DAY })
  // A tablet two days fast prefilled its own "now": the receipt and the event's clock agree with each other.
  const recorded = fastTablet.make({
    type: 'complaint.recorded',
    payload: { ...RECORDED, receivedAt: new Date(TRUE_NOW + 2 * DAY).toISOString() },
  })

  it('in checkEventClock: refused, not deferred until the centre’s time catches up', () => {
    expect(checkEventClock(recorded, TRUE_NOW, undefined)).toBe('receivedInFuture')
    const honest = eventFactory({ start: TRUE_NOW }).make({
      type: 'complaint.recorded',
      payload: { ...RECORDED, receivedAt: new Date(TRUE_NOW).toISOString() },
    })
    expect(checkEventClock(honest, TRUE_NOW, undefined)).toBe('ok')
  })

  it('in admitEvents, the one intake rule the server calls', () => {
    const parsed = parseEvent(JSON.parse(JSON.stringify(recorded)) as unknown)
    const admission = admitEvents([recorded.id], [parsed as { ok: true; value: ComplaintEvent }], {
      device: { deviceId: ACTOR.deviceId, branchId: recorded.branchId },
      nowMs: TRUE_NOW,
      staff: new Map([[ACTOR.staffId, { role: 'manager', names: [ACTOR.staffName] }]]),
      stored: new Map(),
      complaints: new Map(),
    })
    expect(admission.results).toEqual([expect.objectContaining({ status: 'rejected', reason: 'receivedInFuture' })])
    expect(admission.accepted).toEqual([])
  })
})
