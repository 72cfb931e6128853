import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { openPglite, wrapPglite } from '../../src/server/db/openPglite'
import { openPostgres } from '../../src/server/db/openPostgres'

export interface Backend {
  name: string
  kind: Database['kind']
  /**
   * A fresh database: PGlite in memory, or its own new schema on the real server (dropped by `close()`).
   * Migrated unless `{ migrate: false }`. Opening PGlite takes 2–3 s even from the migrated template: open one per
   * test file (in `beforeAll`).
   */
  open(options?: { migrate?: boolean }): Promise<Database>
}

/** The real server to test on as well, when set (CI sets it): `postgres://app:app@127.0.0.1:5432/complaints`. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined

const pgliteBackend: Backend = {
  name: 'PGlite',
  kind: 'pglite',
  async open(options = {}) {
    if (options.migrate === false) return openPglite()
    const template = migratedTemplate()
    if (template) return wrapPglite(await PGlite.create({ loadDataDir: template }))
    const db = await openPglite()
    await migrate(db)
    return db
  },
}

/**
 * The migrated database tests/support/pgliteTemplateSetup.ts dumped for this run (none when a file runs outside the
 * server project): a copy of it is a fresh, migrated PGlite without initdb.
 */
export function migratedTemplate(): Blob | undefined {
  const file = process.env.PGLITE_TEMPLATE
  return file && file !== 'off' ? new Blob([readFileSync(file)]) : undefined
}

/** A new, empty schema with a random name on the real server, and how to drop it. */
export async function createSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `test_${randomBytes(6).toString('hex')}`
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(sql)
    } finally {
      await admin.end()
    }
  }
  await run(`create schema ${schema}`)
  return { schema, drop: () => run(`drop schema if exists ${schema} cascade`) }
}

function postgresBackend(url: string): Backend {
  return {
    name: 'PostgreSQL',
    kind: 'postgres',
    async open(options = {}) {
      const { schema, drop } = await createSchema(url)
      // Every connection of the pool starts with search_path = the test's schema: tables land there.
      const db = await openPostgres(url, { searchPath: schema })
      if (options.migrate !== false) await migrate(db)
      let closed: Promise<void> | undefined
      return {
        ...db,
        // Idempotent (a test may close it to see the server fail), and the schema is dropped either way.
        close: () => (closed ??= db.close().finally(() => drop().catch(() => undefined))),
      }
    },
  }
}

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). Use with `describe.each`. */
export const BACKENDS: Backend[] = [pgliteBackend, ...(TEST_DATABASE_URL ? [postgresBackend(TEST_DATABASE_URL)] : [])]
