import { describe, expect, it } from 'vitest'
import { buildCalendar, computeClocks, dueSoonUntil, extensionLimits, fold, reviewWindow } from '@/domain'
import type { ClockName, Clocks } from '@/domain'
import { cn, contact, extension, history, INVALID, notice, QIAN, VALID, ZHAO } from '../support/timeline'
import type { Step } from '../support/timeline'

/**
 * Deadlines worked out by hand from the seed procedure (II.2–II.5), the 2020 rule (Art. 18–21, 43), the Civil Code
 * (Art. 201, 203: a period in days starts the next day; one ending on a rest day or holiday ends on the next working
 * day) and the published 2025/2026 schedules; 2027 from the holidays the law fixes (provisional).
 *
 * 2026: holidays 1/1–3, 2/15–23, 4/4–6, 5/1–5, 6/19–21, 9/25–27, 10/1–7; make-up working days 1/4, 2/14, 2/28, 5/9,
 * 9/20, 10/10. 2027 (law only): 1/1, 2/5–8, 4/5, 5/1–2, 6/9, 9/15, 10/1–3.
 */
const at = (t: string) => ({ now: new Date(cn(t)) })
const QIAN_REF = { staffId: QIAN.staffId, staffName: QIAN.staffName }
const clock = (c: Clocks, name: ClockName, round?: number) =>
  c.clocks.filter((x) => x.name === name && (round === undefined || x.round === round)).at(-1)!

describe('Art. 18: the decision within 15 natural days (Civil Code Art. 201, 203)', () => {
  it.each([
    ['2026-03-02 09:00', '2026-03-17', 'an ordinary fortnight'],
    ['2026-03-02 23:50', '2026-03-17', 'late at night still counts from the China date'],
    ['2026-03-03 00:30', '2026-03-18', 'just after midnight China time is the next day'],
    ['2026-09-16 10:00', '2026-10-08', 'ends on National Day 10/1: the next working day is 10/8'],
    ['2026-09-20 10:00', '2026-10-08', 'received on a make-up Sunday; ends 10/5 (holiday)'],
    ['2026-09-22 10:00', '2026-10-08', 'ends 10/7 (holiday)'],
    ['2026-09-24 10:00', '2026-10-09', 'ends 10/9, a working Friday'],
    ['2026-09-10 10:00', '2026-09-28', 'ends on Mid-Autumn 9/25'],
    ['2026-02-05 10:00', '2026-02-24', 'ends in the Spring Festival'],
    ['2026-01-30 10:00', '2026-02-14', 'ends on the make-up Saturday 2/14, a working day'],
    ['2026-03-21 10:00', '2026-04-07', 'ends on Qingming 4/5'],
    ['2026-04-16 10:00', '2026-05-06', 'ends on Labour Day'],
    ['2026-06-04 10:00', '2026-06-22', 'ends on the Dragon Boat Festival'],
    ['2025-12-17 10:00', '2026-01-04', 'ends on New Year’s Day 2026: the make-up Sunday 1/4 works'],
    ['2026-12-17 10:00', '2027-01-04', 'ends on New Year’s Day 2027 (law), then a weekend'],
    ['2027-01-21 10:00', '2027-02-09', 'ends on Spring Festival eve 2027 (law: eve and first three days)'],
    ['2027-03-21 10:00', '2027-04-06', 'ends on Qingming 2027 (the solar term, 4/5)'],
    ['2027-04-16 10:00', '2027-05-03', 'ends on Labour Day 2027 (5/1–2, a weekend)'],
    ['2027-09-16 10:00', '2027-10-04', 'ends on National Day 2027'],
  ])('received %s → %s (%s)', (received, due) => {
    const c = computeClocks(history(received).state, at(received))
    expect(clock(c, 'regulatory')).toMatchObject({
      dueDate: due,
      dueAt: new Date(cn(`${due} 23:59`) + 59_999).toISOString(),
    })
    expect(clock(c, 'regulatory').provisional).toBe(due >= '2027')
  })
})

