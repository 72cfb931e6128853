import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold, parseEvent } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { ACTOR, eventFactory, RECORDED } from '../support/eventFactory'

function journey(): ComplaintEvent[] {
  const f = eventFactory()
  const other = { ...ACTOR, staffId: 'staff-zhao', staffName: '赵主管', deviceId: 'tablet-b' }
  return [
    f.make({ type: 'complaint.recorded', payload: RECORDED }),
    f.make({ type: 'complaint.acknowledged', payload: {} }),
    f.make({ type: 'script.moodRecorded', payload: { phase: 'start', mood: 1 } }),
    f.make({ type: 'script.stepDone', payload: { step: 'isolate', checked: ['movedToRoom'] } }),
    f.make({ type: 'note.added', payload: { text: '客户情绪激动' } }),
    f.make({ type: 'validity.judged', payload: { verdict: 'valid', reason: '等待时间超出承诺' } }),
    f.make({ type: 'field.corrected', payload: { field: 'customer.name', value: '王芳芳', reason: '登记笔误' } }),
    f.make({ type: 'complaint.escalated', payload: { reason: '需要调整排班' } }),
    f.make(
      {
        type: 'supervisor.planRecorded',
        payload: { plan: '高峰期加开窗口', supervisor: { staffId: 'staff-zhao', staffName: '赵主管' } },
      },
      { actor: other },
    ),
    f.make({
      type: 'customer.contacted',
      payload: { channel: 'sms', purpose: 'reply', content: '已加开窗口', contactedAt: '2026-03-02T15:00:00+08:00' },
    }),
    f.make({ type: 'note.added', payload: { text: '客户表示理解' } }, { actor: other }),
    f.make({ type: 'complaint.resolved', payload: { summary: '高峰期加开窗口' } }),
    f.make({ type: 'complaint.closed', payload: {} }),
  ]
}

describe('fold', () => {
  it('turns a handled complaint into its state', () => {
    const s = fold(journey())!
    expect(s.status).toBe('closed')
    expect(s.customer.name).toBe('王芳芳')
    expect(s.validity?.verdict).toBe('valid')
    expect(s.escalations[0]?.plan?.text).toBe('高峰期加开窗口')
    expect(s.notes.map((n) => n.text)).toEqual(['客户情绪激动', '客户表示理解'])
    expect(s.contacts).toHaveLength(1)
    expect(s.script.moodStart).toBe(1)
    expect(s.eventCount).toBe(13)
    expect(s.owner.staffName).toBe('李经理')
  })

  it('gives the same state whatever order and duplication the events arrive in', () => {
    const events = journey()
    const expected = fold(events)
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length }),
        fc.array(fc.nat(events.length - 1), { maxLength: 5 }),
        (shuffled, dupes) => {
          const withDupes = [...shuffled, ...dupes.map((i) => events[i]!)]
          expect(fold(withDupes)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('applies concurrent corrections last-writer-wins by clock, then device', () => {
    const f = eventFactory()
    const rec = f.make({ type: 'complaint.recorded', payload: RECORDED })
    const wall = Date.parse('2026-03-02T03:00:00Z')
    const a = f.make(
      { type: 'field.corrected', payload: { field: 'demand', value: 'A', reason: 'r' } },
      { wall, actor: { ...ACTOR, deviceId: 'tablet-a' } },
    )
    const b = f.make(
      { type: 'field.corrected', payload: { field: 'demand', value: 'B', reason: 'r' } },
      { wall, actor: { ...ACTOR, deviceId: 'tablet-b' } },
    )
    expect(fold([b, rec, a])!.demand).toBe('B')
    expect(fold([a, b, rec])!.demand).toBe('B')
  })

  it('waits for the record: events without it fold to nothing', () => {
    const [, ...rest] = journey()
    expect(fold(rest)).toBeNull()
  })

  it('reopening a closed complaint puts it back in progress and keeps the history', () => {
    const f = eventFactory()
    const events = [...journey()]
    const reopened = f.make(
      { type: 'complaint.reopened', payload: { reason: '客户再次来电' } },
      { wall: Date.parse('2026-03-05T01:00:00Z') },
    )
    const s = fold([...events, { ...reopened, complaintId: events[0]!.complaintId }])!
    expect(s.status).toBe('inProgress')
    expect(s.reopenings).toHaveLength(1)
    expect(s.closed).toBeUndefined()
  })
})

describe('parseEvent', () => {
  const good = journey()[0]!

  it('accepts a valid event', () => {
    expect(parseEvent(JSON.parse(JSON.stringify(good))).ok).toBe(true)
  })

  it.each([
    ['an unknown type', { type: 'complaint.deleted' }, 'type', 'unknownEventType'],
    [
      'a missing customer name',
      { payload: { ...RECORDED, customer: { name: ' ' } } },
      'payload.customer.name',
      'required',
    ],
    [
      'an invalid phone',
      { payload: { ...RECORDED, customer: { name: '王', phone: '12345' } } },
      'payload.customer.phone',
      'invalidPhone',
    ],
    ['a future schema version', { v: 2 }, 'v', 'unsupportedVersion'],
    ['a bad clock', { hlc: 'yesterday' }, 'hlc', 'invalidClock'],
    ['a non-uuid id', { id: 'abc' }, 'id', 'invalidId'],
    [
      'a bad received-at',
      { payload: { ...RECORDED, receivedAt: '2026-13-01' } },
      'payload.receivedAt',
      'invalidDateTime',
    ],
  ])('rejects %s with a clear message', (_name, patch, path, message) => {
    const r = parseEvent({ ...good, ...patch })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues).toContainEqual({ path, message })
  })
})
