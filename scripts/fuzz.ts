/**
 * `npm run fuzz`: FUZZ_N (default 10,000) fuzzed requests against the real app, on PGlite and, with DATABASE_URL,
 * on that PostgreSQL too (a schema of its own, dropped after). Prints the answers by status class and every 5xx
 * with the request that caused it; exits 1 on any 5xx or any change to what was stored before. FUZZ_SEED replays.
 */
import { migrate } from '../src/server/db/migrate'
import { openPglite } from '../src/server/db/openPglite'
import { openPostgres } from '../src/server/db/openPostgres'
import type { Database } from '../src/server/db/Database'
import { createSchema } from '../tests/server/backends'
import { runFuzz } from '../tests/server/fuzz/runFuzz'

const count = Number(process.env.FUZZ_N ?? 10_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
const url = process.env.DATABASE_URL || undefined

const backends: { name: string; open(): Promise<{ db: Database; done(): Promise<void> }> }[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openPglite()
      return { db, done: () => db.close() }
    },
  },
  ...(url
    ? [
        {
          name: 'PostgreSQL',
          open: async () => {
            const { schema, drop } = await createSchema(url)
            const db = await openPostgres(url, { searchPath: schema })
            return {
              db,
              done: async () => {
                await db.close()
                await drop()
              },
            }
          },
        },
      ]
    : []),
]

let failed = false
console.log(
  `fuzz: ${count} requests per database, seed ${seed}${url ? '' : ' (set DATABASE_URL to fuzz PostgreSQL too)'}`,
)
for (const backend of backends) {
  const { db, done } = await backend.open()
  await migrate(db)
  const started = Date.now()
  const outcome = await runFuzz(db, count, seed)
  await done()
  const classes = Object.entries(outcome.byClass)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
  console.log(
    `${backend.name}: ${outcome.requests} requests in ${((Date.now() - started) / 1000).toFixed(0)} s — ${classes}; stored rows changed: ${outcome.changed.length}`,
  )
  for (const e of outcome.serverErrors.slice(0, 20))
    console.log(`  ${e.status} ${e.request.method} ${e.request.url.slice(0, 120)} (${e.request.auth}): ${e.body}`)
  if (outcome.serverErrors.length > 0 || outcome.changed.length > 0) failed = true
}
process.exit(failed ? 1 : 0)