describe('the bank’s reply within 15 working days (II.3), capped at 45 working days', () => {
  it.each([
    ['2026-03-02 09:00', '2026-03-23', '2026-05-08'],
    ['2026-02-13 09:00', '2026-03-12', '2026-04-24'],
    ['2026-09-18 09:00', '2026-10-15', '2026-11-26'],
    ['2026-10-03 09:00', '2026-10-27', '2026-12-08'],
    ['2026-12-20 09:00', '2027-01-11', '2027-02-24'],
    ['2027-01-25 09:00', '2027-02-17', '2027-03-31'],
  ])('received %s → reply by %s, at most %s', (received, reply, cap) => {
    const c = computeClocks(history(received).state, at(received))
    expect(clock(c, 'reply').dueDate).toBe(reply)
    expect(c.extensionCap).toBe(cap)
  })

  it('2027 without a published schedule is provisional; entered centrally, it is not', () => {
    const s = history('2026-12-20 09:00').state
    expect(clock(computeClocks(s, at('2026-12-20 10:00')), 'reply')).toMatchObject({
      dueDate: '2027-01-11',
      provisional: true,
    })
    const calendar = buildCalendar({
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '元旦' },
      ],
      publishedYears: [2027],
    })
    expect(clock(computeClocks(s, { ...at('2026-12-20 10:00'), calendar }), 'reply')).toMatchObject({
      dueDate: '2027-01-12',
      provisional: false,
    })
  })
})

describe('the 24-hour clocks (II.2, II.3)', () => {
  it('a complaint received Friday 18:00 before Qingming is due Saturday, and due soon at once', () => {
    const c = computeClocks(history('2026-04-03 18:00').state, at('2026-04-03 18:30'))
    expect(clock(c, 'firstResponse')).toMatchObject({
      dueAt: new Date(cn('2026-04-04 18:00')).toISOString(),
      state: 'dueSoon',
    })
    expect(c.binding?.name).toBe('firstResponse')
  })

  it('the first response is the earliest contact by when it happened, not the first one logged', () => {
    const s = history('2026-03-02 09:00', [
      ['2026-03-03 11:00', contact('progress', '2026-03-03 11:00')],
      ['2026-03-03 11:05', contact('acknowledgement', '2026-03-02 14:00')],
    ]).state
    expect(clock(computeClocks(s, at('2026-03-03 12:00')), 'firstResponse')).toMatchObject({
      state: 'met',
      metAt: new Date(cn('2026-03-02 14:00')).toISOString(),
    })
  })

  it('handling: telling the customer of the extension and its reason within 24 hours satisfies it', () => {
    const told = history('2026-03-02 09:00', [
      ['2026-03-02 15:00', contact('extensionNotice', '2026-03-02 15:00')],
    ]).state
    expect(clock(computeClocks(told, at('2026-03-03 10:00')), 'handling')).toMatchObject({
      state: 'met',
      metBy: 'extensionNotice',
    })
    const extended = history('2026-03-02 09:00', [
      ['2026-03-02 16:00', extension('2026-03-31', '2026-03-02 16:00')],
    ]).state
    expect(clock(computeClocks(extended, at('2026-03-03 10:00')), 'handling').state).toBe('met')
    const silent = history('2026-03-02 09:00').state
    expect(clock(computeClocks(silent, at('2026-03-03 10:00')), 'handling').state).toBe('overdue')
    const progressOnly = history('2026-03-02 09:00', [
      ['2026-03-02 15:00', contact('progress', '2026-03-02 15:00')],
    ]).state
    expect(clock(computeClocks(progressOnly, at('2026-03-03 10:00')), 'handling').state).toBe('overdue')
  })
})

describe('"due soon" means due before the end of the next working day', () => {
  it.each([
    ['2026-09-30 10:00', '2026-10-08', 'the last working day before National Day'],
    ['2026-10-01 10:00', '2026-10-08', 'a holiday'],
    ['2026-04-03 18:00', '2026-04-07', 'Friday before Qingming'],
    ['2026-02-13 10:00', '2026-02-14', 'Friday before a make-up Saturday'],
    ['2026-03-04 10:00', '2026-03-05', 'an ordinary Wednesday'],
    ['2026-12-31 10:00', '2027-01-04', 'New Year’s Eve (2027 law: 1/1 is a holiday)'],
  ])('on %s: until the end of %s (%s)', (now, until) => {
    expect(dueSoonUntil(new Date(cn(now)))).toBe(cn(`${until} 23:59`) + 59_999)
  })

  it('on 9/30 a deadline on 10/8 is due soon, one on 10/9 is not', () => {
    expect(clock(computeClocks(history('2026-09-23 10:00').state, at('2026-09-30 10:00')), 'regulatory')).toMatchObject(
      { dueDate: '2026-10-08', state: 'dueSoon' },
    )
    expect(clock(computeClocks(history('2026-09-24 10:00').state, at('2026-09-30 10:00')), 'regulatory')).toMatchObject(
      { dueDate: '2026-10-09', state: 'onTrack' },
    )
  })
})

