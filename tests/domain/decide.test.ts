import { describe, expect, it } from 'vitest'
import { decide, fold } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

function stateAfter(...drafts: EventDraft[]) {
  const f = eventFactory()
  const events: ComplaintEvent[] = [
    f.make({ type: 'complaint.recorded', payload: RECORDED }),
    ...drafts.map((d) => f.make(d)),
  ]
  return fold(events)!
}

describe('decide', () => {
  it('records a new complaint and refuses to record it twice', () => {
    expect(decide(null, { type: 'complaint.recorded', payload: RECORDED }).ok).toBe(true)
    expect(decide(stateAfter(), { type: 'complaint.recorded', payload: RECORDED })).toEqual({
      ok: false,
      refusal: 'alreadyRecorded',
    })
  })

  it('says which field is wrong', () => {
    const d = decide(null, { type: 'complaint.recorded', payload: { ...RECORDED, description: '' } })
    expect(d).toEqual({ ok: false, issues: [{ path: 'description', message: 'required' }] })
  })

  it.each(['valid', 'invalid', 'suggestion'] as const)(
    'refuses to close a %s complaint whose decision the customer has not been told',
    (verdict) => {
      const s = stateAfter({ type: 'validity.judged', payload: { verdict, reason: '已核实' } })
      expect(decide(s, { type: 'complaint.closed', payload: {} })).toEqual({ ok: false, refusal: 'closeNeedsNotice' })
    },
  )

  it('refuses to close before validity is judged', () => {
    expect(decide(stateAfter(), { type: 'complaint.closed', payload: {} })).toEqual({
      ok: false,
      refusal: 'closeNeedsVerdict',
    })
  })

  it('refuses handling moves on a closed complaint but allows follow-up and reopening', () => {
    const s = stateAfter(
      { type: 'validity.judged', payload: { verdict: 'invalid', reason: '系统正常' } },
      { type: 'complaint.closed', payload: {} },
    )
    expect(decide(s, { type: 'complaint.escalated', payload: { reason: 'x' } })).toEqual({
      ok: false,
      refusal: 'isClosed',
    })
    expect(decide(s, { type: 'followUp.done', payload: { channel: 'phone', content: '回访满意' } }).ok).toBe(true)
    expect(decide(s, { type: 'complaint.reopened', payload: { reason: '新情况' } }).ok).toBe(true)
  })

  it('validates a corrected value by its field', () => {
    const s = stateAfter()
    expect(
      decide(s, { type: 'field.corrected', payload: { field: 'customer.phone', value: '999', reason: 'r' } }),
    ).toEqual({ ok: false, refusal: 'invalidCorrection' })
    expect(
      decide(s, { type: 'field.corrected', payload: { field: 'customer.phone', value: '010-62345678', reason: 'r' } })
        .ok,
    ).toBe(true)
  })
})
