import { describe, expect, it } from 'vitest'
import { fold, reminderCount, remindersDue } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

/** A complaint received at `receivedAt`; each later event is stamped at its own `wall` (a China time) when given. */
function complaint(
  receivedAt: string,
  caseNumber: string | undefined,
  ...drafts: (EventDraft | [EventDraft, string])[]
) {
  const f = eventFactory({ start: Date.parse(receivedAt) })
  const events: ComplaintEvent[] = [
    f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt, ...(caseNumber ? { caseNumber } : {}) } }),
  ]
  for (const d of drafts) events.push(Array.isArray(d) ? f.make(d[0], { wall: Date.parse(d[1]) }) : f.make(d))
  return fold(events)!
}
const LI = { staffId: 'staff-li', staffName: '李经理' }
const plan = (promisedDate: string): EventDraft => ({
  type: 'plan.proposed',
  payload: { cause: '系统升级', plan: '退还手续费', responsible: LI, promisedDate },
})
const acknowledged: EventDraft = { type: 'complaint.acknowledged', payload: {} }
const kinds = (s: ReturnType<typeof complaint>, now: string, kind?: string) =>
  remindersDue([s], new Date(now))
    .filter((r) => !kind || r.kind === kind)
    .map((r) => ({ kind: r.kind, dueAt: r.dueAt, ...(r.clock ? { clock: r.clock } : {}) }))

describe('what the lobby manager is reminded of', () => {
  it('the promised date on its China day, beside an overdue 24-hour handling clock, and neither once the decision is told', () => {
    // Monday 2 March 2026, 09:30 China time (01:30 UTC). Handling: 24 h, so Tuesday 09:30 China = 01:30 UTC.
    const s = complaint('2026-03-02T09:30:00+08:00', 'RM-260302-A01', acknowledged, plan('2026-03-05'))
    // Wednesday: only the overdue handling clock; the promised Thursday is tomorrow.
    expect(kinds(s, '2026-03-04T10:00:00+08:00')).toEqual([
      { kind: 'replyDue', dueAt: '2026-03-03T01:30:00.000Z', clock: 'handling' },
    ])
    // Thursday 5 March, from its first minute in China (still the 4th in UTC): the promised date is due by 23:59:59.
    const thursday = '2026-03-04T16:01:00.000Z'
    expect(kinds(s, thursday)).toEqual([
      { kind: 'replyDue', dueAt: '2026-03-03T01:30:00.000Z', clock: 'handling' },
      { kind: 'promisedDate', dueAt: '2026-03-05T15:59:59.999Z' },
    ])
    expect(remindersDue([s], new Date(thursday))[1]).toMatchObject({ caseLabel: 'RM-260302-A01', complaintId: s.id })
    const told = complaint('2026-03-02T09:30:00+08:00', 'RM-260302-A01', acknowledged, plan('2026-03-05'), [
      {
        type: 'decision.notified',
        payload: {
          channel: 'phone',
          notifiedAt: '2026-03-05T09:00:00+08:00',
          decision: '退还手续费',
          findings: '系统升级导致',
          basis: '收费标准',
          remedies: ['review'],
          content: '已电话告知',
        },
      },
      '2026-03-05T09:05:00+08:00',
    ])
    expect(kinds(told, '2026-03-05T10:00:00+08:00')).toEqual([])
  })

  it('a progress contact after five working days without a word, counted across the Spring Festival and its make-up Saturdays', () => {
    // Thursday 12 Feb 2026, customer at the counter. Working days after it: Fri 13, Sat 14 (made up), then the
    // holiday 15–23 Feb, Tue 24, Wed 25, Thu 26: the fifth is Thursday 26 February.
    const s = complaint('2026-02-12T10:00:00+08:00', 'RM-260212-A01', acknowledged)
    expect(kinds(s, '2026-02-25T23:59:00+08:00', 'progressContact')).toEqual([])
    // 00:30 on the 26th in China is still the 25th in UTC.
    expect(kinds(s, '2026-02-25T16:30:00.000Z', 'progressContact')).toEqual([
      { kind: 'progressContact', dueAt: '2026-02-26T15:59:59.999Z' },
    ])
    // Called on the 26th: the next is five working days on: Fri 27, Sat 28 (made up), Mon 2, Tue 3, Wed 4 March.
    const called = complaint('2026-02-12T10:00:00+08:00', 'RM-260212-A01', acknowledged, [
      {
        type: 'customer.contacted',
        payload: {
          channel: 'phone',
          purpose: 'progress',
          content: '告知正在核查',
          contactedAt: '2026-02-26T10:00:00+08:00',
        },
      },
      '2026-02-26T10:05:00+08:00',
    ])
    expect(kinds(called, '2026-02-26T11:00:00+08:00', 'progressContact')).toEqual([])
    expect(kinds(called, '2026-03-03T18:00:00+08:00', 'progressContact')).toEqual([])
    expect(kinds(called, '2026-03-04T08:00:00+08:00', 'progressContact')).toEqual([
      { kind: 'progressContact', dueAt: '2026-03-04T15:59:59.999Z' },
    ])
  })

  it('a follow-up of a closed complaint on its China day, until one is recorded', () => {
    const closed = (...more: [EventDraft, string][]) =>
      complaint(
        '2026-03-02T09:30:00+08:00',
        undefined,
        acknowledged,
        [{ type: 'complaint.closed', payload: {} }, '2026-03-06T10:00:00+08:00'],
        [{ type: 'followUp.scheduled', payload: { dueDate: '2026-03-20' } }, '2026-03-06T10:01:00+08:00'],
        ...more,
      )
    const s = closed()
    expect(kinds(s, '2026-03-19T15:30:00.000Z')).toEqual([])
    expect(kinds(s, '2026-03-19T16:30:00.000Z')).toEqual([{ kind: 'followUp', dueAt: '2026-03-20T15:59:59.999Z' }])
    // Without a case number the reminder names the id's tail, as the book does.
    expect(remindersDue([s], new Date('2026-03-20T09:00:00+08:00'))[0]!.caseLabel).toBe(s.id.slice(-8).toUpperCase())
    const done = closed([
      { type: 'followUp.done', payload: { channel: 'phone', content: '客户满意', satisfaction: 'satisfied' } },
      '2026-03-20T10:00:00+08:00',
    ])
    expect(kinds(done, '2026-03-20T11:00:00+08:00')).toEqual([])
  })

  it('says nothing of the customer, sorts the earliest first and counts complaints, not reminders', () => {
    const a = complaint('2026-03-02T09:30:00+08:00', 'RM-260302-A01', acknowledged, plan('2026-03-05'))
    const b = complaint('2026-03-03T09:30:00+08:00', 'RM-260303-A01', acknowledged, plan('2026-03-05'))
    const all = remindersDue([b, a], new Date('2026-03-05T10:00:00+08:00'))
    expect(all.map((r) => `${r.caseLabel} ${r.kind}`)).toEqual([
      'RM-260302-A01 replyDue',
      'RM-260303-A01 replyDue',
      'RM-260302-A01 promisedDate',
      'RM-260303-A01 promisedDate',
    ])
    expect(reminderCount(all)).toBe(2)
    const text = JSON.stringify(all)
    for (const personal of [RECORDED.customer.name, RECORDED.customer.phone!, RECORDED.description, '退还手续费'])
      expect(text).not.toContain(personal)
  })
})
