import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { openPglite } from '../../src/server/db/openPglite'
import { openPostgres } from '../../src/server/db/openPostgres'

export interface Backend {
  name: string
  /** A fresh, migrated database (PGlite in memory, or its own schema on the real server). */
  open(): Promise<Database>
}

const pgliteBackend: Backend = {
  name: 'PGlite',
  async open() {
    const db = await openPglite()
    await migrate(db)
    return db
  },
}

function postgresBackend(url: string): Backend {
  return {
    name: 'PostgreSQL',
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`create schema ${schema}`)
      await admin.end()
      const db = await openPostgres(url, { searchPath: schema })
      await migrate(db)
      const close = db.close
      return {
        ...db,
        async close() {
          await db.exec(`drop schema ${schema} cascade`).catch(() => undefined)
          await close()
        },
      }
    },
  }
}

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const BACKENDS: Backend[] = [pgliteBackend, ...(process.env.TEST_DATABASE_URL ? [postgresBackend(process.env.TEST_DATABASE_URL)] : [])]
