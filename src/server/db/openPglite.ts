import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Database, Queryable } from './Database'

/** The embedded default: PostgreSQL in WebAssembly, its files in `${dataDir}/pglite` (in memory without a dir). */
export async function openPglite(dataDir?: string): Promise<Database> {
  let path: string | undefined
  if (dataDir) {
    path = join(dataDir, 'pglite')
    mkdirSync(path, { recursive: true })
  }
  return wrapPglite(await PGlite.create(path))
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
