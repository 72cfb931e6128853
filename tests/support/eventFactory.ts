import { encodeHlc, EVENT_SCHEMA_VERSION, newId } from '@/domain'
import type { Actor, ComplaintEvent, EventDraft, PayloadInput } from '@/domain'

export const ACTOR: Actor = { staffId: 'staff-li', staffName: '李经理', deviceId: 'tablet-a' }

export const RECORDED: PayloadInput<'complaint.recorded'> = {
  customer: { name: '王芳', phone: '13812345678', consentSms: true, consentPhone: true },
  channel: 'inPerson',
  kind: 'complaint',
  category: 'cards',
  cause: 'process',
  description: '在柜台办理挂失等待了一个小时',
  demand: '希望缩短等待时间并致歉',
  customerPresent: true,
  receivedAt: '2026-03-02T09:30:00+08:00',
}

/** Builds stamped, valid events for tests with a controllable clock; refuses nothing (tests of refusals call decide). */
export function eventFactory(options: { complaintId?: string; branchId?: string; actor?: Actor; start?: number } = {}) {
  const complaintId = options.complaintId ?? newId()
  const actor = options.actor ?? ACTOR
  let wall = options.start ?? Date.parse('2026-03-02T01:30:00Z')
  return {
    complaintId,
    make(draft: EventDraft, over: Partial<{ actor: Actor; wall: number }> = {}): ComplaintEvent {
      wall = over.wall ?? wall + 60_000
      const a = over.actor ?? actor
      return {
        id: newId(),
        complaintId,
        branchId: options.branchId ?? 'branch-1',
        v: EVENT_SCHEMA_VERSION,
        hlc: encodeHlc({ wall, counter: 0, node: a.deviceId }),
        actor: a,
        ...(draft as { type: ComplaintEvent['type']; payload: never }),
      } as ComplaintEvent
    },
  }
}
