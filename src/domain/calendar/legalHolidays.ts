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
 * Lunar dates and the solar term come from chinese-days (its tables cover 1900–2100).
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

function compute(year: number): Map<IsoDate, string> {
  const y = String(year).padStart(4, '0')
  const lunar = (monthDay: string) => chineseDays.getSolarDateFromLunar(`${y}-${monthDay}`).date
  const springFestival = lunar('01-01')
  const days = new Map<IsoDate, string>([
    [`${y}-01-01`, '元旦'],
    [addDays(springFestival, -1), '春节'],
    [springFestival, '春节'],
    [addDays(springFestival, 1), '春节'],
    [addDays(springFestival, 2), '春节'],
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明'],
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
