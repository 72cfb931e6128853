import { z } from 'zod'

/**
 * Every date a complaint carries lies in these years. A year 0000 or 9999 is never a real complaint's, and each one
 * made the clock computation throw ("Not a date +010000-01") or run for seconds; refusing them where they enter keeps
 * every later computation on sane input.
 */
export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
export const MIN_INSTANT_MS = Date.UTC(MIN_YEAR, 0, 1) - 8 * 3600_000
export const MAX_INSTANT_MS = Date.UTC(MAX_YEAR + 1, 0, 1) - 8 * 3600_000 - 1

export function isInstantInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS
}

/** An ISO date-time with an offset, between 2000 and 2100 (China time). */
export const boundedDateTime = () =>
  z.iso
    .datetime({ offset: true, error: 'invalidDateTime' })
    .refine((s) => isInstantInRange(Date.parse(s)), { error: 'dateOutOfRange' })

/** An ISO calendar date between 2000-01-01 and 2100-12-31. */
export const boundedDate = () =>
  z.iso.date({ error: 'invalidDate' }).refine(
    (s) => {
      const y = Number(s.slice(0, 4))
      return y >= MIN_YEAR && y <= MAX_YEAR
    },
    { error: 'dateOutOfRange' },
  )
