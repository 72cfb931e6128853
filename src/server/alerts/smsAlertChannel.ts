import type { SmsGateway } from '../sms/smsGateway'
import { RefusedError } from './mailer'
import type { AlertChannel } from './mailer'

/**
 * Alerts by SMS through the same gateway adapter as customer SMS, but outside the complaint's timeline: no event, no
 * sms_jobs row, and the number is neither logged nor kept in an error (the gateway's words are scrubbed by the adapter).
 */
export function smsAlertChannel(gateway: SmsGateway | undefined): AlertChannel | undefined {
  if (!gateway) return undefined
  return {
    name: 'sms',
    async send(m) {
      const result = await gateway.send({
        reference: m.reference ?? '',
        recipientPhone: m.to,
        messageText: m.text,
      })
      if (result.kind === 'refused') throw new RefusedError(result.reason)
      if (result.kind === 'unavailable') throw new Error(result.reason)
    },
  }
}
