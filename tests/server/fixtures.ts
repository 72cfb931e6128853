import { randomBytes, scryptSync } from 'node:crypto'
import { hashToken } from '../../src/server/auth/tokens'
import type { Database } from '../../src/server/db/Database'

export const PASSWORD = 'correct horse battery'
let cachedHash: string | null = null

/**
 * `password` stored as the server stores it (scrypt, its parameters in the hash) but at N=2^10 instead of 2^15: the
 * server verifies with the stored parameters, so each test sign-in costs a few milliseconds, not 100–300 ms of a
 * shared CPU (hundreds of sign-ins across the suite, twice with PostgreSQL). The production cost is what
 * hashPassword writes (tests/server/passwords.test.ts), and what new, changed and reset passwords get in these tests.
 */
export function cheapPasswordHash(password: string): string {
  const N = 2 ** 10
  const salt = randomBytes(16)
  const key = scryptSync(password, salt, 64, { N, r: 8, p: 1 })
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`
}

/**
 * Two branches, their staff, a supervisor covering both, a head-office senior manager (superior approval) covering
 * both, an administrator, and a tablet per branch.
 */
export async function seedBank(db: Database) {
  cachedHash ??= cheapPasswordHash(PASSWORD)
  await db.query(`insert into branches (id, name) values ('b1', '人民路支行'), ('b2', '中山路支行')`)
  const staff = [
    ['li', 'li', '李经理', 'manager', 'b1'],
    ['wang', 'wang', '王经理', 'manager', 'b2'],
    ['zhao', 'zhao', '赵主管', 'supervisor', 'b1'],
    ['qian', 'qian', '钱总', 'supervisor', null],
    ['root', 'root', '管理员', 'admin', null],
  ]
  for (const [id, username, name, role, branch] of staff) {
    await db.query(
      'insert into staff (id, username, name, role, branch_id, password_hash) values ($1, $2, $3, $4, $5, $6)',
      [id, username, name, role, branch, cachedHash],
    )
  }
  await db.query(
    `insert into staff_branches (staff_id, branch_id) values ('zhao', 'b2'), ('qian', 'b1'), ('qian', 'b2')`,
  )
  await db.query(`update staff set approval_level = 'superior' where id = 'qian'`)
  const tokens = { b1: 'tablet-token-b1-aaaaaaaaaaaaaaaa', b2: 'tablet-token-b2-bbbbbbbbbbbbbbbb' }
  await db.query(
    `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ('tab-b1', 'b1', '大堂 1', $1, 'li'), ('tab-b2', 'b2', '大堂 1', $2, 'wang')`,
    [hashToken(tokens.b1), hashToken(tokens.b2)],
  )
  // Who has been added on each tablet (the enrolling manager, and the supervisor covering both branches).
  await db.query(
    `insert into device_staff (device_id, staff_id) values ('tab-b1', 'li'), ('tab-b1', 'zhao'), ('tab-b2', 'wang'), ('tab-b2', 'zhao')`,
  )
  return { tokens, auth: (t: string) => ({ authorization: `Bearer ${t}` }) }
}
