import type { FastifyBaseLogger } from 'fastify'
import { purgeExpiredCredentials } from './auth/deviceTokens'
import { purgeSignInFailures } from './auth/signInGuard'
import type { Database } from './db/Database'

const EVERY_MS = 60 * 60_000

/** Purges expired sessions and tokens and old sign-in failures now and every hour (the timer never holds the process). */
export function startHousekeeping(db: Database, log: FastifyBaseLogger): void {
  const run = async () => {
    try {
      await purgeExpiredCredentials(db)
      await purgeSignInFailures(db)
    } catch (e) {
      log.warn({ error: (e as Error).message }, 'housekeeping failed')
    }
  }
  void run()
  setInterval(() => void run(), EVERY_MS).unref()
}
