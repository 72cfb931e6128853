import { networkInterfaces } from 'node:os'
import { buildApp, LOG_REDACT } from './app'
import { ensureFirstAdmin } from './bootstrap'
import { loadConfig } from './config'
import { migrate } from './db/migrate'
import { openDatabase } from './db/openDatabase'

const config = loadConfig()
const db = await openDatabase(config)
const applied = await migrate(db)
const admin = await ensureFirstAdmin(db, config.ADMIN_PASSWORD)
const app = await buildApp({
  db,
  distDir: config.DIST_DIR,
  logger: { level: config.LOG_LEVEL, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
})
await app.listen({ port: config.PORT, host: config.HOST })

const where = config.DATABASE_URL ? `PostgreSQL at ${new URL(config.DATABASE_URL).host}` : `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}`
const lan = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => `http://${i!.address}:${config.PORT}`)
console.log(`\n投诉台 · Complaint Desk is running
  on this computer:  http://localhost:${config.PORT}
${lan.map((u) => `  on a tablet:       ${u}`).join('\n')}
  database:          ${where}${applied.length ? ` (migrations ${applied.join(', ')} applied)` : ''}`)
if (admin.password) {
  console.log(`\n  First run: administrator created.  username: admin   one-time password: ${admin.password}
  (shown once; set ADMIN_PASSWORD on first start to choose it instead)`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close()
    await db.close()
    process.exit(0)
  })
}
