import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { ComplaintEvent } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { openPglite, wrapPglite } from '../../src/server/db/openPglite'
import { migratedTemplate } from '../server/backends'
import { seedBank } from '../server/fixtures'
import type { Centre } from './schedule'

/**
 * The real server (Fastify, PGlite on disk): tablets enrolled through its API, requests through its routes, and a
 * restart that closes and reopens the database.
 */
export async function databaseCentre(
  seed: number,
  tablets: number,
): Promise<{ centre: Centre; deviceId: (i: number) => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'converge-'))
  let db: Database = await openMigrated(dir)
  await seedBank(db)
  let app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
  const signIn = (
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'li', password: 'correct horse battery' },
    })
  ).json()
  const deviceId = (i: number) => `tab-${seed}-${i}`
  const tokens: string[] = []
  for (let i = 0; i < tablets; i++) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      headers: { authorization: `Bearer ${signIn.token}` },
      payload: { deviceId: deviceId(i), name: `T${i}` },
    })
    tokens.push(r.json().deviceToken)
  }
  const send = async (i: number, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${tokens[i]}` },
    })
    if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}: ${res.body}`)
    return res.json()
  }
  const centre: Centre = {
    push: (i, r) => send(i, 'POST', '/api/sync/push', r),
    pull: (i, after, limit) => send(i, 'GET', `/api/sync/pull?protocol=1&after=${after}&limit=${limit}`),
    async restart() {
      await app.close()
      await db.close()
      db = await openPglite(dir)
      await migrate(db)
      app = await buildApp({ db, distDir: '/nonexistent' })
    },
    async stored() {
      return (
        await db.query<{ body: ComplaintEvent }>('select body from events where branch_id = $1 order by server_seq', [
          'b1',
        ])
      ).rows.map((r) => r.body)
    },
    async close() {
      await app.close()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return { centre, deviceId }
}

/**
 * A new database on disk in `dir`, as openPglite lays it out, loaded from the run's migrated template when there is
 * one (no initdb); the restarts reopen it with openPglite itself.
 */
async function openMigrated(dir: string): Promise<Database> {
  const template = migratedTemplate()
  if (!template) {
    const db = await openPglite(dir)
    await migrate(db)
    return db
  }
  const path = join(dir, 'pglite')
  mkdirSync(path, { recursive: true })
  return wrapPglite(await PGlite.create(path, { loadDataDir: template }))
}
