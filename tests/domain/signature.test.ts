import { describe, expect, it } from 'vitest'
import { addPoint, payloadSchema, SIGNATURE_LIMITS, signaturePath, signatureProblem } from '@/domain'
import type { Signature } from '@/domain'

const sig = (strokes: number[][], w = 600, h = 240): Signature => ({ w, h, strokes })
const parse = (signature: unknown) => payloadSchema('slip.signed').safeParse({ signature })
const messageOf = (signature: unknown) => {
  const r = parse(signature)
  return r.success ? null : r.error.issues[0]!.message
}

describe('a customer’s signature', () => {
  it('is kept as whole-pixel strokes on the pad', () => {
    expect(
      messageOf(
        sig([
          [10, 10, 50, 60, 90, 20],
          [100, 100],
        ]),
      ),
    ).toBeNull()
  })

  it('is refused empty, off the pad, with half a point or a fraction, or a pad too large', () => {
    expect(messageOf(sig([]))).toBe('signatureEmpty')
    expect(messageOf(sig([[10, 10, 601, 20]]))).toBe('signatureBounds')
    expect(messageOf(sig([[-1, 10]]))).toBe('signatureBounds')
    expect(messageOf(sig([[10, 10, 20]]))).toBe('signatureBounds')
    expect(messageOf(sig([[10.5, 10]]))).toBe('signatureBounds')
    expect(messageOf(sig([[10, 10]], SIGNATURE_LIMITS.width + 1))).toBe('signatureBounds')
    expect(messageOf(sig([[10, 10]], 600, 10))).toBe('signatureBounds')
  })

  it('is refused past its size limits, however the points are spread', () => {
    const many = Array.from({ length: SIGNATURE_LIMITS.strokes + 1 }, () => [1, 1])
    expect(messageOf(sig(many))).toBe('signatureTooLarge')
    const long = Array.from({ length: 20 }, () =>
      Array.from({ length: (SIGNATURE_LIMITS.points / 20 + 1) * 2 }, () => 5),
    )
    expect(messageOf(sig(long))).toBe('signatureTooLarge')
    const huge = [Array.from({ length: SIGNATURE_LIMITS.points * 2 + 2 }, () => 5)]
    expect(messageOf(sig(huge))).toBe('signatureTooLarge')
  })

  it('the pad rounds and clamps points, drops a resting finger, and stops when full', () => {
    const s = sig([])
    expect(addPoint(s, 10.4, 20.6, true)).toBe(true)
    addPoint(s, 10.9, 21, false)
    addPoint(s, -40, 900, false)
    expect(s.strokes).toEqual([[10, 21, 0, 240]])
    for (let i = 0; i < SIGNATURE_LIMITS.points * 2; i++) addPoint(s, (i * 7) % 600, (i * 3) % 240, i % 100 === 0)
    expect(signatureProblem(s)).toBeNull()
    expect(addPoint(s, 1, 1, false)).toBe(false)
  })

  it('draws as an SVG path, a dot included', () => {
    expect(
      signaturePath(
        sig([
          [1, 2, 3, 4],
          [5, 6],
        ]),
      ),
    ).toBe('M1 2 L3 4 M5 6 L5.5 6')
  })

  it('may sign the customer’s opinion, which stays valid without one', () => {
    const opinion = payloadSchema('opinion.recorded')
    expect(opinion.safeParse({ opinion: 'satisfied' }).success).toBe(true)
    expect(opinion.safeParse({ opinion: 'satisfied', signature: sig([[1, 1, 9, 9]]) }).success).toBe(true)
    expect(opinion.safeParse({ opinion: 'satisfied', signature: sig([[1, 1, 9, 999]]) }).success).toBe(false)
  })
})
