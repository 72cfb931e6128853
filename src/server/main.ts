import cluster from 'node:cluster'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { buildApp } from './app'
import { startAlerts } from './alerts/startAlerts'
import { startHousekeeping } from './housekeeping'
import { ensureFirstAdmin } from './bootstrap'
import { loadConfig } from './config'
import type { Config } from './config'
import type { Database } from './db/Database'
import { migrate } from './db/migrate'
import { openDatabase } from './db/openDatabase'
import { reprojectStale } from './sync/reprojectComplaints'
import { httpGateway, smsSettingsOf } from './sms/smsGateway'
import { startSmsSender } from './sms/smsJobs'

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
    ? Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && i.family === 'IPv4' && !i.internal)
        .map((i) => `http://${i!.address}:${port}`)
    : []
  return { local: `http://${wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`, lan }
}

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (e) {
    throw new StartError((e as Error).message)
  }
}

const describeDatabase = (config: Config) =>
  config.DATABASE_URL
    ? `PostgreSQL at ${new URL(config.DATABASE_URL).host}${new URL(config.DATABASE_URL).pathname}`
    : `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}`

function banner(config: Config, port: number, prepared: Prepared, processes: number): void {
  const { local, lan } = urls(config.HOST, port)
  const { applied, reprojected } = prepared
  console.log(`\n投诉台 · Complaint Desk is running
  on this computer:  ${local}
${lan.map((u) => `  on a tablet:       ${u}\n`).join('')}  database:          ${describeDatabase(config)}${applied.length ? ` (migrations ${applied.join(', ')} applied)` : ''}\n  SMS gateway:       ${config.SMS_GATEWAY_URL ? new URL(config.SMS_GATEWAY_URL).host : 'none (tablets declare SMS sent by hand)'}${reprojected ? `\n  deadlines:         ${reprojected} complaints recomputed` : ''}${processes > 1 ? `\n  processes:         ${processes}` : ''}`)
}

function printFirstAdmin(password: string | undefined): void {
  if (!password) return
  console.log(`\n  First run: administrator created.  username: admin   one-time password: ${password}
  (shown once, to be changed at the first sign-in; set ADMIN_PASSWORD on first start to choose it instead)`)
}

interface Prepared {
  applied: number[]
  reprojected: number
  adminPassword?: string
}

/** Migrates, recomputes rows an older server projected, makes the first administrator: once, before any process serves. */
async function prepare(config: Config, db: Database): Promise<Prepared> {
  const applied = await step('Cannot bring the database schema up to date', () => migrate(db))
  const reprojected = await step('Cannot recompute the complaints’ deadlines', () => reprojectStale(db))
  const admin = await ensureFirstAdmin(db, config.ADMIN_PASSWORD)
  return { applied, reprojected, adminPassword: admin.password }
}

/**
 * WORKERS=n on PostgreSQL: this process prepares the database, then n processes share the port (node:cluster) and
 * each serves every route — the centre keeps no state of its own beside PostgreSQL. A process that dies is replaced.
 */
async function primary(config: Config): Promise<void> {
  const db = await step(`Cannot open the database (${describeDatabase(config)})`, () => openDatabase(config))
  const prepared = await prepare(config, db).finally(() => db.close())
  let stopping = false
  let announced = false
  const served = new Set<number>()
  cluster.on('listening', (worker, address) => {
    served.add(worker.id)
    if (announced) return
    announced = true
    banner(config, address.port, prepared, config.WORKERS)
    printFirstAdmin(prepared.adminPassword)
  })
  cluster.on('exit', (worker, code) => {
    if (stopping) return
    // One that never served failed to start (its message is above): starting another would fail the same way.
    if (!served.has(worker.id)) process.exit(1)
    console.error(`Server process ${worker.process.pid} ended (${code ?? 'signal'}); starting another`)
    cluster.fork()
  })
  for (let i = 0; i < config.WORKERS; i++) cluster.fork()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1)
      stopping = true
      console.log(`\n${signal}: stopping…`)
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
      const force = setTimeout(() => process.exit(1), 12_000)
      force.unref()
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      })
    })
  }
}

async function start(config: Config, options: { worker: boolean }): Promise<void> {
  const db: Database = await step(`Cannot open the database (${describeDatabase(config)})`, () => openDatabase(config))
  const app = await (async () => {
    const prepared = options.worker ? null : await prepare(config, db)
    const smsSettings = smsSettingsOf(config)
    const sms: { settings?: typeof smsSettings; kick?: () => void } = { settings: smsSettings }
    const app = await buildApp({
      db,
      distDir: config.DIST_DIR,
      logger: { level: config.LOG_LEVEL },
      trustProxy: config.TRUST_PROXY,
      sms,
      attachmentBytesPerBranchDay: config.ATTACHMENT_MB_PER_BRANCH_DAY * 1024 * 1024,
    })
    // One process purges; with several, the first does.
    if (!options.worker || cluster.worker?.id === 1) {
      startHousekeeping(db, app.log)
      startAlerts(db, app.log, config)
    }
    // Every process sends (a job is claimed by one, with SKIP LOCKED): a push is answered and its SMS sent by the same one.
    if (smsSettings)
      sms.kick = startSmsSender(db, httpGateway(smsSettings), smsSettings, app.log.child({ part: 'sms' })).kick
    await step(`Cannot listen on ${config.HOST}:${config.PORT} (set PORT or HOST)`, () =>
      app.listen({ port: config.PORT, host: config.HOST }),
    )
    if (prepared) {
      banner(config, (app.server.address() as AddressInfo).port, prepared, 1)
      printFirstAdmin(prepared.adminPassword)
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
      if (!options.worker) console.log(`\n${signal}: stopping…`)
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
  const config = readConfig()
  if (cluster.isPrimary && config.WORKERS > 1) await primary(config)
  else await start(config, { worker: !cluster.isPrimary })
} catch (e) {
  if (!(e instanceof StartError)) throw e
  console.error(`\n投诉台 · Complaint Desk did not start.\n${e.message}\n`)
  process.exit(1)
}
