import { describe, expect, it } from 'vitest'
import { fold, nextStep } from '@/domain'
import type { EventDraft } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

function after(...drafts: EventDraft[]) {
  const f = eventFactory()
  return fold([f.make({ type: 'complaint.recorded', payload: RECORDED }), ...drafts.map((d) => f.make(d))])!
}
const VALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'valid', reason: 'r' } }
const PLAN: EventDraft = {
  type: 'plan.proposed',
  payload: { cause: 'c', plan: 'p', responsible: { staffId: 's', staffName: 'S' } },
}
/** A contact of the retired purpose `reply`, as stored: it reads as the decision notice. */
const REPLY: EventDraft = {
  type: 'customer.contacted',
  payload: { channel: 'phone', purpose: 'reply', content: 'x', contactedAt: '2026-03-02T10:00:00+08:00' },
}
const PROGRESS: EventDraft = {
  type: 'customer.contacted',
  payload: { channel: 'phone', purpose: 'progress', content: 'x', contactedAt: '2026-03-02T10:00:00+08:00' },
}

describe('nextStep follows the procedure', () => {
  it.each([
    ['a new complaint: respond', [], 'complaint.acknowledged'],
    ['responded: judge validity', [{ type: 'complaint.acknowledged', payload: {} }], 'validity.judged'],
    ['valid: plan', [VALID], 'plan.proposed'],
    ['planned: tell the decision', [VALID, PLAN], 'decision.notified'],
    ['a progress call is no decision', [VALID, PLAN, PROGRESS], 'decision.notified'],
    [
      'invalid: tell the decision too',
      [{ type: 'validity.judged', payload: { verdict: 'invalid', reason: 'r' } }],
      'decision.notified',
    ],
    ['replied: resolve', [VALID, PLAN, REPLY], 'complaint.resolved'],
    [
      'resolved: hear the customer',
      [VALID, PLAN, REPLY, { type: 'complaint.resolved', payload: { summary: 's' } }],
      'opinion.recorded',
    ],
    [
      'escalated: the supervisor’s plan',
      [{ type: 'complaint.escalated', payload: { reason: 'r' } }],
      'supervisor.planRecorded',
    ],
    [
      'closed: schedule the follow-up',
      [
        { type: 'validity.judged', payload: { verdict: 'invalid', reason: 'r' } },
        { type: 'complaint.closed', payload: {} },
      ],
      'followUp.scheduled',
    ],
  ] as [string, EventDraft[], string][])('%s', (_name, drafts, expected) => {
    expect(nextStep(after(...drafts))).toBe(expected)
  })
})

describe('a major complaint (20 people or more, Art. 29)', () => {
  function major(size: number, ...drafts: EventDraft[]) {
    const f = eventFactory()
    const representatives = ['甲', '乙', '丙']
    return fold([
      f.make({ type: 'complaint.recorded', payload: { ...RECORDED, group: { size, representatives } } }),
      ...drafts.map((d) => f.make(d)),
    ])!
  }
  it('goes to the supervisor first', () => {
    expect(nextStep(major(20))).toBe('complaint.escalated')
    expect(nextStep(major(25, { type: 'complaint.acknowledged', payload: {} }))).toBe('complaint.escalated')
  })
  it('a group under 20 follows the usual steps', () => {
    expect(nextStep(major(19))).toBe('complaint.acknowledged')
  })
  it('once reported, the supervisor’s plan, then the usual steps', () => {
    const escalated = { type: 'complaint.escalated', payload: { reason: '重大投诉' } } as const
    expect(nextStep(major(20, escalated))).toBe('supervisor.planRecorded')
    const planned = {
      type: 'supervisor.planRecorded',
      payload: { plan: '启动应急预案', supervisor: { staffId: 's', staffName: '主管' } },
    } as EventDraft
    expect(nextStep(major(20, escalated, planned))).toBe('validity.judged')
  })
})
