import { z } from 'zod'

/**
 * A customer's signature drawn on the tablet, kept as vector strokes (not an image): small, exact at any print size,
 * and checkable by the centre. Each stroke is a flat list of whole-pixel points `[x0, y0, x1, y1, …]` on a pad of
 * `w` × `h`. Bounded so one event stays small whatever a finger (or a forged push) does: a signature is a few
 * dozen strokes of a few hundred points.
 */
export const SIGNATURE_LIMITS = { width: 1200, height: 600, strokes: 60, points: 3000 } as const

export interface Signature {
  w: number
  h: number
  strokes: number[][]
}

const side = (max: number) =>
  z.int({ error: 'signatureBounds' }).min(50, { error: 'signatureBounds' }).max(max, { error: 'signatureBounds' })

/** Why a signature cannot be stored, or null (the same answer on the tablet and at the centre). */
export function signatureProblem(s: Signature): 'signatureEmpty' | 'signatureTooLarge' | 'signatureBounds' | null {
  if (s.strokes.length === 0) return 'signatureEmpty'
  if (s.strokes.length > SIGNATURE_LIMITS.strokes) return 'signatureTooLarge'
  let points = 0
  for (const stroke of s.strokes) {
    if (stroke.length < 2 || stroke.length % 2 !== 0) return 'signatureBounds'
    points += stroke.length / 2
    for (let i = 0; i < stroke.length; i += 2) {
      const x = stroke[i]!
      const y = stroke[i + 1]!
      if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x > s.w || y > s.h) return 'signatureBounds'
    }
  }
  return points > SIGNATURE_LIMITS.points ? 'signatureTooLarge' : null
}

export const signatureSchema = () =>
  z
    .object({
      w: side(SIGNATURE_LIMITS.width),
      h: side(SIGNATURE_LIMITS.height),
      // Array sizes are capped before any point is looked at, so a forged push costs nothing to refuse.
      strokes: z
        .array(z.array(z.number()).max(SIGNATURE_LIMITS.points * 2, { error: 'signatureTooLarge' }))
        .max(SIGNATURE_LIMITS.strokes, { error: 'signatureTooLarge' }),
    })
    .superRefine((s, ctx) => {
      const problem = signatureProblem(s)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['strokes'] })
    })

/**
 * Adds a point to the stroke being drawn, as the pad sees it (any number, anywhere): rounded and clamped to the pad,
 * a point within 2 px of the last one dropped (a resting finger adds nothing). False when the signature is full:
 * the pad stops taking points rather than making a signature the centre would refuse.
 */
export function addPoint(s: Signature, x: number, y: number, newStroke: boolean): boolean {
  const total = s.strokes.reduce((n, st) => n + st.length / 2, 0)
  if (total >= SIGNATURE_LIMITS.points) return false
  if (newStroke && s.strokes.length >= SIGNATURE_LIMITS.strokes) return false
  const px = Math.min(s.w, Math.max(0, Math.round(x)))
  const py = Math.min(s.h, Math.max(0, Math.round(y)))
  if (newStroke || s.strokes.length === 0) {
    s.strokes.push([px, py])
    return true
  }
  const stroke = s.strokes.at(-1)!
  const lx = stroke.at(-2)!
  const ly = stroke.at(-1)!
  if (Math.hypot(px - lx, py - ly) < 2) return true
  stroke.push(px, py)
  return true
}

/** The strokes as an SVG path (`M x y L x y …`), for showing and printing the signature at any size. */
export function signaturePath(s: Signature): string {
  return s.strokes
    .map((st) => {
      const pts: string[] = []
      for (let i = 0; i < st.length; i += 2) pts.push(`${i === 0 ? 'M' : 'L'}${st[i]} ${st[i + 1]}`)
      // A dot (one point) still shows.
      if (st.length === 2) pts.push(`L${st[0]! + 0.5} ${st[1]}`)
      return pts.join(' ')
    })
    .join(' ')
}
