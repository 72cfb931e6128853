import type { Database } from './Database'
import { MIGRATIONS } from './migrations'

/** An arbitrary, fixed key: two servers starting at once take turns instead of migrating twice. */
const LOCK_KEY = 7_340_213

/**
 * Applies the migrations not yet applied, all in one transaction under an advisory lock: a failing migration leaves
 * none of this run applied. Returns the ids it applied.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY])
    await tx.query(`create table if not exists schema_migrations (
      id int primary key, name text not null, applied_at timestamptz not null default now())`)
    const done = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).rows.map((r) => r.id))
    const applied: number[] = []
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue
      await tx.exec(m.sql)
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name])
      applied.push(m.id)
    }
    return applied
  })
}
