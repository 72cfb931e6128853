import chineseDays from 'chinese-days'
import { addDays } from './dates'
import type { IsoDate } from './dates'

/**
 * The statutory holidays of a year as the law fixes them (全国年节及纪念日放假办法, as revised in force from 2025):
 * New Year's Day 1 January; the Spring Festival's eve and its first three days (lunar 12/last, 1/1–1/3); Qingming,
 * the day of the solar term; Labour Day 1–2 May; the Dragon Boat Festival (lunar 5/5); the Mid-Autumn Festival
 * (lunar 8/15); National Day 1–3 October. Only the State Council's yearly notice adds the make-up arrangement
 * (which weekend days become working days, which holidays join a weekend): a year computed from here alone is
 * provisional until its schedule is entered.
 *
 * Lunar month lengths and leap months come from chinese-days' tables (1900–2100); the date arithmetic is ours, in UTC,
 * so every machine's time zone gives the same days (tested under UTC, Asia/Shanghai and America/Los_Angeles).
 */
export function legalHolidays(year: number): ReadonlyMap<IsoDate, string> {
  let days = cache.get(year)
  if (!days) {
    days = compute(year)
    cache.set(year, days)
  }
  return days
}

const cache = new Map<number, ReadonlyMap<IsoDate, string>>()

/**
 * The solar date of a lunar date (a regular month, not a leap one), counted in whole days from the table's epoch
 * (lunar 1900-01-01 = 31 January 1900) with our UTC date arithmetic. chinese-days' own getSolarDateFromLunar adds
 * days to a local Date and is a day off on a machine whose time zone has daylight saving.
 */
function solarOf(year: number, month: number, day: number): IsoDate {
  const leap = (y: number) => chineseDays.getYearLeapMonth(y)
  const monthsBefore = (y: number, m: number) => {
    let days = 0
    for (let i = 1; i < m; i++) days += chineseDays.monthDays(y, i) + (leap(y).leapMonth === i ? leap(y).days : 0)
    return days
  }
  let offset = 0
  for (let y = 1900; y < year; y++) offset += monthsBefore(y, 13)
  return addDays('1900-01-31', offset + monthsBefore(year, month) + day - 1)
}

/**
 * Qingming, the day of the solar term 清明, by the formula chinese-days uses (⌊Y·0.2422 + C⌋ − ⌊Y/4⌋, C = 4.81 in the
 * 21st century, 5.59 in the 20th; no exception falls in 1900–2100): its getSolarTermDate builds the date in UTC and
 * reads it in the machine's zone, a day early west of Greenwich.
 */
function qingming(year: number): IsoDate {
  const y = year % 100
  const day = Math.floor(y * 0.2422 + (year >= 2000 ? 4.81 : 5.59)) - Math.floor(y / 4)
  return `${String(year).padStart(4, '0')}-04-${String(day).padStart(2, '0')}`
}

function compute(year: number): Map<IsoDate, string> {
  const y = String(year).padStart(4, '0')
  const lunar = (monthDay: string) => solarOf(year, Number(monthDay.slice(0, 2)), Number(monthDay.slice(3, 5)))
  const springFestival = lunar('01-01')
  const days = new Map<IsoDate, string>([
    [`${y}-01-01`, '元旦'],
    [addDays(springFestival, -1), '春节'],
    [springFestival, '春节'],
    [addDays(springFestival, 1), '春节'],
    [addDays(springFestival, 2), '春节'],
    [qingming(year), '清明'],
    [`${y}-05-01`, '劳动节'],
    [`${y}-05-02`, '劳动节'],
    [lunar('05-05'), '端午'],
    [lunar('08-15'), '中秋'],
    [`${y}-10-01`, '国庆节'],
    [`${y}-10-02`, '国庆节'],
    [`${y}-10-03`, '国庆节'],
  ])
  return days
}