describe('extensions: decided and told before the deadline they extend, within what the approvals held allow', () => {
  const RECEIVED = '2026-03-02 09:00' // 15 days: 3/17; 30 days: 4/1; 60 days: 5/1 → 5/6; 15 working days: 3/23; 45: 5/8

  it('a timely extension to a date within 30 days moves the reply to that date and the regulatory limit to 30 days', () => {
    const c = computeClocks(
      history(RECEIVED, [['2026-03-16 10:00', extension('2026-03-31', '2026-03-16 10:00')]]).state,
      at('2026-03-20 10:00'),
    )
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-03-31', state: 'onTrack' })
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', limitDays: 30, state: 'onTrack' })
  })

  it('an extension recorded after the 15 days passed leaves the breach: overdue since 3/17, never on time', () => {
    const s = history(RECEIVED, [['2026-03-20 10:00', extension('2026-04-01', '2026-03-20 10:00')]]).state
    const c = computeClocks(s, at('2026-03-20 11:00'))
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-03-17', state: 'overdue' })
    expect(clock(c, 'regulatory').extensions).toEqual([expect.objectContaining({ late: true })])
    expect(c.binding).toMatchObject({ name: 'regulatory', state: 'overdue' })
    // Answered later, it stays a breach.
    const answered = history(RECEIVED, [
      ['2026-03-20 10:00', extension('2026-04-01', '2026-03-20 10:00')],
      ['2026-03-25 10:00', VALID],
      ['2026-03-25 11:00', notice('2026-03-25 11:00')],
    ]).state
    expect(clock(computeClocks(answered, at('2026-03-26 10:00')), 'regulatory').state).toBe('metLate')
  })

  it('an extension recorded in time but told to the customer after the deadline does not count', () => {
    const s = history(RECEIVED, [['2026-03-17 20:00', extension('2026-03-31', '2026-03-18 09:00')]]).state
    expect(clock(computeClocks(s, at('2026-03-18 10:00')), 'regulatory')).toMatchObject({
      dueDate: '2026-03-17',
      state: 'overdue',
    })
  })

  it('past 30 days without a superior’s approval is held to 30 days (a typed name is no approval)', () => {
    const s = history(RECEIVED, [
      [
        '2026-03-10 10:00',
        extension('2026-04-20', '2026-03-10 10:00', { approvedBy: { staffId: 'name:赵主管', staffName: '赵主管' } }),
      ],
    ]).state
    const c = computeClocks(s, at('2026-03-20 10:00'))
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-04-01' })
    expect(clock(c, 'reply').extensions).toEqual([expect.objectContaining({ late: false, cappedTo: '2026-04-01' })])
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', limitDays: 30 })
  })

  it('a supervisor’s approval is not a superior office’s: still 30 days', () => {
    const { f, events } = history(RECEIVED, [
      [
        '2026-03-09 10:00',
        { type: 'extension.requested', payload: { reason: '需境外查询', newDueDate: '2026-04-20' } },
      ],
    ])
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[1]!.id,
            approved: true,
            comment: '同意',
            supervisor: { staffId: ZHAO.staffId, staffName: ZHAO.staffName },
            level: 'supervisor',
          },
        },
        { wall: cn('2026-03-09 14:00'), actor: ZHAO },
      ),
    )
    events.push(f.make(extension('2026-04-20', '2026-03-10 10:00'), { wall: cn('2026-03-10 10:00') }))
    const c = computeClocks(fold(events)!, at('2026-03-20 10:00'))
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', limitDays: 30 })
  })

  it('with a superior’s approval held before it, an extension may reach 60 days — never past 60 or 45 working days', () => {
    const { f, events } = history(RECEIVED, [
      [
        '2026-03-09 10:00',
        { type: 'extension.requested', payload: { reason: '需境外查询', newDueDate: '2026-05-06' } },
      ],
    ])
    const limitsBefore = extensionLimits(fold(events)!, at('2026-03-09 11:00'))
    expect(limitsBefore).toMatchObject({
      cap: '2026-04-01',
      withoutSuperior: '2026-04-01',
      requestCap: '2026-05-06',
      late: false,
    })
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[1]!.id,
            approved: true,
            comment: '同意',
            supervisor: QIAN_REF,
            level: 'superior',
          },
        },
        { wall: cn('2026-03-10 09:00'), actor: QIAN },
      ),
    )
    // 60 days end 5/1, a holiday: 5/6. The 45 working days (5/8) would go past it: the earlier binds.
    expect(extensionLimits(fold(events)!, at('2026-03-10 10:00'))).toMatchObject({
      cap: '2026-05-06',
      requestCap: '2026-05-06',
    })
    events.push(f.make(extension('2026-05-06', '2026-03-10 10:00'), { wall: cn('2026-03-10 10:00') }))
    const c = computeClocks(fold(events)!, at('2026-04-10 10:00'))
    expect(clock(c, 'regulatory')).toMatchObject({
      dueDate: '2026-05-06',
      limitDays: 60,
      approval: expect.objectContaining({ by: QIAN_REF }),
    })
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-05-06', state: 'onTrack' })
  })

  it('two steps: 30 days first, then 60 with the approval obtained before the 30 ran out', () => {
    const { f, events } = history(RECEIVED, [
      ['2026-03-16 10:00', extension('2026-03-31', '2026-03-16 10:00')],
      ['2026-03-24 10:00', { type: 'extension.requested', payload: { reason: '特别复杂', newDueDate: '2026-04-28' } }],
    ])
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[2]!.id,
            approved: true,
            comment: '同意',
            supervisor: QIAN_REF,
            level: 'superior',
          },
        },
        { wall: cn('2026-03-25 09:00'), actor: QIAN },
      ),
    )
    events.push(f.make(extension('2026-04-28', '2026-03-26 10:00'), { wall: cn('2026-03-26 10:00') }))
    const c = computeClocks(fold(events)!, at('2026-04-20 10:00'))
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-04-28', state: 'onTrack' })
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-05-06', limitDays: 60 })
  })

  it('an extension recorded after the extended date passed does not revive the clock', () => {
    const { f, events } = history(RECEIVED, [
      ['2026-03-16 10:00', extension('2026-03-31', '2026-03-16 10:00')],
      ['2026-03-24 10:00', { type: 'extension.requested', payload: { reason: '特别复杂', newDueDate: '2026-04-28' } }],
    ])
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[2]!.id,
            approved: true,
            comment: '同意',
            supervisor: QIAN_REF,
            level: 'superior',
          },
        },
        { wall: cn('2026-04-02 09:00'), actor: QIAN },
      ),
    )
    events.push(f.make(extension('2026-04-28', '2026-04-02 10:00'), { wall: cn('2026-04-02 10:00') }))
    const c = computeClocks(fold(events)!, at('2026-04-02 11:00'))
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-03-31', state: 'overdue' })
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', state: 'overdue' })
  })

  it('extends into 2027 around New Year and the Spring Festival (provisional)', () => {
    // Received 12/8: 15 days 12/23; 30 days 1/7/2027; 60 days 2/6/2027 (Spring Festival, law) → 2/9.
    const { f, events } = history('2026-12-08 10:00', [
      ['2026-12-10 10:00', { type: 'extension.requested', payload: { reason: '特别复杂', newDueDate: '2027-02-09' } }],
    ])
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[1]!.id,
            approved: true,
            comment: '同意',
            supervisor: QIAN_REF,
            level: 'superior',
          },
        },
        { wall: cn('2026-12-11 09:00'), actor: QIAN },
      ),
    )
    const limits = extensionLimits(fold(events)!, at('2026-12-11 10:00'))
    // 45 working days from 12/8 (2027: 1/1 and the Spring Festival days off) end 2/12: the 60 days bind first.
    expect(limits).toMatchObject({ withoutSuperior: '2027-01-07', cap: '2027-02-09' })
    events.push(f.make(extension('2027-02-09', '2026-12-11 10:00'), { wall: cn('2026-12-11 10:00') }))
    const c = computeClocks(fold(events)!, at('2027-01-20 10:00'))
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2027-02-09', limitDays: 60, provisional: true })
  })
})

