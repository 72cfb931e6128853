import type { Database } from '../db/Database'
import { projectComplaints, PROJECTION_VERSION } from './projectComplaints'

const BATCH = 500

/**
 * Recomputes the projection's rows a batch at a time, each batch in its own transaction: `stale`, the rows an older
 * server projected (at start, after an update); `open`, every complaint not closed or withdrawn (after the centre
 * changed the calendar or the deadline policy, which move their deadlines). Returns how many rows it refolded.
 */
export async function reprojectComplaints(db: Database, which: 'stale' | 'open'): Promise<number> {
  const where = which === 'stale' ? 'projection_version < $1' : `status not in ('closed', 'withdrawn') and $1::int is not null`
  let done = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const { rows } = await db.query<{ id: string }>(`select id from complaints where ${where} and id > $2 order by id limit ${BATCH}`, [PROJECTION_VERSION, after])
    if (rows.length === 0) return done
    await db.transaction((tx) => projectComplaints(tx, rows.map((r) => r.id)))
    done += rows.length
    after = rows.at(-1)!.id
  }
}
