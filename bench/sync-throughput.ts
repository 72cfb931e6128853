/**
 * Push and pull throughput of the central endpoint with 50 simulated tablets, over real HTTP on loopback,
 * on PGlite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL — beside PostgreSQL's own
 * COPY of the same rows, the physical limit of getting them into a table.
 *
 *   npm run bench:sync                        # PGlite only
 *   BENCH_DATABASE_URL=postgres://… npm run bench:sync
 *   TABLETS=50 EVENTS=200 npm run bench:sync  # events per tablet
 */
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { encodeHlc, EVENT_SCHEMA_VERSION, newId } from '../src/domain'
import type { ComplaintEvent } from '../src/domain'
import { buildApp } from '../src/server/app'
import { hashPassword } from '../src/server/auth/passwords'
import { hashToken } from '../src/server/auth/tokens'
import type { Database } from '../src/server/db/Database'
import { migrate } from '../src/server/db/migrate'
import { PGlite } from '@electric-sql/pglite'
import { wrapPglite } from '../src/server/db/openPglite'
import { openPostgres } from '../src/server/db/openPostgres'

const TABLETS = Number(process.env.TABLETS ?? 50)
const EVENTS = Number(process.env.EVENTS ?? 200)
const BATCH = 100

function eventsFor(tablet: number): ComplaintEvent[] {
  const deviceId = `bench-${tablet}`
  const out: ComplaintEvent[] = []
  let wall = Date.parse('2026-03-02T01:00:00Z')
  let complaintId = newId()
  for (let i = 0; i < EVENTS; i++) {
    const base = {
      id: newId(),
      branchId: 'b1',
      v: EVENT_SCHEMA_VERSION,
      hlc: encodeHlc({ wall: wall++, counter: 0, node: deviceId }),
      actor: { staffId: 'li', staffName: '李经理', deviceId },
    }
    if (i % 10 === 0) {
      complaintId = newId()
      out.push({
        ...base,
        complaintId,
        type: 'complaint.recorded',
        payload: {
          customer: { name: `客户${i}`, phone: '13812345678', consentSms: true, consentPhone: false },
          channel: 'inPerson',
          kind: 'complaint',
          description: '柜台排队时间过长，无人解释原因，希望改进。',
          customerPresent: true,
          receivedAt: '2026-03-02T09:00:00+08:00',
        },
      } as ComplaintEvent)
    } else {
      out.push({
        ...base,
        complaintId,
        type: 'note.added',
        payload: { text: `处理进展 ${i}：已联系相关部门核实情况。` },
      } as ComplaintEvent)
    }
  }
  return out
}

async function seed(db: Database): Promise<string[]> {
  await db.query(`insert into branches (id, name) values ('b1', '人民路支行')`)
  await db.query(
    `insert into staff (id, username, name, role, branch_id, password_hash) values ('li', 'li', '李经理', 'manager', 'b1', $1)`,
    [await hashPassword('x')],
  )
  const tokens: string[] = []
  for (let t = 0; t < TABLETS; t++) {
    const token = randomBytes(32).toString('base64url')
    await db.query(
      `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ($1, 'b1', $1, $2, 'li')`,
      [`bench-${t}`, hashToken(token)],
    )
    await db.query(`insert into device_staff (device_id, staff_id) values ($1, 'li')`, [`bench-${t}`])
    tokens.push(token)
  }
  return tokens
}

async function run(name: string, db: Database) {
  await migrate(db)
  const tokens = await seed(db)
  const app = await buildApp({ db, distDir: '/nonexistent' })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const all = tokens.map((_, t) => eventsFor(t))
  const total = TABLETS * EVENTS

  let t0 = performance.now()
  await Promise.all(
    tokens.map(async (token, t) => {
      for (let i = 0; i < EVENTS; i += BATCH) {
        const res = await fetch(`${address}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ protocol: 1, events: all[t]!.slice(i, i + BATCH) }),
        })
        if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`)
      }
    }),
  )
  const pushSeconds = (performance.now() - t0) / 1000

  t0 = performance.now()
  let pulled = 0
  await Promise.all(
    tokens.map(async (token) => {
      let after = 0
      for (;;) {
        const res = await fetch(`${address}/api/sync/pull?protocol=1&after=${after}&limit=1000`, {
          headers: { authorization: `Bearer ${token}` },
        })
        const page = (await res.json()) as { events: unknown[]; cursor: number; hasMore: boolean }
        pulled += page.events.length
        after = page.cursor
        if (!page.hasMore) break
      }
    }),
  )
  const pullSeconds = (performance.now() - t0) / 1000
  await app.close()
  if (pulled !== total * TABLETS) throw new Error(`pulled ${pulled}, expected ${total * TABLETS}`)
  return { total, pushPerSec: total / pushSeconds, pullPerSec: pulled / pullSeconds }
}

/** The same rows, loaded by COPY into a copy of the events table. */
async function copyBaseline(db: Database, target: { pglite: PGlite } | { url: string }): Promise<number> {
  const rows = Array.from({ length: TABLETS }, (_, t) => eventsFor(t)).flat()
  const esc = (s: string) => `"${s.replaceAll('"', '""')}"`
  const csv =
    rows
      .map((e) =>
        [
          e.id,
          e.complaintId,
          e.branchId,
          e.type,
          e.v,
          e.hlc,
          e.actor.deviceId,
          e.actor.staffId,
          esc(JSON.stringify(e)),
        ].join(','),
      )
      .join('\n') + '\n'
  await db.exec('create table events_copy (like events including all)')
  const cols = 'event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body'
  const t0 = performance.now()
  if ('pglite' in target) {
    await target.pglite.query(`copy events_copy (${cols}) from '/dev/blob' with (format csv)`, [], {
      blob: new Blob([csv]),
    })
  } else {
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    await client.query(
      `set search_path = ${(await db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s}`,
    )
    await pipeline(
      Readable.from([csv]),
      client.query(copyFrom(`copy events_copy (${cols}) from stdin with (format csv)`)),
    )
    await client.end()
  }
  return rows.length / ((performance.now() - t0) / 1000)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const results: Record<string, unknown>[] = []
console.log(`${TABLETS} tablets × ${EVENTS} events, batches of ${BATCH}, Node ${process.version}\n`)

const raw = await PGlite.create()
const pglite = wrapPglite(raw)
const r1 = await run('PGlite', pglite)
const copy1 = await copyBaseline(pglite, { pglite: raw })
results.push({
  db: 'PGlite',
  events: r1.total,
  pushPerSec: r1.pushPerSec,
  pullPerSec: r1.pullPerSec,
  copyPerSec: copy1,
})
await pglite.close()

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const db = await openPostgres(url, { searchPath: schema })
  const r2 = await run('PostgreSQL', db)
  const copy2 = await copyBaseline(db, { url })
  results.push({
    db: 'PostgreSQL',
    events: r2.total,
    pushPerSec: r2.pushPerSec,
    pullPerSec: r2.pullPerSec,
    copyPerSec: copy2,
  })
  await db.close()
  await admin.query(`drop schema ${schema} cascade`)
  await admin.end()
}

console.log('| database | events | push events/s | pull events/s (50 tablets) | COPY rows/s | push ÷ COPY |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of results) {
  const copy = r.copyPerSec as number
  console.log(
    `| ${r.db} | ${fmt(r.events as number)} | ${fmt(r.pushPerSec as number)} | ${fmt(r.pullPerSec as number)} | ${fmt(copy)} | ${((r.pushPerSec as number) / copy).toFixed(3)} |`,
  )
}
