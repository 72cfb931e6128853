/**
 * `npm run seed:demo`: a demo bank in the configured database (DATA_DIR or DATABASE_URL), for trying the product.
 * Accounts li, zhang (人民路支行), wang (中山路支行), zhao (supervisor) and qian (head-office senior manager, approves
 * extensions past 30 days) share DEMO_PASSWORD (default demo-password).
 * Safe in either order with the first start: it makes the administrator too (ADMIN_PASSWORD, or a one-time password
 * printed here), and it refuses to touch an embedded database a running server has open.
 */
import { ensureFirstAdmin } from '../src/server/bootstrap'
import { loadConfig } from '../src/server/config'
import { DataDirInUseError } from '../src/server/db/dataDirLock'
import { migrate } from '../src/server/db/migrate'
import { openDatabase } from '../src/server/db/openDatabase'
import { seedDemo } from '../src/server/seedDemo'

const password = process.env.DEMO_PASSWORD ?? 'demo-password'
const config = loadConfig()
let db
try {
  db = await openDatabase(config)
} catch (e) {
  if (!(e instanceof DataDirInUseError)) throw e
  console.error(`The server is running on ${e.dir} (process ${e.pid}): the demo bank was not added, nothing changed.
Stop the server (Ctrl+C), run npm run seed:demo, then start it again with npm run serve.`)
  process.exit(1)
}
await migrate(db)
const admin = await ensureFirstAdmin(db, config.ADMIN_PASSWORD)
const { created } = await seedDemo(db, password)
await db.close()
console.log(
  created
    ? `Demo bank created. Sign in on a tablet as li / zhang (人民路支行), wang (中山路支行), zhao (supervisor) or qian (head-office approver), password: ${password}`
    : 'The demo bank is already there; nothing changed.',
)
if (admin.password) {
  console.log(`Administrator created.  username: admin   one-time password: ${admin.password}
(shown once; it must be changed at the first sign-in. Set ADMIN_PASSWORD to choose it instead.)`)
}
