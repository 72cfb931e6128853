import statutory from 'chinese-days/dist/chinese-days.json'
import { addDays, daysBetween, weekday, yearOf } from './dates'
import type { IsoDate } from './dates'
import { legalHolidays } from './legalHolidays'

/** A date an administrator declared a holiday or a working day (next year's State Council schedule, a local closure). */
export interface CalendarOverride {
  date: IsoDate
  kind: 'holiday' | 'workday'
  name: string
}

export interface CalendarOverrides {
  entries: CalendarOverride[]
  /** Years whose whole schedule has been entered centrally, so deadlines in them are no longer provisional. */
  publishedYears: number[]
}

export interface WorkCalendar {
  holidays: ReadonlyMap<IsoDate, string>
  workdays: ReadonlyMap<IsoDate, string>
  publishedYears: ReadonlySet<number>
}

interface StatutoryData {
  holidays: Record<IsoDate, string>
  workdays: Record<IsoDate, string>
}

/** chinese-days stores "English,中文,n"; keep the Chinese name. */
function holidayName(raw: string): string {
  return raw.split(',')[1] ?? raw
}

function fromStatutory(data: StatutoryData): WorkCalendar {
  const holidays = new Map(Object.entries(data.holidays).map(([d, n]) => [d, holidayName(n)]))
  const workdays = new Map(Object.entries(data.workdays).map(([d, n]) => [d, holidayName(n)]))
  // chinese-days treats a year it has no data for as plain weekdays; we only trust the years it holds (and compute
  // the legal holidays of the others, see isWorkingDay).
  const publishedYears = new Set([...holidays.keys()].map(yearOf))
  return { holidays, workdays, publishedYears }
}

/** The State Council's schedule as bundled (chinese-days, 2004–2026). */
export const STATUTORY_CALENDAR: WorkCalendar = fromStatutory(statutory as StatutoryData)

/** The statutory calendar with the bank's central overrides applied on top (an override wins). */
export function buildCalendar(overrides: CalendarOverrides, base: WorkCalendar = STATUTORY_CALENDAR): WorkCalendar {
  const holidays = new Map(base.holidays)
  const workdays = new Map(base.workdays)
  for (const o of overrides.entries) {
    if (o.kind === 'holiday') {
      holidays.set(o.date, o.name)
      workdays.delete(o.date)
    } else {
      workdays.set(o.date, o.name)
      holidays.delete(o.date)
    }
  }
  return { holidays, workdays, publishedYears: new Set([...base.publishedYears, ...overrides.publishedYears]) }
}

/**
 * A make-up working day (调休) is a working day even on a weekend; a statutory holiday never is. In a year without a
 * published schedule the holidays the law fixes still apply (legalHolidays); only its make-up days are unknown.
 */
export function isWorkingDay(date: IsoDate, calendar: WorkCalendar = STATUTORY_CALENDAR): boolean {
  if (calendar.workdays.has(date)) return true
  if (calendar.holidays.has(date)) return false
  const year = yearOf(date)
  if (!calendar.publishedYears.has(year) && legalHolidays(year).has(date)) return false
  const d = weekday(date)
  return d !== 0 && d !== 6
}

/** The holiday a date is, as the tablets count it (a year without a published schedule: the law's own), or undefined. */
export function holidayOn(date: IsoDate, calendar: WorkCalendar = STATUTORY_CALENDAR): string | undefined {
  if (calendar.workdays.has(date)) return undefined
  return (
    calendar.holidays.get(date) ??
    (calendar.publishedYears.has(yearOf(date)) ? undefined : legalHolidays(yearOf(date)).get(date))
  )
}

export function hasPublishedSchedule(year: number, calendar: WorkCalendar = STATUTORY_CALENDAR): boolean {
  return calendar.publishedYears.has(year)
}

/** The n-th working day after `date` (n ≥ 1); the start day is not counted, as in the Civil Code (Art. 201). */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkCalendar = STATUTORY_CALENDAR): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new Error(`addWorkingDays needs a whole number of days ≥ 1, got ${n}`)
  let d = date
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (isWorkingDay(d, calendar)) left--
  }
  return d
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar = STATUTORY_CALENDAR): number {
  let count = 0
  for (let d = addDays(from, 1); daysBetween(d, to) >= 0; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++
  return count
}

/** The first working day on or after `date`. */
export function nextWorkingDayFrom(date: IsoDate, calendar: WorkCalendar = STATUTORY_CALENDAR): IsoDate {
  let d = date
  while (!isWorkingDay(d, calendar)) d = addDays(d, 1)
  return d
}

/**
 * A period of n natural days (2020 rule Art. 43: every 日 is a natural day): the start day is not counted and a
 * period whose last day is a statutory holiday or rest day ends on the next working day (Civil Code Art. 201, 203).
 */
export function addNaturalDays(date: IsoDate, n: number, calendar: WorkCalendar = STATUTORY_CALENDAR): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new Error(`addNaturalDays needs a whole number of days ≥ 1, got ${n}`)
  return nextWorkingDayFrom(addDays(date, n), calendar)
}

/** True when any year from `from` to `to` has no published schedule: a deadline in it may still move. */
export function isProvisional(from: IsoDate, to: IsoDate, calendar: WorkCalendar = STATUTORY_CALENDAR): boolean {
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!hasPublishedSchedule(y, calendar)) return true
  return false
}
