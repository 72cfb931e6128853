import { chinaDate } from '../chinaTime'
import { daysBetween } from '../calendar/dates'
import type { IsoDate } from '../calendar/dates'
import type { ComplaintState } from './state'

/** A stretch of China dates excluded from the clocks: the day a pause began up to the day it ended (or today). */
export interface PausedSpan {
  from: IsoDate
  to: IsoDate
}

/**
 * The complaint's pauses as disjoint spans of China dates, each clamped to the days the complaint has existed
 * (from its receipt up to today). A pause dated before the receipt excludes nothing before it, overlapping pauses
 * count their days once, and the work that follows is bounded by the complaint's age, not by what the events say:
 * a thousand pauses, or one dated 1970, cost no more than the days since the complaint was received.
 */
export function pausedSpans(s: ComplaintState, today: IsoDate): PausedSpan[] {
  const received = chinaDate(s.receivedAt)
  const clamp = (d: IsoDate) => (d < received ? received : d > today ? today : d)
  const spans = s.pauses
    .map((p) => ({ from: clamp(chinaDate(p.at)), to: clamp(p.resumedAt ? chinaDate(p.resumedAt) : today) }))
    .filter((p) => p.from < p.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  const merged: PausedSpan[] = []
  for (const span of spans) {
    const last = merged.at(-1)
    if (last && span.from <= last.to) last.to = span.to > last.to ? span.to : last.to
    else merged.push({ ...span })
  }
  return merged
}

/** Natural days excluded by pauses: the days after each span's start up to its end. */
export function pausedNaturalDays(spans: readonly PausedSpan[]): number {
  return spans.reduce((n, p) => n + daysBetween(p.from, p.to), 0)
}
