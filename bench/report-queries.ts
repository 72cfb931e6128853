/**
 * The supervisor's desk and the reports over a large bank: ROWS complaints (default 1,000,000) in 20 branches over
 * three years, in PostgreSQL, queried through the real routes (SQL on the projection, nothing loaded row by row).
 *
 *   BENCH_DATABASE_URL=postgres://app:app@127.0.0.1:5432/complaints npm run bench:reports
 *   ROWS=200000 RUNS=5 KEEP=1 npm run bench:reports   # fewer rows; keep the schema to EXPLAIN in psql
 *
 * The rows are generated inside PostgreSQL (generate_series), in a schema of their own that is dropped at the end.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { buildApp } from '../src/server/app'
import { hashToken } from '../src/server/auth/tokens'
import { migrate } from '../src/server/db/migrate'
import { openPostgres } from '../src/server/db/openPostgres'

const ROWS = Number(process.env.ROWS ?? 1_000_000)
const RUNS = Number(process.env.RUNS ?? 7)
const BRANCHES = 20
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (!url) {
  console.error(
    'Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database, e.g. postgres://app:app@127.0.0.1:5432/complaints',
  )
  process.exit(2)
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

async function generate(db: Awaited<ReturnType<typeof openPostgres>>): Promise<void> {
  await db.query(`insert into branches (id, name) select 'b' || i, '网点 ' || i from generate_series(1, ${BRANCHES}) i`)
  // Received over three years up to now; about 8 % still open (some overdue, some escalated or waiting for approval).
  await db.query(`
    insert into complaints (id, branch_id, status, kind, category, cause, verdict, received_at, first_response_due, first_response_at,
      reply_due, replied_at, resolved_at, closed_at, due_at, extended, escalation_open, reopened, opinion, mood_start, mood_end,
      group_size, phone, state, updated_seq, approval_pending, handling_due, handling_met_at, regulatory_due, regulatory_met_at,
      due_clock, projection_version)
    select id, branch, status, kind, category, cause, verdict, received, received + interval '24 hours',
      received + (r1 * 30) * interval '1 hour', received + interval '21 days',
      case when status in ('closed', 'resolved') then received + (r2 * 25) * interval '1 day' end,
      case when status in ('closed', 'resolved') then received + (r2 * 26) * interval '1 day' end,
      case when status = 'closed' then received + (r2 * 27) * interval '1 day' end,
      case when status in ('closed', 'withdrawn') then null else received + interval '21 days' end,
      r3 < 0.06, status = 'escalated', r3 > 0.97,
      case when status = 'closed' then (array['satisfied', 'partly', 'dissatisfied'])[1 + (i % 3)] end,
      1 + (i % 5), 2 + (i % 4), case when i % 97 = 0 then 2 + (i % 30) end,
      '138' || lpad(((i::bigint * 7919) % 400000)::text, 8, '0'),
      jsonb_build_object('id', id, 'branchId', branch, 'status', status, 'receivedAt', received,
        'customer', jsonb_build_object('name', '客户' || i),
        'escalations', case when status = 'escalated' then jsonb_build_array(jsonb_build_object('reason', '需主管协调', 'at', received, 'by', jsonb_build_object('staffName', '李娜'))) else '[]'::jsonb end,
        'extensionRequests', case when status = 'inProgress' and r3 < 0.02 then jsonb_build_array(jsonb_build_object('eventId', id, 'round', 0, 'reason', '需总行核查', 'newDueDate', to_char(received + interval '40 days', 'YYYY-MM-DD'), 'at', received, 'by', jsonb_build_object('staffName', '李娜'))) else '[]'::jsonb end,
        -- What the queue's clocks read (the authority an extension needs): no rounds, pauses or extensions here.
        'rounds', '[]'::jsonb, 'receiptCorrections', '[]'::jsonb, 'pauses', '[]'::jsonb, 'extensions', '[]'::jsonb),
      i, status = 'inProgress' and r3 < 0.02,
      received + interval '24 hours', case when r1 < 0.9 then received + (r1 * 30) * interval '1 hour' end,
      received + interval '15 days', case when status in ('closed', 'resolved') then received + (r2 * 25) * interval '1 day' end,
      case when status in ('closed', 'withdrawn') then null else 'regulatory' end, 2
    from (
      select i, md5(i::text)::uuid as id, 'b' || (1 + i % ${BRANCHES}) as branch,
        now() - (random() * 1095) * interval '1 day' as received,
        case when random() < 0.92 then 'closed' else (array['new', 'inProgress', 'inProgress', 'escalated', 'resolved', 'withdrawn'])[1 + (i % 6)] end as status,
        case when i % 5 = 0 then 'suggestion' else 'complaint' end as kind,
        (array['counter', 'cards', 'fees', 'loans', 'online', 'facilities', 'wealth'])[1 + (i % 7)] as category,
        (array['waiting', 'attitude', 'process', 'pricing', 'disclosure', 'system'])[1 + (i % 6)] as cause,
        case when i % 5 = 0 then 'suggestion' when i % 9 = 0 then 'invalid' else 'valid' end as verdict,
        random() as r1, random() as r2, random() as r3
      from generate_series(1, ${ROWS}) i
    ) g`)
  // As autovacuum would on a live server: statistics, and the visibility map that lets reports scan the index only.
  await db.query('vacuum analyze complaints')
}

async function main() {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const schema = `bench_reports_${randomBytes(4).toString('hex')}`
  await admin.query(`create schema ${schema}`)
  const db = await openPostgres(url!, { searchPath: schema })
  try {
    await migrate(db)
    let t = performance.now()
    await generate(db)
    console.log(
      `generated ${ROWS.toLocaleString('en')} complaints in ${BRANCHES} branches in ${seconds(performance.now() - t)}`,
    )
    const size = (await db.query<{ s: string }>(`select pg_size_pretty(pg_total_relation_size('complaints')) as s`))
      .rows[0]!.s
    // A supervisor covering five branches, signed in.
    await db.query(
      `insert into staff (id, username, name, role, branch_id, password_hash) values ('zhao', 'zhao', '赵主管', 'supervisor', 'b1', 'x')`,
    )
    await db.query(
      `insert into staff_branches (staff_id, branch_id) select 'zhao', 'b' || i from generate_series(2, 5) i`,
    )
    await db.query(
      `insert into sessions (token_hash, staff_id, expires_at) values ($1, 'zhao', now() + interval '1 hour')`,
      [hashToken('bench-session-token-aaaaaaaaaaaa')],
    )
    const app = await buildApp({ db, distDir: '/nonexistent' })
    const headers = { authorization: 'Bearer bench-session-token-aaaaaaaaaaaa' }
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const ago = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10)
    const five = 'branch=b1&branch=b2&branch=b3&branch=b4&branch=b5'
    const cases: [string, string][] = [
      ['report: 1 branch, 1 month', `/api/reports/summary?from=${ago(30)}&to=${today}&branch=b1`],
      ['report: 1 branch, 1 year', `/api/reports/summary?from=${ago(365)}&to=${today}&branch=b1`],
      ['report: 5 branches, 1 year', `/api/reports/summary?from=${ago(365)}&to=${today}&${five}`],
      ['report: 5 branches, 3 years', `/api/reports/summary?from=${ago(1100)}&to=${today}&${five}`],
      ['figures CSV: 5 branches, 1 year', `/api/reports/summary.csv?from=${ago(365)}&to=${today}&${five}`],
      ['complaints CSV: 1 branch, 1 month', `/api/reports/complaints.csv?from=${ago(30)}&to=${today}&branch=b1`],
      ['desk: overview of 5 branches', '/api/desk/overview'],
      ['desk: queue of 5 branches', '/api/desk/queue'],
      ['desk: overdue list, first page', '/api/desk/complaints?branch=b1&filter=overdue'],
    ]
    console.log(
      `\ncomplaints table with indexes: ${size}; ${RUNS} runs each after one warm-up, through the routes (app.inject)\n`,
    )
    console.log(`${'query'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}  answer`)
    const results: Record<string, { p50: number; p95: number }> = {}
    for (const [name, path] of cases) {
      const first = await app.inject({ url: path, headers })
      if (first.statusCode !== 200) throw new Error(`${path}: ${first.statusCode} ${first.body.slice(0, 200)}`)
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        t = performance.now()
        await app.inject({ url: path, headers })
        times.push(performance.now() - t)
      }
      times.sort((a, b) => a - b)
      results[name] = { p50: pct(times, 0.5), p95: pct(times, 0.95) }
      const body = String(first.headers['content-type'] ?? '').startsWith('text/csv')
        ? `${first.body.split('\r\n').length - 1} CSV rows`
        : summarize(first.json())
      console.log(
        `${name.padEnd(36)} ${results[name].p50.toFixed(1).padStart(8)} ${results[name].p95.toFixed(1).padStart(8)}  ${body}`,
      )
    }
    await app.close()
  } finally {
    await db.close()
    // KEEP=1 leaves the data for a look with psql (EXPLAIN ANALYZE); the schema is printed.
    if (process.env.KEEP) console.log(`\nkept schema ${schema}`)
    else await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}

function summarize(body: Record<string, unknown>): string {
  if (typeof body.total === 'number') return `${body.total.toLocaleString('en')} complaints`
  if (Array.isArray(body.branches)) return `${body.branches.length} branches`
  if (Array.isArray(body.items)) return `${body.items.length} waiting`
  if (Array.isArray(body.complaints)) return `${body.complaints.length} rows`
  return ''
}

await main()
