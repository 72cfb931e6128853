import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { Database } from '../db/Database'
import { runAlertRound } from './dispatchAlerts'
import { emailChannel } from './mailer'

const EVERY_MS = 60_000

/**
 * Every minute: queue the deadlines due before the end of the next working day and send the queued alerts (one round
 * at a time; the timer never holds the process). Logs counts only, never an address or a case.
 */
export function startAlerts(db: Database, log: FastifyBaseLogger, config: Config): void {
  const channel = emailChannel(config)
  if (!channel) log.info('alerts: no SMTP_HOST configured, alerts are queued but not e-mailed')
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      const r = await runAlertRound(db, { channel, digestHour: config.ALERT_DIGEST_HOUR })
      if (r.failed > 0) log.warn({ sent: r.sent, failed: r.failed }, 'alerts: some could not be sent, retrying later')
    } catch (e) {
      log.warn({ error: (e as Error).message }, 'alerts round failed')
    } finally {
      running = false
    }
  }
  void run()
  setInterval(() => void run(), EVERY_MS).unref()
}
