import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeHlc, encodeHlc, MAX_DRIFT_MS, receiveHlc, tickHlc } from '@/domain'
import type { Hlc } from '@/domain'

describe('hybrid logical clock', () => {
  it('round-trips through its string form', () => {
    const h: Hlc = { wall: 1_772_400_000_000, counter: 42, node: 'tablet-a' }
    expect(decodeHlc(encodeHlc(h))).toEqual(h)
  })

  it('keeps moving forward when the wall clock goes back', () => {
    const a = tickHlc(null, 2_000, 'n')
    const b = tickHlc(a, 1_000, 'n')
    expect(encodeHlc(b) > encodeHlc(a)).toBe(true)
  })

  it('orders a received event before anything made after it', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e6), fc.nat(1e12), (remoteWall, counter, now) => {
        const remote: Hlc = { wall: remoteWall, counter, node: 'b' }
        const next = receiveHlc(tickHlc(null, now, 'a'), remote, now, 'a')
        if (remoteWall - now <= MAX_DRIFT_MS) expect(encodeHlc(next) > encodeHlc(remote)).toBe(true)
      }),
    )
  })

  it('does not adopt a clock far in the future', () => {
    const now = 1_000_000
    const next = receiveHlc(null, { wall: now + MAX_DRIFT_MS + 1, counter: 0, node: 'b' }, now, 'a')
    expect(next.wall).toBe(now)
  })
})
