/**
 * `npm run seed:demo`: a demo bank in the configured database (DATA_DIR or DATABASE_URL), for trying the product.
 * Accounts li, zhang (人民路支行), wang (中山路支行), zhao (supervisor) and qian (head-office senior manager, approves
 * extensions past 30 days) share DEMO_PASSWORD (default demo-password).
 */
import { loadConfig } from '../src/server/config'
import { migrate } from '../src/server/db/migrate'
import { openDatabase } from '../src/server/db/openDatabase'
import { seedDemo } from '../src/server/seedDemo'

const password = process.env.DEMO_PASSWORD ?? 'demo-password'
const db = await openDatabase(loadConfig())
await migrate(db)
const { created } = await seedDemo(db, password)
await db.close()
console.log(created
  ? `Demo bank created. Sign in on a tablet as li / zhang (人民路支行), wang (中山路支行), zhao (supervisor) or qian (head-office approver), password: ${password}`
  : 'The demo bank is already there; nothing changed.')
