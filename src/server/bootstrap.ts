import { randomBytes } from 'node:crypto'
import { hashPassword } from './auth/passwords'
import type { Database } from './db/Database'

/**
 * First run: with no administrator yet (a demo bank seeded before the first start has staff but none), create the
 * administrator `admin` with ADMIN_PASSWORD, or with a random one-time password that is printed once (never stored in
 * clear) and must be changed at the first sign-in. Returns that password when made here.
 */
export async function ensureFirstAdmin(
  db: Database,
  password?: string,
): Promise<{ created: boolean; password?: string }> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from staff where role = 'admin'`)
  if ((rows[0]?.n ?? 0) > 0) return { created: false }
  const secret = password ?? randomBytes(12).toString('base64url')
  await db.query(
    `insert into staff (id, username, name, role, branch_id, password_hash, must_change_password) values ('admin', 'admin', '系统管理员', 'admin', null, $1, $2)
     on conflict (id) do nothing`,
    [await hashPassword(secret), !password],
  )
  return { created: true, password: password ? undefined : secret }
}
