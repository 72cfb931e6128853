import { describe, expect, it } from 'vitest'
import { computeClocks, decide, encodeHlc, fold, isSafeText, parseEvent, STATUTORY_CALENDAR } from '@/domain'
import type { ComplaintEvent, WorkCalendar } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

describe('text a person could have typed', () => {
  it.each([
    ['plain Chinese', '柜台服务态度差', true],
    ['an emoji (a surrogate pair)', '排队太久😡', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800b', false],
    ['a lone high surrogate at the end', 'ab\ud83d', false],
    ['a lone low surrogate', '\ude00ab', false],
    ['two high surrogates', '\ud83d\ud83d\ude00', false],
  ])('%s is %s', (_what, text, ok) => {
    expect(isSafeText(text)).toBe(ok)
  })

  it('is refused in every text of every event, with the code the forms translate', () => {
    const r = decide(null, { type: 'complaint.recorded', payload: { ...RECORDED, description: '有\u0000字符' } })
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'description', message: 'invalidCharacters' }] })
    const corrected = decide(fold([eventFactory().make({ type: 'complaint.recorded', payload: RECORDED })]), {
      type: 'field.corrected',
      payload: { field: 'demand', value: '\ud800', reason: '更正' },
    })
    expect(corrected).toMatchObject({ ok: false, issues: [{ path: 'value', message: 'invalidCharacters' }] })
  })
})

describe('dates a complaint can carry', () => {
  it.each([
    ['0000-01-01T00:00:00+08:00', 'dateOutOfRange'],
    ['1999-12-31T23:59:00+08:00', 'dateOutOfRange'],
    ['2101-01-01T00:00:00+08:00', 'dateOutOfRange'],
    ['9999-12-31T23:59:00+08:00', 'dateOutOfRange'],
    ['2026-02-30T09:00:00+08:00', 'invalidDateTime'],
  ])('refuses a receipt at %s (%s)', (receivedAt, code) => {
    expect(decide(null, { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt } })).toMatchObject({
      ok: false,
      issues: [{ message: code }],
    })
  })

  it('accepts the first and the last moment of the range', () => {
    for (const receivedAt of ['2000-01-01T00:00:00+08:00', '2100-12-31T23:59:00+08:00']) {
      expect(decide(null, { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt } }).ok).toBe(true)
    }
  })

  it('refuses an event whose clock lies outside the range', () => {
    const e = eventFactory().make({ type: 'complaint.recorded', payload: RECORDED })
    for (const wall of [0, 946_684_799_999 - 8 * 3600_000, 9_999_999_999_999]) {
      expect(parseEvent({ ...e, hlc: encodeHlc({ wall, counter: 0, node: 'tablet-a' }) })).toMatchObject({
        ok: false,
        issues: [{ path: 'hlc', message: 'clockOutOfRange' }],
      })
    }
  })
})

/** A calendar that counts how often a day is looked up: the work a clock computation does, whatever the machine. */
function countingCalendar(): { calendar: WorkCalendar; lookups: () => number } {
  let n = 0
  const count = <K, V>(m: ReadonlyMap<K, V>): ReadonlyMap<K, V> =>
    new Proxy(m, {
      get(target, prop) {
        if (prop === 'has') n++
        const v = Reflect.get(target, prop, target) as unknown
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
  return {
    calendar: {
      holidays: count(STATUTORY_CALENDAR.holidays),
      workdays: count(STATUTORY_CALENDAR.workdays),
      publishedYears: STATUTORY_CALENDAR.publishedYears,
    },
    lookups: () => n,
  }
}

describe('the cost of a complaint’s clocks', () => {
  const now = new Date('2026-04-30T10:00:00+08:00')
  const clocksWithPauses = (pauses: { from: string; to: string }[]) => {
    const f = eventFactory()
    const events: ComplaintEvent[] = [f.make({ type: 'complaint.recorded', payload: RECORDED })]
    for (const p of pauses) {
      events.push(f.make({ type: 'clock.paused', payload: { reason: '外部鉴定' } }, { wall: Date.parse(p.from) }))
      events.push(f.make({ type: 'clock.resumed', payload: {} }, { wall: Date.parse(p.to) }))
    }
    const { calendar, lookups } = countingCalendar()
    const clocks = computeClocks(fold(events)!, { now, calendar })
    return { clocks, lookups: lookups() }
  }

  it('is bounded by the complaint’s age: a thousand pauses, or pauses dated 1970, cost no more than one', () => {
    const baseline = clocksWithPauses([{ from: '2026-03-10T09:00:00+08:00', to: '2026-03-12T09:00:00+08:00' }])
    const many = clocksWithPauses(
      Array.from({ length: 1000 }, (_, i) => ({
        from: new Date(Date.parse('2026-03-03T01:00:00Z') + i * 60_000).toISOString(),
        to: new Date(Date.parse('2026-03-03T01:00:00Z') + i * 60_000 + 30_000).toISOString(),
      })),
    )
    const ancient = clocksWithPauses(
      Array.from({ length: 60 }, (_, i) => ({
        from: new Date(Date.UTC(1970, 0, 1 + i)).toISOString(),
        to: '2026-03-05T09:00:00+08:00',
      })),
    )
    expect(many.lookups).toBeLessThan(baseline.lookups * 2)
    expect(ancient.lookups).toBeLessThan(baseline.lookups * 2)
  })

  it('a pause dated before the receipt excludes nothing before it: the deadline does not move to 2083', () => {
    const ancient = clocksWithPauses(
      Array.from({ length: 60 }, (_, i) => ({
        from: new Date(Date.UTC(1970, 0, 1 + i)).toISOString(),
        to: '2026-03-05T09:00:00+08:00',
      })),
    )
    const regulatory = ancient.clocks.clocks.find((c) => c.name === 'regulatory')!
    // Received 3/2, paused (clamped) 3/2 to 3/5: three days excluded from the 15, so 3/20.
    expect(regulatory.dueDate).toBe('2026-03-20')
    expect(ancient.clocks.excludedDays).toBe(3)
  })
})
