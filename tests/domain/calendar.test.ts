import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import {
  addDays,
  addNaturalDays,
  addWorkingDays,
  buildCalendar,
  chinaDate,
  hasPublishedSchedule,
  isProvisional,
  isWorkingDay,
  STATUTORY_CALENDAR,
  workingDaysBetween,
} from '@/domain'
import { legalHolidays } from '@/domain/calendar/legalHolidays'

const CAL_2027 = buildCalendar({
  // What an administrator would enter from the 2027 State Council notice (New Year 2027-01-01 … 03, make-up 2027-01-04 is not one; illustrative).
  entries: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-20', kind: 'workday', name: '春节调休' },
  ],
  publishedYears: [2027],
})

describe('isWorkingDay', () => {
  it.each([
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-15', false, 'Spring Festival'],
    ['2026-02-23', false, 'Spring Festival, a Monday'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, 'Spring Festival make-up Saturday'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-05-01', false, 'Labour Day'],
    ['2026-05-05', false, 'Labour Day, a Tuesday'],
    ['2026-05-09', true, 'Labour Day make-up Saturday'],
    ['2026-09-20', true, 'National Day make-up Sunday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day, a Wednesday'],
    ['2026-10-10', true, 'National Day make-up Saturday'],
    ['2026-12-31', true, 'ordinary Thursday'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected)
  })
})

describe('addWorkingDays', () => {
  it.each([
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-12', 15, '2026-03-11'],
    ['2026-04-30', 1, '2026-05-06'],
    ['2026-05-08', 1, '2026-05-09'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-03', 15, '2026-10-27'],
    ['2026-09-18', 3, '2026-09-22'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected)
  })

  it('does not count the start day', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03')
  })

  it('crosses into a year without a published schedule with the holidays the law fixes, marked provisional', () => {
    // 1 January 2027 is a Friday and New Year's Day: not a working day even before the State Council's notice.
    expect(isWorkingDay('2027-01-01')).toBe(false)
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04')
    expect(hasPublishedSchedule(2026)).toBe(true)
    expect(hasPublishedSchedule(2027)).toBe(false)
    expect(isProvisional('2026-12-20', '2027-01-15')).toBe(true)
    expect(isProvisional('2026-12-01', '2026-12-31')).toBe(false)
  })

  it('uses a centrally added 2027 schedule, which is then no longer provisional', () => {
    expect(addWorkingDays('2026-12-31', 1, CAL_2027)).toBe('2027-01-04')
    // The entered schedule replaces the law's computed days: 2/5 (Spring Festival eve) is not in CAL_2027.
    expect(isWorkingDay('2027-02-05', CAL_2027)).toBe(true)
    expect(isWorkingDay('2027-02-20', CAL_2027)).toBe(true)
    expect(hasPublishedSchedule(2027, CAL_2027)).toBe(true)
    expect(isProvisional('2026-12-20', '2027-01-15', CAL_2027)).toBe(false)
  })

  it('refuses a count below one', () => {
    expect(() => addWorkingDays('2026-03-02', 0)).toThrow(/≥ 1/)
  })
})

describe('the statutory holidays of a year without a published schedule (全国年节及纪念日放假办法)', () => {
  it('computes 2027 from the law: New Year, Spring Festival eve and three days, Qingming, 1–2 May, Dragon Boat, Mid-Autumn, 1–3 October', () => {
    expect([...legalHolidays(2027).keys()].sort()).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ])
    for (const d of legalHolidays(2027).keys()) expect(isWorkingDay(d)).toBe(false)
    // No make-up arrangement is guessed: a weekday next to a holiday is a working day until the schedule says otherwise.
    expect(isWorkingDay('2027-02-09')).toBe(true)
    expect(isWorkingDay('2027-10-04')).toBe(true)
  })

  it.each([2025, 2026])('matches the published %i schedule: every day the law fixes is a holiday in it', (year) => {
    for (const [date, name] of legalHolidays(year)) {
      expect(STATUTORY_CALENDAR.holidays.get(date), `${date} ${name}`).toBe(name)
    }
  })
})

describe('natural-day periods (Civil Code Art. 201, 203)', () => {
  it.each([
    ['2026-03-02', 15, '2026-03-17'],
    ['2026-09-20', 15, '2026-10-08'],
    ['2026-04-16', 15, '2026-05-06'],
    ['2026-02-05', 15, '2026-02-24'],
    ['2026-03-06', 15, '2026-03-23'],
  ])('%s + %i days ends %s (moved past a holiday or rest day)', (date, n, expected) => {
    expect(addNaturalDays(date, n)).toBe(expected)
  })
})

describe('properties', () => {
  const date = fc.integer({ min: 0, max: 8000 }).map((n) => addDays('2004-01-01', n))
  const count = fc.integer({ min: 1, max: 60 })

  it('addWorkingDays is strictly increasing in n, lands on a working day, and counting back gives n', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const a = addWorkingDays(d, n)
        const b = addWorkingDays(d, n + 1)
        expect(b > a).toBe(true)
        expect(isWorkingDay(a)).toBe(true)
        expect(workingDaysBetween(d, a)).toBe(n)
      }),
      { numRuns: 300 },
    )
  })
})

describe('time zones', () => {
  const original = process.env.TZ
  afterEach(() => {
    process.env.TZ = original
  })

  it.each(['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'UTC'])(
    'gives the same answers on a tablet set to %s',
    (tz) => {
      process.env.TZ = tz
      expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14')
      expect(addNaturalDays('2026-09-20', 15)).toBe('2026-10-08')
      // 00:30 on 3 March in Beijing is still 2 March in UTC and in Los Angeles: the bank's date is China's.
      expect(chinaDate('2026-03-02T16:30:00Z')).toBe('2026-03-03')
      expect(chinaDate('2026-03-02T23:30:00+08:00')).toBe('2026-03-02')
    },
  )
})
