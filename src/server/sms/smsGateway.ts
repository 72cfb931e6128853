import type { Config } from '../config'

/** What the centre asks the gateway to send. `reference`: the request event's id, the gateway's idempotency key. */
export interface SmsMessage {
  reference: string
  recipientPhone: string
  messageText: string
}

/**
 * The gateway's answer to a send: taken (its message id), refused for good (an invalid number, a blocked text), or
 * not reached (a timeout, a 5xx, a 429): tried again later with the same reference.
 */
export type SendResult =
  | { kind: 'accepted'; messageId: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unavailable'; reason: string }

export interface SmsGateway {
  send(message: SmsMessage): Promise<SendResult>
}

/** The administrator's settings of the gateway (environment), and the centre's sending limits. */
export interface SmsSettings {
  url: string
  key: string
  senderId: string
  templateId?: string
  callbackSecret: string
  perMinute: number
  perBranchPerMinute: number
}

export function smsSettingsOf(config: Config): SmsSettings | undefined {
  if (!config.SMS_GATEWAY_URL || !config.SMS_GATEWAY_KEY || !config.SMS_SENDER_ID || !config.SMS_CALLBACK_SECRET)
    return undefined
  return {
    url: config.SMS_GATEWAY_URL,
    key: config.SMS_GATEWAY_KEY,
    senderId: config.SMS_SENDER_ID,
    templateId: config.SMS_TEMPLATE_ID,
    callbackSecret: config.SMS_CALLBACK_SECRET,
    perMinute: config.SMS_PER_MINUTE,
    perBranchPerMinute: config.SMS_PER_BRANCH_PER_MINUTE,
  }
}

/**
 * A gateway's words may quote the number it refused: digit runs long enough to be a phone number are cut before the
 * reason is stored on the timeline or logged.
 */
export function scrubReason(reason: string): string {
  return reason.replace(/\+?\d[\d\s-]{5,}\d/g, '…').slice(0, 200) || 'unknown'
}

const TIMEOUT_MS = 10_000

/**
 * The HTTP shape most Chinese SMS platforms and the cloud SMS APIs share: a JSON POST with the sender id, the number,
 * a free text (or a template id with the text as its one parameter), the caller's own reference (which the gateway
 * uses to refuse a second send of the same message, and echoes in its delivery receipts), an API key; a message id
 * back. Delivery receipts come to `POST /api/sms/receipts` (smsRoutes.ts).
 */
export function httpGateway(
  settings: Pick<SmsSettings, 'url' | 'key' | 'senderId' | 'templateId'>,
  timeoutMs = TIMEOUT_MS,
): SmsGateway {
  return {
    async send(m) {
      const body = {
        senderId: settings.senderId,
        to: m.recipientPhone,
        reference: m.reference,
        ...(settings.templateId
          ? { templateId: settings.templateId, params: { text: m.messageText } }
          : { text: m.messageText }),
      }
      let res: Response
      try {
        res = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.key}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (e) {
        return { kind: 'unavailable', reason: (e as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' }
      }
      const answer = (await res.json().catch(() => ({}))) as { messageId?: unknown; code?: unknown; message?: unknown }
      if (res.ok && typeof answer.messageId === 'string' && answer.messageId)
        return { kind: 'accepted', messageId: answer.messageId.slice(0, 128) }
      const said = [answer.code, answer.message].filter((x) => typeof x === 'string' && x).join(': ')
      const reason = scrubReason(said || `HTTP ${res.status}`)
      // Too many requests, or the gateway's own failure: the same message may be tried again; anything else is final.
      if (res.status === 429 || res.status >= 500 || (res.ok && !answer.messageId))
        return { kind: 'unavailable', reason }
      return { kind: 'refused', reason }
    },
  }
}
