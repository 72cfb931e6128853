/**
 * The bank works in China time (UTC+8, no daylight saving) whatever time zone a tablet or the server is set to,
 * so times typed into and shown by the app are China wall-clock times, and a "day" is a China calendar day.
 *
 * Every China-day boundary is made here, from numbers: nothing else builds `+08:00` text. Instants are compared
 * as numbers (Date.parse), never as ISO text: `2026-03-17T17:00:00+08:00` and `2026-03-17T09:00:00.000Z` are the
 * same instant and sort differently as strings.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Milliseconds of an instant given as ISO text or a Date; NaN for text that is not a time. */
export function instantMs(t: string | Date): number {
  return typeof t === 'string' ? Date.parse(t) : t.getTime()
}

/** `YYYY-MM-DDTHH:mm` in China time, the value format of an `<input type="datetime-local">`. */
export function toChinaLocalInput(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

/** The ISO instant (UTC) for a China wall-clock `YYYY-MM-DDTHH:mm`; null when the text is not such a time. */
export function fromChinaLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - CHINA_OFFSET_MS
  // Reject times that do not exist (2026-02-30 would roll over to March 2).
  return Number.isNaN(ms) || toChinaLocalInput(new Date(ms)) !== value ? null : new Date(ms).toISOString()
}

/** The China calendar date `YYYY-MM-DD` of an instant. */
export function chinaDate(t: string | Date | number): string {
  const ms = typeof t === 'number' ? t : instantMs(t)
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The first millisecond of a China calendar day. */
export function startOfChinaDay(date: string): number {
  const m = DATE.exec(date)
  if (!m) throw new Error(`Not a date (YYYY-MM-DD): ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS
}

/** The last millisecond of a China calendar day: a deadline "by the end of" that day. */
export function endOfChinaDay(date: string): number {
  return startOfChinaDay(date) + DAY_MS - 1
}

/** A range of China dates (inclusive) as UTC instants: [start of `from`, start of the day after `to`). */
export function chinaDayRange(from: string, to: string): { from: string; to: string } {
  return {
    from: new Date(startOfChinaDay(from)).toISOString(),
    to: new Date(startOfChinaDay(to) + DAY_MS).toISOString(),
  }
}
