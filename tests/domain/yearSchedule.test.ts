import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  buildCalendar,
  dayKind,
  scheduleOfYear,
  scheduleProblems,
  withSchedule,
  yearSummary,
} from '@/domain'
import type { CalendarOverrides, YearSchedule } from '@/domain'

/** A 2027 schedule in the State Council notice's shape (the test's own dates, not the published notice). */
const NOTICE: YearSchedule = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeUpDays: [
    { name: '春节', date: '2027-02-20' },
    { name: '国庆节', date: '2027-10-09' },
  ],
  published: true,
}

describe('next year’s schedule entered from the State Council’s notice', () => {
  it('becomes the overrides the tablets apply, and reads back as the same ranges', () => {
    const before: CalendarOverrides = {
      entries: [
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-05-01', kind: 'holiday', name: '旧的' },
      ],
      publishedYears: [2028],
    }
    const overrides = withSchedule(before, NOTICE)
    expect(overrides.entries.filter((e) => e.date.startsWith('2027'))).toHaveLength(3 + 9 + 7 + 2)
    expect(overrides.entries.some((e) => e.name === '旧的')).toBe(false)
    expect(overrides.entries).toContainEqual({ date: '2028-01-01', kind: 'holiday', name: '元旦' })
    expect(overrides.publishedYears).toEqual([2027, 2028])
    expect(scheduleOfYear(overrides, 2027)).toEqual(NOTICE)
    expect(withSchedule(overrides, { ...NOTICE, published: false }).publishedYears).toEqual([2028])
  })

  it('moves working-day deadlines as the tablets count them: holidays skipped, a make-up Saturday counted', () => {
    const plain = buildCalendar({ entries: [], publishedYears: [] })
    const calendar = buildCalendar(withSchedule({ entries: [], publishedYears: [] }, NOTICE))
    // From Thursday 4 February 2027: five working days. Unpublished, the year keeps the law's Spring Festival
    // (除夕 to 初三, 5–8 February) and no make-up day; the notice adds its extra days and the make-up Saturday.
    expect(addWorkingDays('2027-02-04', 5, plain)).toBe('2027-02-15')
    expect(addWorkingDays('2027-02-04', 5, calendar)).toBe('2027-02-19')
    expect(addWorkingDays('2027-02-04', 6, calendar)).toBe('2027-02-20')
    expect(dayKind('2027-02-20', calendar)).toEqual({ kind: 'makeUp', name: '春节' })
    expect(dayKind('2027-02-08', calendar)).toEqual({ kind: 'holiday', name: '春节' })
    expect(dayKind('2027-02-15', calendar)).toEqual({ kind: 'work' })
    expect(dayKind('2027-02-14', calendar)).toEqual({ kind: 'rest' })
  })

  it('summarises a year and says when it is only provisional', () => {
    const plain = buildCalendar({ entries: [], publishedYears: [] })
    // The law's 13 holiday days (全国年节及纪念日放假办法), of which 7 fall on weekdays in 2027.
    expect(yearSummary(2027, plain)).toMatchObject({ provisional: true, holiday: 13, makeUp: 0, work: 254 })
    const calendar = buildCalendar(withSchedule({ entries: [], publishedYears: [] }, NOTICE))
    expect(yearSummary(2027, calendar)).toMatchObject({ provisional: false, holiday: 19, makeUp: 2 })
    // A year the bundled tables hold is published already.
    expect(yearSummary(2026, plain).provisional).toBe(false)
  })

  it('says what is wrong with a schedule before it is saved, next to the field concerned', () => {
    expect(scheduleProblems(NOTICE)).toEqual([])
    const bad: YearSchedule = {
      year: 2027,
      holidays: [
        { name: '元旦', from: '2026-12-31', to: '2027-01-02' },
        { name: '春节', from: '2027-02-13', to: '2027-02-05' },
        { name: '清明', from: '2027-04-03', to: '2027-04-05' },
        { name: '重复', from: '2027-04-05', to: '2027-04-06' },
        { name: '太长', from: '2027-07-01', to: '2027-08-01' },
      ],
      makeUpDays: [
        { name: 'x', date: '2027-04-07' },
        { name: 'y', date: '2027-04-03' },
        { name: 'z', date: '2027-04-10' },
        { name: 'z', date: '2027-04-10' },
      ],
      published: true,
    }
    expect(scheduleProblems(bad)).toEqual([
      { path: ['holidays', 0, 'from'], code: 'outsideYear' },
      { path: ['holidays', 1, 'to'], code: 'rangeBackwards' },
      { path: ['holidays', 3, 'from'], code: 'overlap' },
      { path: ['holidays', 4, 'to'], code: 'rangeTooLong' },
      { path: ['makeUpDays', 0, 'date'], code: 'makeUpOnWeekday' },
      { path: ['makeUpDays', 1, 'date'], code: 'makeUpInHoliday' },
      { path: ['makeUpDays', 3, 'date'], code: 'duplicate' },
    ])
  })
})
