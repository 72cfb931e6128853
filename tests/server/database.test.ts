import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { MIGRATIONS } from '../../src/server/db/migrations'
import { openDatabase } from '../../src/server/db/openDatabase'
import { openPostgres } from '../../src/server/db/openPostgres'
import { BACKENDS, createSchema, TEST_DATABASE_URL } from './backends'

const event = (n: number) => [
  `0199bbbb-0000-7000-8000-${String(n).padStart(12, '0')}`,
  '0199bbbb-0000-7000-8000-aaaaaaaaaaaa',
  'b1',
  'complaint.recorded',
  1,
  `1772416800000:0000${n}:tab`,
  'tab',
  'li',
  JSON.stringify({ n }),
]
// Migration 1's events table, by its columns: the sync protocol depends on them.
const INSERT_EVENT = `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning server_seq`

describe.each(BACKENDS)('the database on $name', (backend) => {
  let db: Database
  beforeAll(async () => {
    db = await backend.open({ migrate: false })
  })
  afterAll(() => db.close())

  it('two servers migrating a blank database at once apply each migration exactly once', async () => {
    expect(db.kind).toBe(backend.kind)
    // On PostgreSQL each call runs on its own pooled connection: only the advisory lock keeps them apart.
    const [a, b] = await Promise.all([migrate(db), migrate(db)])
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.id))
    const { rows } = await db.query<{ id: number }>('select id from schema_migrations order by id')
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id))
  })

  it('migrating again after a restart changes nothing', async () => {
    expect(await migrate(db)).toEqual([])
  })

  it('the events table is ready for sync: identity sequence, unique event id, the two indexes', async () => {
    const first = await db.query<{ server_seq: number }>(INSERT_EVENT, event(1))
    const second = await db.query<{ server_seq: number }>(INSERT_EVENT, event(2))
    expect(typeof first.rows[0]!.server_seq).toBe('number')
    expect(second.rows[0]!.server_seq).toBeGreaterThan(first.rows[0]!.server_seq)
    await expect(db.query(INSERT_EVENT, event(1))).rejects.toThrow(/unique|duplicate/i)
    const indexes = await db.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = current_schema() and tablename = 'events'`,
    )
    const defs = indexes.rows.map((r) => r.indexdef)
    expect(defs.some((d) => /\(branch_id, server_seq\)/.test(d))).toBe(true)
    expect(defs.some((d) => /\(complaint_id\)/.test(d))).toBe(true)
  })

  it('a transaction commits what its function did, and rolls all of it back if the function throws', async () => {
    const count = async () => (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n
    const before = await count()
    await expect(
      db.transaction(async (tx) => {
        await tx.query(INSERT_EVENT, event(3))
        await tx.query(INSERT_EVENT, event(4))
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await count()).toBe(before)
    const seq = await db.transaction(
      async (tx) => (await tx.query<{ server_seq: number }>(INSERT_EVENT, event(5))).rows[0]!.server_seq,
    )
    expect(seq).toBeGreaterThan(0)
    expect(await count()).toBe(before + 1)
  })

  it('a transaction runs on one connection from its first statement to its last', async () => {
    const pids = await db.transaction(async (tx) => {
      const ids: number[] = []
      for (let i = 0; i < 3; i++) {
        ids.push((await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid)
        // Other work in between, on the pool. (Not on PGlite: it is one connection, and a query outside the
        // transaction waits for the transaction to end — inside `transaction(fn)` use `tx`, never `db`.)
        if (db.kind === 'postgres') await db.query('select 1')
      }
      return ids
    })
    expect(new Set(pids).size).toBe(1)
  })
})

describe.skipIf(!TEST_DATABASE_URL)('a real PostgreSQL that misbehaves', () => {
  const url = TEST_DATABASE_URL!
  let schema: Awaited<ReturnType<typeof createSchema>>
  let killer: pg.Client
  beforeAll(async () => {
    schema = await createSchema(url)
    killer = new pg.Client({ connectionString: url })
    await killer.connect()
  })
  afterAll(async () => {
    await killer.end()
    await schema.drop()
  })
  // As an administrator or a server restart would: the role may end its own connections.
  const terminate = (pid: number) => killer.query('select pg_terminate_backend($1)', [pid])

  it('an idle connection that breaks does not stop the server; the next query reconnects', async () => {
    const lost = vi.fn()
    const db = await openPostgres(url, { searchPath: schema.schema, onConnectionError: lost })
    try {
      await migrate(db)
      const app = await buildApp({ db, distDir: '/nonexistent' })
      const pid = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
      await terminate(pid)
      await vi.waitFor(() => expect(lost).toHaveBeenCalled())
      const health = await app.inject('/api/health')
      expect(health.statusCode).toBe(200)
      expect(health.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres', ok: true } })
      await app.close()
    } finally {
      await db.close()
    }
  })

  it('a connection that breaks inside a transaction fails that transaction only', async () => {
    const db = await openPostgres(url, { searchPath: schema.schema, onConnectionError: () => undefined })
    try {
      await expect(
        db.transaction(async (tx) => {
          const pid = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
          await terminate(pid)
          await new Promise((r) => setTimeout(r, 200))
          await tx.query('select 1')
        }),
      ).rejects.toThrow()
      expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }])
    } finally {
      await db.close()
    }
  })

  it('health answers 503 once the database is gone', async () => {
    const db = await openPostgres(url, { searchPath: schema.schema })
    const app = await buildApp({ db, distDir: '/nonexistent' })
    await db.close()
    const res = await app.inject('/api/health')
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'degraded', database: { kind: 'postgres', ok: false } })
    await app.close()
  })

  it('openDatabase uses DATABASE_URL when it is set', async () => {
    const db = await openDatabase({ DATABASE_URL: url, DATA_DIR: '/nonexistent' })
    expect(db.kind).toBe('postgres')
    await db.close()
  })
})