describe('the decision notice answers the complaint (Art. 18, 19, 21)', () => {
  it('a contact that is not the decision stops no decision clock', () => {
    const s = history('2026-03-02 09:00', [
      ['2026-03-02 10:00', contact('acknowledgement', '2026-03-02 10:00')],
      ['2026-03-05 10:00', contact('progress', '2026-03-05 10:00')],
    ]).state
    const c = computeClocks(s, at('2026-03-18 10:00'))
    expect(clock(c, 'firstResponse').state).toBe('met')
    expect(clock(c, 'regulatory').state).toBe('overdue')
    expect(clock(c, 'reply').state).toBe('onTrack')
  })

  it('a stored contact of the retired purpose "reply" still reads as the decision notice it was', () => {
    const s = history('2026-03-02 09:00', [['2026-03-10 10:00', contact('reply', '2026-03-10 10:00')]]).state
    const c = computeClocks(s, at('2026-03-20 10:00'))
    expect(clock(c, 'regulatory')).toMatchObject({ state: 'met', metBy: 'notice' })
  })

  it.each([
    ['2026-03-17 17:00', 'met'],
    ['2026-03-17 23:59', 'met'],
    ['2026-03-18 00:30', 'metLate'],
  ])('a notice at %s (China) on a deadline of 3/17 is %s, written with +08:00 or in UTC', (time, expected) => {
    for (const notifiedAt of [`${time.replace(' ', 'T')}:00+08:00`, new Date(cn(time)).toISOString()]) {
      const s = history('2026-03-02 09:00', [
        ['2026-03-18 09:00', VALID],
        ['2026-03-18 09:05', notice(time, { notifiedAt })],
      ]).state
      expect(clock(computeClocks(s, at('2026-03-19 10:00')), 'regulatory').state).toBe(expected)
    }
  })

  it('compares instants, not text: a reply written with +08:00 at 17:00 on the last day is on time', () => {
    const reply = {
      type: 'customer.contacted',
      payload: { channel: 'phone', purpose: 'reply', content: '已答复', contactedAt: '2026-03-17T17:00:00+08:00' },
    } as const
    const s = history('2026-03-02 09:00', [['2026-03-17 17:05', reply]]).state
    expect(clock(computeClocks(s, at('2026-03-18 10:00')), 'regulatory').state).toBe('met')
  })

  it('the customer could not be reached: recorded with the reason, the decision clocks stop', () => {
    const s = history('2026-03-02 09:00', [
      ['2026-03-10 10:00', INVALID],
      ['2026-03-10 11:00', { type: 'customer.unreachable', payload: { reason: '未留联系方式，来信无回邮地址' } }],
    ]).state
    expect(clock(computeClocks(s, at('2026-03-20 10:00')), 'regulatory')).toMatchObject({
      state: 'met',
      metBy: 'unreachable',
    })
  })
})

