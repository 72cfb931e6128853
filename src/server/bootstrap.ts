import { randomBytes } from 'node:crypto'
import { hashPassword } from './auth/passwords'
import type { Database } from './db/Database'

/**
 * First run: with no staff at all, create the administrator `admin` with ADMIN_PASSWORD, or with a random
 * one-time password that is printed once (and never stored in clear). Returns that password when made here.
 */
export async function ensureFirstAdmin(db: Database, password?: string): Promise<{ created: boolean; password?: string }> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from staff')
  if ((rows[0]?.n ?? 0) > 0) return { created: false }
  const secret = password ?? randomBytes(12).toString('base64url')
  await db.query(
    `insert into staff (id, username, name, role, branch_id, password_hash) values ('admin', 'admin', '系统管理员', 'admin', null, $1)`,
    [await hashPassword(secret)],
  )
  return { created: true, password: password ? undefined : secret }
}
