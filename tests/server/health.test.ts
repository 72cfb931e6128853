import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { SCHEMA_VERSION } from '../../src/server/db/migrations'
import { BACKENDS } from './backends'

describe.each(BACKENDS)('migrations and health on $name', (backend) => {
  let db: Database
  beforeAll(async () => {
    db = await backend.open()
  })
  afterAll(() => db.close())

  it('creates the sync-ready tables, and running again changes nothing', async () => {
    expect(await migrate(db)).toEqual([])
    const { rows } = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() order by table_name`,
    )
    expect(rows.map((r) => r.table_name)).toEqual([
      'alert_preferences',
      'alerts',
      'attachment_chunks',
      'attachments',
      'audit_log',
      'branches',
      'complaints',
      'device_staff',
      'devices',
      'enrolment_codes',
      'events',
      'schema_migrations',
      'sessions',
      'settings',
      'sign_in_failures',
      'sms_jobs',
      'staff',
      'staff_branches',
    ])
    const unique = await db.query(`select 1 from information_schema.table_constraints
      where table_schema = current_schema() and table_name = 'events' and constraint_type = 'UNIQUE'`)
    expect(unique.rows).toHaveLength(1)
  })

  it('reports the database kind and schema version', async () => {
    const app = await buildApp({ db, distDir: '/nonexistent' })
    const res = await app.inject('/api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: { kind: backend.name === 'PGlite' ? 'pglite' : 'postgres', ok: true, schemaVersion: SCHEMA_VERSION },
    })
    await app.close()
  })
})

describe('health when the database is down', () => {
  it('answers 503, not 500', async () => {
    const db = await BACKENDS[0]!.open()
    const app = await buildApp({ db, distDir: '/nonexistent' })
    await db.close()
    const res = await app.inject('/api/health')
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'degraded', database: { ok: false } })
    await app.close()
  })
})