describe('new facts and reviews have their own clocks (Art. 18, 20)', () => {
  const decided: Step[] = [
    ['2026-03-10 09:00', VALID],
    ['2026-03-10 10:00', notice('2026-03-10 10:00')],
    ['2026-03-10 11:00', { type: 'complaint.closed', payload: {} }],
  ]

  it('new facts restart the 15-day and 15-working-day clocks from when they were received', () => {
    const s = history('2026-03-02 09:00', [
      ...decided,
      [
        '2026-04-20 11:00',
        {
          type: 'complaint.reopened',
          payload: { reason: '客户提供了新的转账凭证', receivedAt: new Date(cn('2026-04-20 10:00')).toISOString() },
        },
      ],
    ]).state
    const c = computeClocks(s, at('2026-04-21 10:00'))
    // 4/20 + 15 = 5/5 (Labour Day) → 5/6; 15 working days with the make-up Saturday 5/9: 5/13.
    expect(clock(c, 'regulatory', 1)).toMatchObject({ dueDate: '2026-05-06', roundKind: 'newFacts', state: 'onTrack' })
    expect(clock(c, 'reply', 1).dueDate).toBe('2026-05-13')
    expect(clock(c, 'regulatory', 0).state).toBe('met')
    expect(c.binding?.round).toBe(1)
  })

  it('a review may be asked for within 30 days of the notice, and is decided within 30 days of the request', () => {
    const s = history('2026-03-02 09:00', decided).state
    expect(reviewWindow(s, {})?.until).toBe(new Date(cn('2026-04-09 23:59') + 59_999).toISOString())
    const reviewed = history('2026-03-02 09:00', [
      ...decided,
      [
        '2026-04-09 16:00',
        {
          type: 'review.requested',
          payload: { reason: '不认可处理决定', requestedAt: new Date(cn('2026-04-09 15:00')).toISOString() },
        },
      ],
    ]).state
    const c = computeClocks(reviewed, at('2026-04-10 10:00'))
    // 4/9 + 30 = 5/9, the Labour Day make-up Saturday: a working day.
    expect(clock(c, 'review')).toMatchObject({ dueDate: '2026-05-09', roundKind: 'review', state: 'onTrack' })
    expect(c.binding?.name).toBe('review')
  })

  it('a review asked for in December is decided by a date in 2027, provisional', () => {
    const s = history('2026-11-20 09:00', [
      ['2026-11-25 09:00', VALID],
      ['2026-11-25 10:00', notice('2026-11-25 10:00')],
      [
        '2026-12-10 10:00',
        {
          type: 'review.requested',
          payload: { reason: '不认可', requestedAt: new Date(cn('2026-12-10 10:00')).toISOString() },
        },
      ],
    ]).state
    // 12/10 + 30 = 1/9/2027, a Saturday → Monday 1/11.
    expect(clock(computeClocks(s, at('2026-12-11 10:00')), 'review')).toMatchObject({
      dueDate: '2027-01-11',
      provisional: true,
    })
  })

  it('the review decision notice meets it; one after the 30 days is late', () => {
    const base: Step[] = [
      ...decided,
      [
        '2026-03-15 10:00',
        {
          type: 'review.requested',
          payload: { reason: '不认可', requestedAt: new Date(cn('2026-03-15 10:00')).toISOString() },
        },
      ],
    ]
    const onTime = history('2026-03-02 09:00', [
      ...base,
      ['2026-04-14 10:00', notice('2026-04-14 10:00', { remedies: ['mediation', 'arbitration', 'litigation'] })],
    ]).state
    expect(clock(computeClocks(onTime, at('2026-04-20 10:00')), 'review')).toMatchObject({
      dueDate: '2026-04-14',
      state: 'met',
    })
    const late = history('2026-03-02 09:00', [
      ...base,
      ['2026-04-15 10:00', notice('2026-04-15 10:00', { remedies: ['mediation', 'arbitration', 'litigation'] })],
    ]).state
    expect(clock(computeClocks(late, at('2026-04-20 10:00')), 'review').state).toBe('metLate')
  })
})

