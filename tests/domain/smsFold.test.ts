import { describe, expect, it } from 'vitest'
import {
  admitEvents,
  CENTRE_ACTOR,
  centreHlc,
  decide,
  encodeHlc,
  fold,
  isDecided,
  moveRefusal,
  newId,
  nextStep,
  parseEvent,
} from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

const PHONE = RECORDED.customer.phone!

/** A complaint judged valid and told its decision by SMS through the centre. */
function notifiedBySms() {
  const f = eventFactory()
  const recorded = f.make({ type: 'complaint.recorded', payload: RECORDED })
  const judged = f.make({ type: 'validity.judged', payload: { verdict: 'invalid', reason: '按规定办理' } })
  const notice = f.make({
    type: 'decision.notified',
    payload: {
      channel: 'sms',
      notifiedAt: '2026-03-02T10:30:00+08:00',
      decision: '致歉',
      findings: '属实',
      basis: '服务规范',
      remedies: ['review', 'mediation', 'arbitration', 'litigation'],
      content: '您好…',
    },
  })
  const request = f.make({
    type: 'sms.requested',
    payload: { recipientPhone: PHONE, messageText: '您好…', purpose: 'decision', aboutEventId: notice.id },
  })
  let last = [request.hlc]
  const answer = (draft: EventDraft): ComplaintEvent => {
    const hlc = centreHlc(last, Date.parse('2026-03-02T02:40:00Z'))
    last = [...last, hlc]
    const parsed = parseEvent({
      id: newId(),
      complaintId: f.complaintId,
      branchId: 'branch-1',
      v: 1,
      hlc,
      actor: CENTRE_ACTOR,
      ...draft,
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    return parsed.value
  }
  return { base: [recorded, judged, notice, request], notice, request, answer }
}

describe('SMS through the centre, folded', () => {
  it('follows the gateway: requested, accepted with its message id, delivered with the receipt’s time', () => {
    const { base, request, answer } = notifiedBySms()
    expect(fold(base)!.sms).toEqual([
      expect.objectContaining({ eventId: request.id, status: 'requested', recipientPhone: PHONE, purpose: 'decision' }),
    ])
    const accepted = answer({ type: 'sms.accepted', payload: { requestId: request.id, messageId: 'M-1' } })
    expect(fold([...base, accepted])!.sms![0]).toMatchObject({ status: 'accepted', messageId: 'M-1' })
    const delivered = answer({
      type: 'sms.delivered',
      payload: { requestId: request.id, deliveredAt: '2026-03-02T10:31:00+08:00' },
    })
    const s = fold([...base, accepted, delivered])!
    expect(s.sms![0]).toMatchObject({ status: 'delivered', messageId: 'M-1', deliveredAt: '2026-03-02T10:31:00+08:00' })
    expect(isDecided(s)).toBe(true)
  })

  it('a failed SMS takes its decision notice back: the procedure asks for the notice again and the complaint cannot close', () => {
    const { base, notice, request, answer } = notifiedBySms()
    expect(nextStep(fold(base)!)).toBe('complaint.resolved')
    const accepted = answer({ type: 'sms.accepted', payload: { requestId: request.id, messageId: 'M-2' } })
    const failed = answer({ type: 'sms.failed', payload: { requestId: request.id, reason: 'UNDELIVERED: 空号' } })
    const s = fold([...base, accepted, failed])!
    expect(s.sms![0]).toMatchObject({ status: 'failed', reason: 'UNDELIVERED: 空号' })
    expect(s.notices.map((n) => n.eventId)).not.toContain(notice.id)
    expect(isDecided(s)).toBe(false)
    expect(nextStep(s)).toBe('decision.notified')
    expect(moveRefusal(s, 'complaint.closed')).toBe('closeNeedsNotice')
  })

  it('a delivery is final: a late failure or a second report changes nothing, in any order of arrival', () => {
    const { base, request, answer } = notifiedBySms()
    const accepted = answer({ type: 'sms.accepted', payload: { requestId: request.id, messageId: 'M-3' } })
    const delivered = answer({
      type: 'sms.delivered',
      payload: { requestId: request.id, deliveredAt: '2026-03-02T10:31:00+08:00' },
    })
    const again = answer({
      type: 'sms.delivered',
      payload: { requestId: request.id, deliveredAt: '2026-03-02T10:45:00+08:00' },
    })
    const failed = answer({ type: 'sms.failed', payload: { requestId: request.id, reason: 'late' } })
    const events = [...base, accepted, delivered, again, failed]
    const s = fold(events)!
    expect(s.sms![0]).toMatchObject({ status: 'delivered', deliveredAt: '2026-03-02T10:31:00+08:00' })
    expect(fold([...events].reverse())).toEqual(s)
    expect(isDecided(s)).toBe(true)
  })

  it('orders the centre’s answer after the request even when the centre’s clock is behind the tablet’s', () => {
    const requestHlc = encodeHlc({ wall: Date.parse('2026-03-02T02:40:00Z'), counter: 3, node: 'tab-1' })
    const answer = centreHlc([requestHlc], Date.parse('2026-03-02T02:39:00Z'))
    expect(answer > requestHlc).toBe(true)
    expect(answer.endsWith(':centre')).toBe(true)
  })

  it('sends only to the complaint’s customer, and no tablet may make the gateway’s answers', () => {
    const { base, request } = notifiedBySms()
    const s = fold(base)!
    expect(
      decide(s, {
        type: 'sms.requested',
        payload: { recipientPhone: '13900000000', messageText: '广告', purpose: 'contact' },
      }),
    ).toEqual({ ok: false, refusal: 'smsNotCustomerPhone' })
    expect(
      decide(s, { type: 'sms.requested', payload: { recipientPhone: PHONE, messageText: '进度', purpose: 'contact' } })
        .ok,
    ).toBe(true)
    expect(
      decide(s, {
        type: 'sms.delivered',
        payload: { requestId: request.id, deliveredAt: '2026-03-02T10:31:00+08:00' },
      }),
    ).toEqual({ ok: false, refusal: 'centreOnly' })
  })

  it('the centre refuses a tablet’s forged receipt and an SMS to another number', () => {
    const { base, request } = notifiedBySms()
    const f = eventFactory({ complaintId: base[0]!.complaintId, start: Date.parse('2026-03-02T02:50:00Z') })
    const forged = f.make({
      type: 'sms.delivered',
      payload: { requestId: request.id, deliveredAt: '2026-03-02T10:31:00+08:00' },
    } as EventDraft)
    const elsewhere = f.make({
      type: 'sms.requested',
      payload: { recipientPhone: '13900000000', messageText: '广告', purpose: 'contact' },
    })
    const actor = base[0]!.actor
    const { results } = admitEvents(
      [forged.id, elsewhere.id],
      [forged, elsewhere].map((e) => parseEvent(e)),
      {
        device: { deviceId: actor.deviceId, branchId: 'branch-1' },
        nowMs: Date.parse('2026-03-02T03:00:00Z'),
        staff: new Map([[actor.staffId, { role: 'manager', names: [actor.staffName] }]]),
        stored: new Map(),
        complaints: new Map([[base[0]!.complaintId, { branchId: 'branch-1', events: base }]]),
      },
    )
    expect(results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'forbidden' }),
      expect.objectContaining({ status: 'rejected', reason: 'refused', message: 'smsNotCustomerPhone' }),
    ])
  })
})
