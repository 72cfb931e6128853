import type { Database } from '../db/Database'
import { PROJECTION_VERSION, refoldComplaints } from './projectComplaints'

const BATCH = 500

/**
 * At start, before anything is served: the rows an older server projected (a lower projection_version) are refolded
 * with this one's clocks, a batch at a time, each in its own transaction. Returns how many rows it refolded. (After a
 * settings change the open complaints are refolded by reprojectOpen.ts, under each branch's lock.)
 */
export async function reprojectStale(db: Database): Promise<number> {
  let done = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `select id from complaints where projection_version < $1 and id > $2 order by id limit ${BATCH}`,
      [PROJECTION_VERSION, after],
    )
    if (rows.length === 0) return done
    await db.transaction((tx) =>
      refoldComplaints(
        tx,
        rows.map((r) => r.id),
      ),
    )
    done += rows.length
    after = rows.at(-1)!.id
  }
}