describe('pauses and finished complaints', () => {
  it('a paused clock neither runs nor breaches; resumed, it has the days it had left', () => {
    // Received 3/2: due 3/17. Paused on 3/10 (7 days left), resumed on 3/26: due 3/17 + 16 days = 4/2.
    const paused = history('2026-03-02 09:00', [
      ['2026-03-10 10:00', { type: 'clock.paused', payload: { reason: '司法鉴定' } }],
    ]).state
    expect(clock(computeClocks(paused, at('2026-03-25 10:00')), 'regulatory').state).toBe('paused')
    const resumed = history('2026-03-02 09:00', [
      ['2026-03-10 10:00', { type: 'clock.paused', payload: { reason: '司法鉴定' } }],
      ['2026-03-26 10:00', { type: 'clock.resumed', payload: {} }],
    ]).state
    const c = computeClocks(resumed, at('2026-03-27 10:00'))
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-02', state: 'onTrack' })
    expect(c.excludedDays).toBe(16)
  })

  it('a pause begun after the deadline does not move it', () => {
    const s = history('2026-03-02 09:00', [
      ['2026-03-18 10:00', { type: 'clock.paused', payload: { reason: '司法鉴定' } }],
      ['2026-03-25 10:00', { type: 'clock.resumed', payload: {} }],
    ]).state
    expect(clock(computeClocks(s, at('2026-03-26 10:00')), 'regulatory')).toMatchObject({
      dueDate: '2026-03-17',
      state: 'overdue',
    })
  })

  it('a withdrawn complaint shows no running clock; one withdrawn after a deadline keeps that breach', () => {
    const early = computeClocks(
      history('2026-03-02 09:00', [
        ['2026-03-02 10:00', contact('acknowledgement', '2026-03-02 10:00')],
        ['2026-03-05 10:00', { type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }],
      ]).state,
      at('2026-03-20 10:00'),
    )
    expect(early.binding).toBeNull()
    expect(clock(early, 'regulatory').state).toBe('stopped')
    const late = computeClocks(
      history('2026-03-02 09:00', [
        ['2026-03-19 10:00', { type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }],
      ]).state,
      at('2026-03-20 10:00'),
    )
    expect(clock(late, 'regulatory').state).toBe('missed')
  })
})
