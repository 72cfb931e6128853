/**
 * Push and pull throughput of the central endpoint with 50 simulated tablets, over real HTTP on loopback,
 * on PGlite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL — beside PostgreSQL's own
 * COPY of the same rows, the physical limit of getting them into a table.
 *
 *   npm run bench:sync                        # PGlite only
 *   BENCH_DATABASE_URL=postgres://… npm run bench:sync
 *   TABLETS=50 EVENTS=200 npm run bench:sync  # events per tablet
 *   BRANCHES=1,25 npm run bench:sync          # the tablets spread over 1 branch, then over 25 (2 a branch)
 *   BENCH_CPU_PROFILE=dir npm run bench:sync  # a CPU profile of each push phase: dir/push-<database>.cpuprofile
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { Worker } from 'node:worker_threads'
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
import type { TabletsCommand, TabletsData, TabletsResult } from './sync-tablets'

const TABLETS = Number(process.env.TABLETS ?? 50)
const EVENTS = Number(process.env.EVENTS ?? 200)
const BATCH = 100
/**
 * One branch is the worst case, every push serialised by one branch lock; a bank's branch has a tablet or two, so
 * 25 branches (2 tablets each) is the usual shape of the same load.
 */
const BRANCHES = (process.env.BRANCHES ?? '1,25').split(',').map(Number)
const branchOf = (tablet: number, branches: number) => (tablet % branches) + 1

function eventsFor(tablet: number, branches: number): ComplaintEvent[] {
  const deviceId = `bench-${tablet}`
  const b = branchOf(tablet, branches)
  const out: ComplaintEvent[] = []
  let wall = Date.parse('2026-03-02T01:00:00Z')
  let complaintId = newId()
  for (let i = 0; i < EVENTS; i++) {
    const base = {
      id: newId(),
      branchId: `b${b}`,
      v: EVENT_SCHEMA_VERSION,
      hlc: encodeHlc({ wall: wall++, counter: 0, node: deviceId }),
      actor: { staffId: `li${b}`, staffName: '李经理', deviceId },
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

async function seed(db: Database, branches: number): Promise<string[]> {
  const password = await hashPassword('x')
  for (let b = 1; b <= branches; b++) {
    await db.query(`insert into branches (id, name) values ($1, $2)`, [`b${b}`, `第${b}支行`])
    await db.query(
      `insert into staff (id, username, name, role, branch_id, password_hash) values ($1, $1, '李经理', 'manager', $2, $3)`,
      [`li${b}`, `b${b}`, password],
    )
  }
  const tokens: string[] = []
  for (let t = 0; t < TABLETS; t++) {
    const token = randomBytes(32).toString('base64url')
    const b = branchOf(t, branches)
    await db.query(`insert into devices (id, branch_id, name, token_hash, enrolled_by) values ($1, $2, $1, $3, $4)`, [
      `bench-${t}`,
      `b${b}`,
      hashToken(token),
      `li${b}`,
    ])
    await db.query(`insert into device_staff (device_id, staff_id) values ($1, $2)`, [`bench-${t}`, `li${b}`])
    tokens.push(token)
  }
  return tokens
}

/** Profiles `work` on this thread (the centre's) when BENCH_CPU_PROFILE names a folder. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE
  if (!dir) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(dir, { recursive: true })
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile))
    session.disconnect()
  }
}

async function run(name: string, db: Database, branches: number) {
  await migrate(db)
  const tokens = await seed(db, branches)
  const app = await buildApp({ db, distDir: '/nonexistent' })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const all = tokens.map((_, t) => eventsFor(t, branches))
  const total = TABLETS * EVENTS

  // The tablets run in a worker thread: the profile and the figures are the centre's work, not their HTTP client's.
  // tsx's loader does not follow the bench into a worker thread: the worker asks it for the module itself.
  const tablets = new Worker(
    `import('tsx/esm/api').then((tsx) => tsx.tsImport('./sync-tablets.ts', ${JSON.stringify(import.meta.url)}))`,
    { eval: true, workerData: { address, tokens, events: all, batch: BATCH } satisfies TabletsData },
  )
  await new Promise((resolve, reject) => {
    tablets.once('message', resolve)
    tablets.once('error', reject)
  })
  const ask = (command: TabletsCommand) =>
    new Promise<number>((resolve, reject) => {
      tablets.once('message', (r: TabletsResult) => (r.error ? reject(new Error(r.error)) : resolve(r.pulled)))
      tablets.once('error', reject)
      tablets.postMessage(command)
    })

  let t0 = performance.now()
  await profiled(`push-${name}-${branches}`, () => ask('push'))
  const pushSeconds = (performance.now() - t0) / 1000

  t0 = performance.now()
  const pulled = await ask('pull')
  const pullSeconds = (performance.now() - t0) / 1000
  await tablets.terminate()
  await app.close()
  // Each tablet pulls its own branch: every event of it, its own included.
  const expected = all.reduce(
    (n, _, t) => n + EVENTS * all.filter((__, u) => branchOf(u, branches) === branchOf(t, branches)).length,
    0,
  )
  if (pulled !== expected) throw new Error(`pulled ${pulled}, expected ${expected}`)
  return { total, pushPerSec: total / pushSeconds, pullPerSec: pulled / pullSeconds }
}

/** The same rows, loaded by COPY into a copy of the events table. */
async function copyBaseline(db: Database, target: { pglite: PGlite } | { url: string }): Promise<number> {
  const rows = Array.from({ length: TABLETS }, (_, t) => eventsFor(t, 1)).flat()
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

for (const branches of BRANCHES) {
  const raw = await PGlite.create()
  const pglite = wrapPglite(raw)
  const r = await run('PGlite', pglite, branches)
  results.push({ db: 'PGlite', branches, ...r, copyPerSec: await copyBaseline(pglite, { pglite: raw }) })
  await pglite.close()
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (url) {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  for (const branches of BRANCHES) {
    const schema = `bench_${randomBytes(4).toString('hex')}`
    await admin.query(`create schema ${schema}`)
    const db = await openPostgres(url, { searchPath: schema })
    const r = await run('PostgreSQL', db, branches)
    results.push({ db: 'PostgreSQL', branches, ...r, copyPerSec: await copyBaseline(db, { url }) })
    await db.close()
    await admin.query(`drop schema ${schema} cascade`)
  }
  await admin.end()
}

console.log(
  `| database | branches | events | push events/s | pull events/s (${TABLETS} tablets) | COPY rows/s | push ÷ COPY |`,
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of results) {
  const copy = r.copyPerSec as number
  console.log(
    `| ${r.db} | ${r.branches} | ${fmt(r.total as number)} | ${fmt(r.pushPerSec as number)} | ${fmt(r.pullPerSec as number)} | ${fmt(copy)} | ${((r.pushPerSec as number) / copy).toFixed(3)} |`,
  )
}
