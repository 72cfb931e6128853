import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { Database } from '../db/Database'
import { runAlertRound } from './dispatchAlerts'
import { httpGateway, smsSettingsOf } from '../sms/smsGateway'
import { emailChannel } from './mailer'
import { smsAlertChannel } from './smsAlertChannel'

/**
 * Every ALERT_ROUND_SECONDS (a minute): queue the deadlines due before the end of the next working day and send the queued alerts by
 * e-mail and SMS (one round at a time; the timer never holds the process). Logs counts only, never an address or a case.
 */
export function startAlerts(db: Database, log: FastifyBaseLogger, config: Config): void {
  const channel = emailChannel(config)
  if (!channel) log.info('alerts: no SMTP_HOST configured, alerts are queued but not e-mailed')
  const settings = smsSettingsOf(config)
  const sms = smsAlertChannel(settings && httpGateway(settings))
  if (!sms) log.info('alerts: no SMS gateway configured, SMS alerts are queued but not sent')
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      const r = await runAlertRound(db, { channel, sms, digestHour: config.ALERT_DIGEST_HOUR })
      if (r.failed > 0) log.warn({ sent: r.sent, failed: r.failed }, 'alerts: some could not be sent, retrying later')
    } catch (e) {
      log.warn({ error: (e as Error).message }, 'alerts round failed')
    } finally {
      running = false
    }
  }
  void run()
  setInterval(() => void run(), config.ALERT_ROUND_SECONDS * 1000).unref()
}
