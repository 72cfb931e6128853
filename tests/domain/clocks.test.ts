import { describe, expect, it } from 'vitest'
import { buildCalendar, computeClocks, fold } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

const SUPERVISOR = { staffId: 'staff-zhao', staffName: '赵主管' }

/** A complaint received at `receivedAt` with the given later events, each an hour after the previous. */
function complaint(receivedAt: string, ...drafts: EventDraft[]) {
  const f = eventFactory({ start: Date.parse(receivedAt) })
  const events: ComplaintEvent[] = [f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt } })]
  for (const d of drafts) events.push(f.make(d, {}))
  return fold(events)!
}
const at = (iso: string) => ({ now: new Date(iso) })
const clock = (c: ReturnType<typeof computeClocks>, name: string) => c.clocks.find((x) => x.name === name)!

describe('complaint clocks', () => {
  it('a complaint received on a holiday: 24 h to respond, reply in 15 working days, decision in 15 natural days', () => {
    const s = complaint('2026-10-03T10:00:00+08:00')
    const c = computeClocks(s, at('2026-10-03T12:00:00+08:00'))
    expect(clock(c, 'firstResponse')).toMatchObject({ dueAt: '2026-10-04T02:00:00.000Z', state: 'dueSoon' })
    expect(clock(c, 'reply').dueDate).toBe('2026-10-27')
    // 3 Oct + 15 days = 18 Oct, a Sunday: the period ends on Monday 19 Oct.
    expect(clock(c, 'regulatory').dueDate).toBe('2026-10-19')
    expect(c.binding?.name).toBe('firstResponse')
  })

  it('a complaint received late at night counts from its China date', () => {
    const s = complaint('2026-02-13T23:50:00+08:00')
    const c = computeClocks(s, at('2026-02-14T09:00:00+08:00'))
    expect(clock(c, 'reply').dueDate).toBe('2026-03-12')
    expect(clock(c, 'firstResponse').state).toBe('dueSoon')
  })

  it('is overdue when the first response is late, and met with the date once it is made', () => {
    const s = complaint('2026-03-02T09:00:00+08:00')
    expect(clock(computeClocks(s, at('2026-03-03T10:00:00+08:00')), 'firstResponse').state).toBe('overdue')
    const answered = complaint('2026-03-02T09:00:00+08:00', { type: 'complaint.acknowledged', payload: {} })
    const c = clock(computeClocks(answered, at('2026-03-03T10:00:00+08:00')), 'firstResponse')
    expect(c.state).toBe('met')
    // The event factory stamps each event a minute after the previous one.
    expect(c.metAt).toBe('2026-03-02T01:02:00.000Z')
  })

  it('an extended complaint told its decision before the extended date is met, and the regulatory clock moves to 30 days', () => {
    const s = complaint(
      '2026-03-02T09:00:00+08:00',
      {
        type: 'complaint.extended',
        payload: {
          reason: '需调取监控',
          newDueDate: '2026-03-31',
          noticeChannel: 'sms',
          noticeAt: '2026-03-02T12:00:00+08:00',
        },
      },
      {
        type: 'customer.contacted',
        payload: { channel: 'phone', purpose: 'reply', content: '已处理', contactedAt: '2026-03-30T10:00:00+08:00' },
      },
    )
    const c = computeClocks(s, at('2026-04-09T10:00:00+08:00'))
    expect(c.extendedDue).toBe('2026-03-31')
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-03-31', state: 'met' })
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', state: 'met' })
  })

  it('holds an extension to 30 days and the 45 working days: a name typed as approver unlocks nothing', () => {
    const s = complaint('2026-03-02T09:00:00+08:00', {
      type: 'complaint.extended',
      payload: {
        reason: '复杂',
        newDueDate: '2026-12-31',
        noticeChannel: 'phone',
        noticeAt: '2026-03-03T10:00:00+08:00',
        approvedBy: SUPERVISOR,
      },
    })
    const c = computeClocks(s, at('2026-03-04T10:00:00+08:00'))
    expect(c.extensionCap).toBe('2026-05-08')
    // Never past what the approvals held allow: without a superior's approval, 30 days (4/1), not 5/8 nor 12/31.
    expect(c.extendedDue).toBe('2026-04-01')
    expect(clock(c, 'regulatory')).toMatchObject({ dueDate: '2026-04-01', limitDays: 30 })
  })

  it('honours time excluded from the clock (external appraisal)', () => {
    const f = eventFactory({ start: Date.parse('2026-03-02T01:00:00Z') })
    const events = [
      f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-03-02T09:00:00+08:00' } }),
      f.make({ type: 'clock.paused', payload: { reason: '司法鉴定' } }, { wall: Date.parse('2026-03-04T02:00:00Z') }),
      f.make({ type: 'clock.resumed', payload: {} }, { wall: Date.parse('2026-03-11T02:00:00Z') }),
    ]
    const c = computeClocks(fold(events)!, at('2026-03-12T10:00:00+08:00'))
    expect(c.excludedDays).toBe(7)
    // 15 natural days + 7 excluded = 24 March; 15 working days + 5 excluded working days = 30 March.
    expect(clock(c, 'regulatory').dueDate).toBe('2026-03-24')
    expect(clock(c, 'reply').dueDate).toBe('2026-03-30')
  })

  it('gives a working-day clock paused on its last day and resumed on a Saturday the next working day, not a day already gone', () => {
    const f = eventFactory({ start: Date.parse('2026-03-02T01:00:00Z') })
    const events = [
      f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-03-02T09:00:00+08:00' } }),
      // The reply is due Monday 23 March (15 working days); paused that morning, resumed on Saturday 28 March.
      f.make({ type: 'clock.paused', payload: { reason: '司法鉴定' } }, { wall: Date.parse('2026-03-23T02:00:00Z') }),
      f.make({ type: 'clock.resumed', payload: {} }, { wall: Date.parse('2026-03-28T02:00:00Z') }),
    ]
    const c = computeClocks(fold(events)!, at('2026-03-28T11:00:00+08:00'))
    // Tuesday to Friday excluded would give Friday 27 March, before the clock even resumed: Monday 30 March instead.
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2026-03-30', state: 'dueSoon' })
  })

  it('reads a decision told while the clock was paused the same way on the day and weeks later', () => {
    const f = eventFactory({ start: Date.parse('2026-03-02T01:00:00Z') })
    const events = [
      f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-03-02T09:00:00+08:00' } }),
      f.make({ type: 'clock.paused', payload: { reason: '司法鉴定' } }, { wall: Date.parse('2026-03-23T02:00:00Z') }),
      f.make(
        {
          type: 'decision.notified',
          payload: {
            channel: 'sms',
            notifiedAt: '2026-03-28T10:00:00+08:00',
            decision: '退费',
            findings: '核实',
            basis: '依据',
            remedies: ['review', 'mediation', 'arbitration', 'litigation'],
            content: '短信',
          },
        },
        { wall: Date.parse('2026-03-28T02:05:00Z') },
      ),
    ]
    const onTheDay = clock(computeClocks(fold(events)!, at('2026-03-28T11:00:00+08:00')), 'reply')
    const later = clock(computeClocks(fold(events)!, at('2026-04-20T11:00:00+08:00')), 'reply')
    // Told on the Saturday while paused: on time, due Monday 30 March — and the pause left open moves nothing after it.
    expect(onTheDay).toMatchObject({ dueDate: '2026-03-30', state: 'met' })
    expect(later).toMatchObject({ dueDate: '2026-03-30', state: 'met' })
  })

  it('flags deadlines in a year without a published schedule as provisional, until one is entered', () => {
    const s = complaint('2026-12-20T09:00:00+08:00')
    const c = computeClocks(s, at('2026-12-20T10:00:00+08:00'))
    // 1 January 2027 is New Year's Day by law even before the schedule is published.
    expect(clock(c, 'reply')).toMatchObject({ dueDate: '2027-01-11', provisional: true })
    expect(c.provisional).toBe(true)
    const calendar = buildCalendar({
      entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
      publishedYears: [2027],
    })
    const withSchedule = computeClocks(s, { ...at('2026-12-20T10:00:00+08:00'), calendar })
    expect(clock(withSchedule, 'reply')).toMatchObject({ dueDate: '2027-01-11', provisional: false })
  })
})
