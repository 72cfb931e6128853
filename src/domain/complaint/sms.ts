import { decodeHlc, encodeHlc } from '../hlc'
import type { Actor } from './events'

/**
 * SMS sent through the bank's gateway by the centre. A tablet asks with `sms.requested` (offline too); the centre sends
 * it once the event arrives and records what the gateway answered as its own events (`sms.accepted`, `sms.delivered`,
 * `sms.failed`), which the tablets pull like any other. A delivery receipt is the proof of notice (2020 rule Art. 21);
 * without a gateway the tablet's `sms:` link and the manager's declaration remain, shown as declared, not proven.
 */

/** Who makes the gateway's answers: the centre itself, never a staff member or a tablet. */
export const CENTRE_ACTOR: Actor = { staffId: 'centre', staffName: 'centre', deviceId: 'centre' }

/** Events only the centre makes: a tablet pushing one is refused (admitEvents). */
export const CENTRE_EVENT_TYPES: ReadonlySet<string> = new Set(['sms.accepted', 'sms.delivered', 'sms.failed'])

/** Where a message stands: asked for on the tablet, taken by the gateway, then delivered or failed (final). */
export type SmsStatus = 'requested' | 'accepted' | 'delivered' | 'failed'

export const SMS_PURPOSES = ['decision', 'contact'] as const
export type SmsPurpose = (typeof SMS_PURPOSES)[number]

/** A delivery or failure is final: a late or repeated report never turns it back. */
export function isFinalSms(status: SmsStatus): boolean {
  return status === 'delivered' || status === 'failed'
}

/**
 * The clock of an event the centre makes: after every clock it answers (the request, an earlier answer), at the
 * centre's time when that is later. So the answer folds after what it answers on every tablet.
 */
export function centreHlc(after: readonly string[], nowMs: number): string {
  const seen = after.map(decodeHlc)
  const wall = Math.max(nowMs, ...seen.map((h) => h.wall))
  const same = seen.filter((h) => h.wall === wall)
  const counter = same.length ? Math.max(...same.map((h) => h.counter)) + 1 : 0
  return encodeHlc({ wall, counter, node: CENTRE_ACTOR.deviceId })
}
