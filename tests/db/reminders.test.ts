import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import type { EventDraft } from '@/domain'
import { applyRemote, commit, ComplaintDb } from '@/db'
import { loadReminders } from '@/db/reminders'
import { eventFactory, RECORDED } from '../support/eventFactory'

let db: ComplaintDb
const LI = { staffId: 'staff-li', staffName: '李经理' }
const at = (iso: string) => () => Date.parse(iso)
const promised = newId()
const quiet = newId()
const followedUp = newId()

beforeAll(async () => {
  db = new ComplaintDb(`reminders-${newId()}`)
  // Tuesday 1 December 2026: a plan promising Thursday the 3rd.
  await commit(
    db,
    promised,
    [
      { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-12-01T09:00:00+08:00' } },
      { type: 'complaint.acknowledged', payload: {} },
      {
        type: 'plan.proposed',
        payload: { cause: '系统延迟', plan: '加急划款', responsible: LI, promisedDate: '2026-12-03' },
      },
    ],
    at('2026-12-01T10:00:00+08:00'),
  )
  // Thursday 3 December: nothing promised, nothing due today.
  await commit(
    db,
    quiet,
    [{ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-12-03T08:30:00+08:00' } }],
    at('2026-12-03T08:31:00+08:00'),
  )
  // Closed on the 2nd with a follow-up for the 3rd, as pulled from the centre.
  const f = eventFactory({ complaintId: followedUp, start: Date.parse('2026-11-30T09:00:00+08:00') })
  await applyRemote(
    db,
    [
      { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-11-30T09:00:00+08:00' } } as const,
      { type: 'complaint.acknowledged', payload: {} } as const,
      { type: 'complaint.closed', payload: {} } as const,
      { type: 'followUp.scheduled', payload: { dueDate: '2026-12-03' } } as const,
    ].map((d, i) => ({ ...f.make(d as EventDraft), serverSeq: i + 1 })),
    { now: at('2026-12-02T10:00:00+08:00') },
  )
})
afterAll(() => db.delete())

describe('the tablet’s reminders', () => {
  it('finds what is owed today among the open complaints and the follow-ups due, from their events', async () => {
    const due = await loadReminders(db, new Date('2026-12-03T09:00:00+08:00'))
    // Both due by the end of the day: in the order of their labels (the ids' tails here).
    expect(
      due
        .filter((r) => r.kind !== 'replyDue')
        .map((r) => [r.complaintId, r.kind])
        .sort((a, b) => a[1]!.localeCompare(b[1]!)),
    ).toEqual([
      [followedUp, 'followUp'],
      [promised, 'promisedDate'],
    ])
    expect(due.some((r) => r.complaintId === quiet)).toBe(false)
    // The day before, neither is due yet.
    const before = await loadReminders(db, new Date('2026-12-02T12:00:00+08:00'))
    expect(before.filter((r) => r.kind !== 'replyDue')).toEqual([])
  })
})
