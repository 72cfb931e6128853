import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { lockDataDir } from './dataDirLock'
import type { Database, Queryable } from './Database'

/**
 * The embedded default: PostgreSQL in WebAssembly, its files in `${dataDir}/pglite` (in memory without a dir). One
 * process at a time: the directory is locked until the database is closed (see dataDirLock.ts).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (!dataDir) return wrapPglite(await PGlite.create())
  const path = join(dataDir, 'pglite')
  mkdirSync(path, { recursive: true })
  const release = lockDataDir(dataDir)
  try {
    const db = wrapPglite(await PGlite.create(path))
    return { ...db, close: () => db.close().finally(release) }
  } catch (e) {
    release()
    throw e
  }
}

/** The Database interface over a PGlite instance (the benchmark keeps the instance for COPY). */
export function wrapPglite(pg: PGlite): Database {
  const wrap = (c: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: (sql, params) => c.query(sql, params) as never,
    exec: async (sql) => void (await c.exec(sql)),
  })
  return {
    kind: 'pglite',
    ...wrap(pg),
    // PGlite is a single connection; its transaction() serialises callers.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  }
}
