import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { buildApp } from './app'
import { ensureFirstAdmin } from './bootstrap'
import { loadConfig } from './config'
import type { Config } from './config'
import type { Database } from './db/Database'
import { migrate } from './db/migrate'
import { openDatabase } from './db/openDatabase'
import { reprojectComplaints } from './sync/reprojectComplaints'

/** A start-up failure the operator can fix: printed as one clear message, without a stack trace. */
class StartError extends Error {}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    throw new StartError(`${what}: ${(e as Error).message}`)
  }
}

/** The addresses a tablet on the same network can open (every non-internal IPv4 address of this computer). */
function urls(host: string, port: number): { local: string; lan: string[] } {
  const wildcard = host === '0.0.0.0' || host === '::'
  const lan = wildcard
    ? Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => `http://${i!.address}:${port}`)
    : []
  return { local: `http://${wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`, lan }
}

async function start(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (e) {
    throw new StartError((e as Error).message)
  }
  const where = config.DATABASE_URL
    ? `PostgreSQL at ${new URL(config.DATABASE_URL).host}${new URL(config.DATABASE_URL).pathname}`
    : `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}`
  const db: Database = await step(`Cannot open the database (${where})`, () => openDatabase(config))
  const app = await (async () => {
    const applied = await step('Cannot bring the database schema up to date', () => migrate(db))
    // Rows projected by an older server get this one's clocks before anyone reads them.
    const reprojected = await step('Cannot recompute the complaints’ deadlines', () => reprojectComplaints(db, 'stale'))
    const admin = await ensureFirstAdmin(db, config.ADMIN_PASSWORD)
    const app = await buildApp({ db, distDir: config.DIST_DIR, logger: { level: config.LOG_LEVEL } })
    await step(`Cannot listen on ${config.HOST}:${config.PORT} (set PORT or HOST)`, () => app.listen({ port: config.PORT, host: config.HOST }))
    const { local, lan } = urls(config.HOST, (app.server.address() as AddressInfo).port)
    console.log(`\n投诉台 · Complaint Desk is running
  on this computer:  ${local}
${lan.map((u) => `  on a tablet:       ${u}\n`).join('')}  database:          ${where}${applied.length ? ` (migrations ${applied.join(', ')} applied)` : ''}${reprojected ? `\n  deadlines:         ${reprojected} complaints recomputed` : ''}`)
    if (admin.password) {
      console.log(`\n  First run: administrator created.  username: admin   one-time password: ${admin.password}
  (shown once; set ADMIN_PASSWORD on first start to choose it instead)`)
    }
    return app
  })().catch(async (e) => {
    await db.close().catch(() => undefined)
    throw e
  })

  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A second Ctrl+C does not wait for open requests.
      if (stopping) process.exit(1)
      stopping = true
      console.log(`\n${signal}: stopping…`)
      const force = setTimeout(() => process.exit(1), 10_000)
      force.unref()
      void (async () => {
        await app.close()
        await db.close()
        process.exit(0)
      })().catch((e) => {
        console.error(`Stopping failed: ${(e as Error).message}`)
        process.exit(1)
      })
    })
  }
}

try {
  await start()
} catch (e) {
  if (!(e instanceof StartError)) throw e
  console.error(`\n投诉台 · Complaint Desk did not start.\n${e.message}\n`)
  process.exit(1)
}
