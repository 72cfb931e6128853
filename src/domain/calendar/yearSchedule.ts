import { z } from 'zod'
import { boundedDate } from '../text/dateBounds'
import { safeString } from '../text/safeText'
import { addDays, daysBetween, weekday, yearOf } from './dates'
import type { IsoDate } from './dates'
import { hasPublishedSchedule, holidayOn, isWorkingDay } from './workCalendar'
import type { CalendarOverride, CalendarOverrides, WorkCalendar } from './workCalendar'

/**
 * One year's holiday arrangements as the State Council's notice states them: holiday ranges ("春节：2月5日至13日放假")
 * and make-up working days ("2月20日（星期六）上班"). Stored as the calendar overrides every tablet already applies.
 */
export interface HolidayRange {
  name: string
  from: IsoDate
  to: IsoDate
}
export interface MakeUpDay {
  name: string
  date: IsoDate
}
export interface YearSchedule {
  year: number
  holidays: HolidayRange[]
  makeUpDays: MakeUpDay[]
  /** The whole year's schedule is entered: its deadlines are no longer provisional. */
  published: boolean
}

const name = () => safeString().trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' })
export const yearScheduleSchema = z.object({
  year: z.int().min(2000).max(2100),
  holidays: z.array(z.object({ name: name(), from: boundedDate(), to: boundedDate() })).max(40),
  makeUpDays: z.array(z.object({ name: name(), date: boundedDate() })).max(40),
  published: z.boolean(),
})

/** Every problem scheduleProblems can find: the console explains each (its messages are checked against this list). */
export const SCHEDULE_PROBLEM_CODES = [
  'outsideYear',
  'rangeBackwards',
  'rangeTooLong',
  'overlap',
  'makeUpOnWeekday',
  'makeUpInHoliday',
  'duplicate',
] as const
export type ScheduleProblem = { path: (string | number)[]; code: (typeof SCHEDULE_PROBLEM_CODES)[number] }

/** A holiday never lasts longer than this in a State Council notice (the longest, Spring Festival, is 9 days). */
const MAX_RANGE_DAYS = 15

/** What is wrong with a schedule as entered, each with the field it concerns; empty when it can be saved. */
export function scheduleProblems(s: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = []
  const holidayDates = new Map<IsoDate, number>()
  s.holidays.forEach((h, i) => {
    if (yearOf(h.from) !== s.year) problems.push({ path: ['holidays', i, 'from'], code: 'outsideYear' })
    if (yearOf(h.to) !== s.year) problems.push({ path: ['holidays', i, 'to'], code: 'outsideYear' })
    const length = daysBetween(h.from, h.to)
    if (length < 0) return problems.push({ path: ['holidays', i, 'to'], code: 'rangeBackwards' })
    if (length >= MAX_RANGE_DAYS) return problems.push({ path: ['holidays', i, 'to'], code: 'rangeTooLong' })
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      if (holidayDates.has(d)) {
        problems.push({ path: ['holidays', i, 'from'], code: 'overlap' })
        break
      }
      holidayDates.set(d, i)
    }
  })
  const seen = new Set<IsoDate>()
  s.makeUpDays.forEach((m, i) => {
    if (yearOf(m.date) !== s.year) problems.push({ path: ['makeUpDays', i, 'date'], code: 'outsideYear' })
    else if (holidayDates.has(m.date)) problems.push({ path: ['makeUpDays', i, 'date'], code: 'makeUpInHoliday' })
    else if (weekday(m.date) !== 0 && weekday(m.date) !== 6)
      problems.push({ path: ['makeUpDays', i, 'date'], code: 'makeUpOnWeekday' })
    if (seen.has(m.date)) problems.push({ path: ['makeUpDays', i, 'date'], code: 'duplicate' })
    seen.add(m.date)
  })
  return problems
}

/** The year's schedule as the overrides hold it: consecutive holidays of one name become one range. */
export function scheduleOfYear(overrides: CalendarOverrides, year: number): YearSchedule {
  const entries = overrides.entries.filter((e) => yearOf(e.date) === year).sort((a, b) => a.date.localeCompare(b.date))
  const holidays: HolidayRange[] = []
  for (const e of entries.filter((x) => x.kind === 'holiday')) {
    const last = holidays.at(-1)
    if (last && last.name === e.name && addDays(last.to, 1) === e.date) last.to = e.date
    else holidays.push({ name: e.name, from: e.date, to: e.date })
  }
  const makeUpDays = entries.filter((x) => x.kind === 'workday').map((e) => ({ name: e.name, date: e.date }))
  return { year, holidays, makeUpDays, published: overrides.publishedYears.includes(year) }
}

/** The overrides with this year's entries replaced by the schedule's (other years untouched). */
export function withSchedule(overrides: CalendarOverrides, s: YearSchedule): CalendarOverrides {
  const entries: CalendarOverride[] = overrides.entries.filter((e) => yearOf(e.date) !== s.year)
  for (const h of s.holidays)
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) entries.push({ date: d, kind: 'holiday', name: h.name })
  for (const m of s.makeUpDays) entries.push({ date: m.date, kind: 'workday', name: m.name })
  entries.sort((a, b) => a.date.localeCompare(b.date))
  const others = overrides.publishedYears.filter((y) => y !== s.year)
  return { entries, publishedYears: (s.published ? [...others, s.year] : others).sort((a, b) => a - b) }
}

export type DayKind = 'work' | 'rest' | 'holiday' | 'makeUp'

/** A day as the tablets count it: a working day, a weekend, a statutory holiday or a make-up working day. */
export function dayKind(date: IsoDate, calendar: WorkCalendar): { kind: DayKind; name?: string } {
  const weekend = weekday(date) === 0 || weekday(date) === 6
  const holiday = holidayOn(date, calendar)
  if (holiday !== undefined) return { kind: 'holiday', name: holiday }
  if (weekend && isWorkingDay(date, calendar)) return { kind: 'makeUp', name: calendar.workdays.get(date) }
  return { kind: isWorkingDay(date, calendar) ? 'work' : 'rest' }
}

/** Counts of the year's days by kind, and whether its schedule is only provisional (the law's holidays, no make-up days). */
export function yearSummary(year: number, calendar: WorkCalendar): Record<DayKind, number> & { provisional: boolean } {
  const counts: Record<DayKind, number> = { work: 0, rest: 0, holiday: 0, makeUp: 0 }
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) counts[dayKind(d, calendar).kind]++
  return { ...counts, provisional: !hasPublishedSchedule(year, calendar) }
}
