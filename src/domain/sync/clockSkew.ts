/**
 * A tablet's clock can be days off (a cheap tablet that lost its battery, a manual setting). Each pull carries the
 * centre's time; the tablet keeps the difference and, past a few minutes, warns and uses the centre's time for what
 * it prefills and checks — a receipt dated on the wrong day changes every deadline of the complaint.
 */

/** Beyond this the header warns and forms use the corrected time; below it, a round trip's noise. */
export const CLOCK_SKEW_WARN_MS = 3 * 60_000

/** A receipt typed to the minute may lie this far ahead of the true time; further is "in the future". */
export const RECEIPT_FUTURE_TOLERANCE_MS = 5 * 60_000

/** One measurement: the tablet's clock when the pull was sent and answered, and the centre's time in the answer. */
export interface ClockSample {
  sentAtMs: number
  receivedAtMs: number
  serverTime: string
}

/**
 * How far the centre's clock is ahead of the tablet's (negative: the tablet is fast), taking the centre's time as
 * read halfway through the round trip. Null for an answer without a readable time.
 */
export function clockOffset(sample: ClockSample): number | null {
  const server = Date.parse(sample.serverTime)
  if (!Number.isFinite(server) || sample.receivedAtMs < sample.sentAtMs) return null
  return Math.round(server - (sample.sentAtMs + sample.receivedAtMs) / 2)
}

export const isClockSkewed = (offsetMs: number): boolean => Math.abs(offsetMs) > CLOCK_SKEW_WARN_MS

/** The time to use on the tablet: its own clock, corrected by the centre's once it is known to be off. */
export function correctedNowMs(tabletNowMs: number, offsetMs: number): number {
  return isClockSkewed(offsetMs) ? tabletNowMs + offsetMs : tabletNowMs
}

/** A receipt later than the true time (beyond the minute it was typed to) is refused, on the tablet and at the centre. */
export function receiptInFuture(receivedAt: string, trueNowMs: number): boolean {
  return Date.parse(receivedAt) > trueNowMs + RECEIPT_FUTURE_TOLERANCE_MS
}

export type SkewUnit = 'minutes' | 'hours' | 'days'

/** How the header says it: slow or fast, by how much, in the largest whole unit. */
export function describeSkew(offsetMs: number): { direction: 'slow' | 'fast'; amount: number; unit: SkewUnit } {
  const abs = Math.abs(offsetMs)
  const direction = offsetMs > 0 ? 'slow' : 'fast'
  if (abs >= 86_400_000) return { direction, amount: Math.round(abs / 86_400_000), unit: 'days' }
  if (abs >= 3_600_000) return { direction, amount: Math.round(abs / 3_600_000), unit: 'hours' }
  return { direction, amount: Math.round(abs / 60_000), unit: 'minutes' }
}
