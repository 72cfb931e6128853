import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/Database'
import { refoldComplaints } from './projectComplaints'
import { FINISHED_SQL } from '../../domain'

const CHUNK = 200

/**
 * After the calendar or the deadline policy changes, every open complaint's deadlines are computed again, so the desk
 * and the reports follow at once (the tablets do the same on their next pull). Branch by branch, under the branch's
 * lock, so a push landing meanwhile is never overwritten by a refold that did not see it.
 */
export async function reprojectOpenComplaints(db: Database, now = new Date()): Promise<number> {
  const branches = (
    await db.query<{ branch_id: string }>(
      `select distinct branch_id from complaints where status not in ${FINISHED_SQL}`,
    )
  ).rows.map((r) => r.branch_id)
  let done = 0
  for (const branch of branches) {
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const ids = await db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${branch}`])
        const { rows } = await tx.query<{ id: string }>(
          `select id from complaints where branch_id = $1 and status not in ${FINISHED_SQL} and id > $2 order by id limit ${CHUNK}`,
          [branch, after],
        )
        await refoldComplaints(
          tx,
          rows.map((r) => r.id),
          now,
        )
        return rows.map((r) => r.id)
      })
      done += ids.length
      if (ids.length < CHUNK) break
      after = ids.at(-1)!
    }
  }
  return done
}

/** The same in the background: the administrator's save answers at once. */
export function reprojectOpenInBackground(db: Database, log: FastifyBaseLogger): Promise<void> {
  const started = Date.now()
  return reprojectOpenComplaints(db)
    .then((n) =>
      log.info({ complaints: n, ms: Date.now() - started }, 'open complaints reprojected after a settings change'),
    )
    .catch((e: Error) => log.error({ error: e.message }, 'reprojection after a settings change failed'))
}
