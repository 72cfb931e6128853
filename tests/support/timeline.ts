import { fold } from '@/domain'
import type { Actor, ComplaintEvent, ComplaintState, EventDraft, PayloadInput } from '@/domain'
import { eventFactory, RECORDED } from './eventFactory'

export const ZHAO: Actor = { staffId: 'staff-zhao', staffName: '赵主管', deviceId: 'tablet-a' }
export const QIAN: Actor = { staffId: 'staff-qian', staffName: '钱总', deviceId: 'tablet-a' }

/** One event of a complaint's history: when it was recorded (China wall clock, `YYYY-MM-DD HH:mm`) and what. */
export type Step = [recordedAt: string, draft: EventDraft, actor?: Actor]

/** `2026-03-02 09:00` (China) as an instant in ms. */
export const cn = (t: string) => Date.parse(`${t.replace(' ', 'T')}:00+08:00`)
export const cnIso = (t: string) => new Date(cn(t)).toISOString()

/**
 * A complaint received at `receivedAt` (China wall clock) and recorded then, with later events recorded at the
 * given times; the events in recording order, and the folded state.
 */
export function history(
  receivedAt: string,
  steps: Step[] = [],
  extra: Partial<PayloadInput<'complaint.recorded'>> = {},
) {
  const f = eventFactory({ start: cn(receivedAt) })
  const events: ComplaintEvent[] = [
    f.make(
      { type: 'complaint.recorded', payload: { ...RECORDED, ...extra, receivedAt: cnIso(receivedAt) } },
      { wall: cn(receivedAt) },
    ),
  ]
  for (const [at, draft, actor] of steps) events.push(f.make(draft, { wall: cn(at), actor }))
  return { f, events, state: fold(events)! as ComplaintState }
}

export const notice = (notifiedAt: string, over: Partial<PayloadInput<'decision.notified'>> = {}): EventDraft => ({
  type: 'decision.notified',
  payload: {
    channel: 'sms',
    notifiedAt: cnIso(notifiedAt),
    decision: '退还年费',
    findings: '扣费未事先告知',
    basis: '收费须事先告知（合同第 5 条）',
    remedies: ['review', 'mediation', 'arbitration', 'litigation'],
    content: '短信全文',
    ...over,
  },
})

export const extension = (
  newDueDate: string,
  noticeAt: string,
  over: Partial<PayloadInput<'complaint.extended'>> = {},
): EventDraft => ({
  type: 'complaint.extended',
  payload: { reason: '需调取监控', newDueDate, noticeChannel: 'sms', noticeAt: cnIso(noticeAt), ...over },
})

export const contact = (purpose: PayloadInput<'customer.contacted'>['purpose'], contactedAt: string): EventDraft => ({
  type: 'customer.contacted',
  payload: { channel: 'phone', purpose, content: '电话联系', contactedAt: cnIso(contactedAt) },
})

export const VALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }
export const INVALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'invalid', reason: '系统正常' } }
