import { chinaDate, instantMs } from '../chinaTime'
import type { ComplaintState } from './state'

type Pause = ComplaintState['pauses'][number]

/**
 * The pauses the clocks count, made safe and small before any day is counted: each starts no earlier than its
 * round's clock (a pause dated before the receipt excludes nothing before it), a closed pause that began and ended on
 * one China date moves no deadline and is dropped, and pauses that overlap (two tablets pausing offline) become one.
 * So the clocks' work is bounded by the days a round has lasted, not by how many pause events there are or what
 * dates they claim — a thousand pauses, or one dated 1970, cost no more than the complaint's age.
 */
export function countedPauses(pauses: readonly Pause[], roundStarts: ReadonlyMap<number, string>): Pause[] {
  const byRound = new Map<number, Pause[]>()
  for (const p of pauses) {
    const start = roundStarts.get(p.round)
    if (start === undefined) continue
    const at = instantMs(p.at) < instantMs(start) ? start : p.at
    if (p.resumedAt && instantMs(p.resumedAt) <= instantMs(at)) continue
    if (p.resumedAt && chinaDate(p.resumedAt) === chinaDate(at)) continue
    byRound.set(p.round, [...(byRound.get(p.round) ?? []), { ...p, at }])
  }
  const out: Pause[] = []
  for (const list of byRound.values()) {
    list.sort((a, b) => instantMs(a.at) - instantMs(b.at))
    let current: Pause | undefined
    for (const p of list) {
      if (current && (!current.resumedAt || instantMs(p.at) <= instantMs(current.resumedAt))) {
        // Overlapping: one pause, open if either is, to the later end.
        current.resumedAt =
          !current.resumedAt || !p.resumedAt
            ? undefined
            : instantMs(p.resumedAt) > instantMs(current.resumedAt)
              ? p.resumedAt
              : current.resumedAt
        continue
      }
      current = { ...p }
      out.push(current)
    }
  }
  return out
}
