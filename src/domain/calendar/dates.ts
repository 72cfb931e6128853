/** Calendar dates as `YYYY-MM-DD` strings: plain arithmetic in UTC, so no tablet time zone can shift a day. */
export type IsoDate = string

const DAY_MS = 86_400_000
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

// Every deadline walks day by day through the calendar: a date once checked is remembered (only real dates are, so
// the map holds at most the few tens of thousands of days a complaint can have).
const checked = new Map<IsoDate, number>()

function toMs(date: IsoDate): number {
  const known = checked.get(date)
  if (known !== undefined) return known
  if (!ISO_DATE.test(date)) throw new Error(`Not a date (YYYY-MM-DD): ${date}`)
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`No such date: ${date}`)
  checked.set(date, ms)
  return ms
}

// Deadlines step a day at a time: the next day of a date is remembered like the date itself.
const nextDay = new Map<IsoDate, IsoDate>()

export function addDays(date: IsoDate, n: number): IsoDate {
  if (n === 1) {
    const known = nextDay.get(date)
    if (known !== undefined) return known
  }
  const out = new Date(toMs(date) + n * DAY_MS).toISOString().slice(0, 10)
  if (n === 1) nextDay.set(date, out)
  return out
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(toMs(date)).getUTCDay()
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4))
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS)
}
