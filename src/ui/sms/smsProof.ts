import type { ComplaintState, SmsRecord } from '@/domain'

/**
 * The proof an SMS contact or notice has: the centre's record of it (requested, taken by the gateway, delivered,
 * failed), or none — the manager declared it sent through the tablet's `sms:` link, which proves nothing.
 */
export type SmsProof = { kind: 'declared' } | { kind: 'gateway'; sms: SmsRecord }

export function smsProofOf(c: ComplaintState, eventId: string): SmsProof {
  const sms = (c.sms ?? []).findLast((m) => m.aboutEventId === eventId)
  return sms ? { kind: 'gateway', sms } : { kind: 'declared' }
}

/** SMS whose notice or contact is no longer in the record's lists (a failed decision notice is taken out of them). */
export function orphanSms(c: ComplaintState): SmsRecord[] {
  const listed = new Set([...c.contacts.map((x) => x.eventId), ...c.notices.map((n) => n.eventId)])
  return (c.sms ?? []).filter((m) => !m.aboutEventId || !listed.has(m.aboutEventId))
}
