import { hashPassword } from '../../src/server/auth/passwords'
import { hashToken } from '../../src/server/auth/tokens'
import type { Database } from '../../src/server/db/Database'

export const PASSWORD = 'correct horse battery'
let cachedHash: string | null = null

/**
 * Two branches, their staff, a supervisor covering both, a head-office senior manager (superior approval) covering
 * both, an administrator, and a tablet per branch.
 */
export async function seedBank(db: Database) {
  cachedHash ??= await hashPassword(PASSWORD)
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
