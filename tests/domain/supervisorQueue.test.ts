import { describe, expect, it } from 'vitest'
import { approvedExtensionToRecord, awaitingSupervisor, decide, deskItems, fold, nextStep } from '@/domain'
import type { Actor, ComplaintEvent } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

const SUPERVISOR: Actor = { staffId: 'staff-zhao', staffName: '赵主管', deviceId: 'tablet-b' }
const zhao = { staffId: SUPERVISOR.staffId, staffName: SUPERVISOR.staffName }
/** A day after the complaints below were received (the factory starts on 2 March 2026). */
const NOW = { now: new Date('2026-03-03T02:00:00Z') }

function handled() {
  const f = eventFactory()
  const events: ComplaintEvent[] = [
    f.make({ type: 'complaint.recorded', payload: RECORDED }),
    f.make({ type: 'complaint.acknowledged', payload: {} }),
  ]
  return { f, events }
}

describe('extension requests and the supervisor’s decision', () => {
  it('puts a requested extension in the supervisor’s queue with the manager’s reason and date', () => {
    const { f, events } = handled()
    events.push(
      f.make({ type: 'extension.requested', payload: { reason: '需总行核查交易记录', newDueDate: '2026-04-20' } }),
    )
    const s = fold(events)!
    expect(awaitingSupervisor(s)).toEqual(['extension'])
    expect(deskItems([s], NOW)).toEqual([
      expect.objectContaining({
        kind: 'extension',
        reason: '需总行核查交易记录',
        newDueDate: '2026-04-20',
        askedBy: '李经理',
        requestId: events[2]!.id,
        // Past 30 days (4/1): only a superior office or a head-office senior manager may approve it (Art. 18).
        needs: 'superior',
      }),
    ])
  })

  it('refuses a second request while one waits, and a decision on a request that does not exist or was decided', () => {
    const { f, events } = handled()
    const request = f.make({ type: 'extension.requested', payload: { reason: '核查', newDueDate: '2026-04-20' } })
    events.push(request)
    const s = fold(events)!
    expect(
      decide(s, { type: 'extension.requested', payload: { reason: '再次', newDueDate: '2026-04-21' } }, NOW),
    ).toMatchObject({ ok: false, refusal: 'extensionRequestPending' })
    expect(
      decide(
        s,
        {
          type: 'extension.decided',
          payload: { requestId: f.complaintId, approved: true, comment: '同意', supervisor: zhao },
        },
        NOW,
      ),
    ).toMatchObject({ ok: false, refusal: 'noSuchRequest' })
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: { requestId: request.id, approved: false, comment: '请在期限内办结', supervisor: zhao },
        },
        { actor: SUPERVISOR },
      ),
    )
    const decided = fold(events)!
    expect(
      decide(
        decided,
        {
          type: 'extension.decided',
          payload: { requestId: request.id, approved: true, comment: '改为同意', supervisor: zhao },
        },
        NOW,
      ),
    ).toMatchObject({ ok: false, refusal: 'alreadyDecided' })
    expect(awaitingSupervisor(decided)).toEqual([])
    // Refused: nothing to record, and the manager may ask again with better reasons.
    expect(approvedExtensionToRecord(decided)).toBeUndefined()
    expect(
      decide(decided, { type: 'extension.requested', payload: { reason: '补充材料', newDueDate: '2026-03-30' } }, NOW)
        .ok,
    ).toBe(true)
  })

  it('after approval asks the manager to tell the customer and record the extension, then moves on', () => {
    const { f, events } = handled()
    const request = f.make({ type: 'extension.requested', payload: { reason: '核查', newDueDate: '2026-04-20' } })
    events.push(
      request,
      f.make(
        {
          type: 'extension.decided',
          payload: { requestId: request.id, approved: true, comment: '同意延期', supervisor: zhao },
        },
        { actor: SUPERVISOR },
      ),
    )
    const approved = fold(events)!
    expect(approvedExtensionToRecord(approved)?.decision).toMatchObject({
      approved: true,
      comment: '同意延期',
      supervisor: zhao,
    })
    expect(nextStep(approved)).toBe('complaint.extended')
    expect(approved.extensions).toEqual([])
    events.push(
      f.make({
        type: 'complaint.extended',
        payload: {
          reason: '核查',
          newDueDate: '2026-04-20',
          noticeChannel: 'sms',
          noticeAt: '2026-03-10T10:00:00+08:00',
          approvedBy: zhao,
        },
      }),
    )
    const recorded = fold(events)!
    expect(approvedExtensionToRecord(recorded)).toBeUndefined()
    expect(nextStep(recorded)).toBe('validity.judged')
  })

  it('keeps the first decision when two supervisors answer the same request offline', () => {
    const { f, events } = handled()
    const request = f.make({ type: 'extension.requested', payload: { reason: '核查', newDueDate: '2026-04-20' } })
    const qian = { staffId: 'staff-qian', staffName: '钱主管' }
    events.push(
      request,
      f.make(
        {
          type: 'extension.decided',
          payload: { requestId: request.id, approved: false, comment: '不同意', supervisor: zhao },
        },
        { actor: SUPERVISOR },
      ),
      f.make({
        type: 'extension.decided',
        payload: { requestId: request.id, approved: true, comment: '同意', supervisor: qian },
      }),
    )
    expect(fold(events)!.extensionRequests[0]!.decision).toMatchObject({ approved: false, supervisor: zhao })
  })

  it('lists escalations without a plan, oldest first, and nothing for a closed complaint', () => {
    const a = eventFactory({ start: Date.parse('2026-03-03T01:00:00Z') })
    const b = eventFactory({ start: Date.parse('2026-03-02T01:00:00Z') })
    const sa = fold([
      a.make({ type: 'complaint.recorded', payload: RECORDED }),
      a.make({ type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } }),
    ])!
    const sb = fold([
      b.make({ type: 'complaint.recorded', payload: RECORDED }),
      b.make({ type: 'complaint.escalated', payload: { reason: '涉及多名员工' } }),
    ])!
    expect(deskItems([sa, sb]).map((i) => i.reason)).toEqual(['涉及多名员工', '客户要求赔偿'])
    const withPlan = fold([
      a.make({ type: 'complaint.recorded', payload: RECORDED }),
      a.make({ type: 'complaint.escalated', payload: { reason: '赔偿' } }),
      a.make({ type: 'supervisor.planRecorded', payload: { plan: '按规定赔付', supervisor: zhao } }),
    ])!
    expect(deskItems([withPlan])).toEqual([])
  })
})
