import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../db/Database'
import { audit } from '../audit/audit'
import { hashPassword } from '../auth/passwords'
import { HttpError } from '../http/errors'

const staffId = z.object({ id: z.string().regex(/^[\w.-]{1,64}$/, 'id: letters, digits, ., - and _ only') })

/** A one-time password an administrator reads out once: 16 characters of a URL-safe alphabet (96 bits). */
const oneTimePassword = () => randomBytes(12).toString('base64url')

/** The administrator's staff actions. Each one is written to the audit log with what it changed. */
export function staffRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/staff', { config: { access: 'admin' } }, async () => {
    const { rows } = await db.query(
      `select s.id, s.username, s.name, s.role, s.branch_id as "branchId", s.disabled, s.must_change_password as "mustChangePassword",
              coalesce(array_agg(sb.branch_id order by sb.branch_id) filter (where sb.branch_id is not null), '{}') as "coveredBranchIds"
       from staff s left join staff_branches sb on sb.staff_id = s.id group by s.id order by s.username`)
    return { staff: rows }
  })

  /**
   * Someone left: their account stops at once — sessions end, sign-in and tablet verification refuse them, and the
   * tablets they enrolled wait for an administrator to confirm them before syncing again.
   */
  app.post('/api/staff/:id/disable', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    const staff = await findStaff(db, id)
    if (staff.role === 'admin' && (await activeAdmins(db)) <= 1 && !staff.disabled) throw new HttpError(409, 'last_admin', 'The last administrator cannot be disabled')
    await db.transaction(async (tx) => {
      await tx.query('update staff set disabled = true where id = $1', [id])
      await tx.query('update sessions set revoked_at = now() where staff_id = $1 and revoked_at is null', [id])
      await tx.query('update devices set needs_confirmation = true where enrolled_by = $1 and revoked_at is null and confirmed_by is null', [id])
      await audit(tx, request, 'staff.disable', id, { before: { disabled: staff.disabled }, after: { disabled: true } })
    })
    return { ok: true }
  })

  app.post('/api/staff/:id/enable', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    const staff = await findStaff(db, id)
    await db.transaction(async (tx) => {
      await tx.query('update staff set disabled = false where id = $1', [id])
      await audit(tx, request, 'staff.enable', id, { before: { disabled: staff.disabled }, after: { disabled: false } })
    })
    return { ok: true }
  })

  /** A forgotten password: a one-time password, shown once to the administrator, to be changed at the next sign-in. */
  app.post('/api/staff/:id/reset-password', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    await findStaff(db, id)
    const password = oneTimePassword()
    await db.transaction(async (tx) => {
      await tx.query('update staff set password_hash = $2, must_change_password = true, password_changed_at = now() where id = $1', [id, await hashPassword(password)])
      await tx.query('update sessions set revoked_at = now() where staff_id = $1 and revoked_at is null', [id])
      await audit(tx, request, 'staff.resetPassword', id)
    })
    return { oneTimePassword: password }
  })
}

async function findStaff(db: Database, id: string): Promise<{ role: string; disabled: boolean }> {
  const row = (await db.query<{ role: string; disabled: boolean }>('select role, disabled from staff where id = $1', [id])).rows[0]
  if (!row) throw new HttpError(404, 'no_staff', 'No such staff member')
  return row
}

async function activeAdmins(db: Database): Promise<number> {
  return (await db.query<{ n: number }>(`select count(*)::int as n from staff where role = 'admin' and not disabled`)).rows[0]?.n ?? 0
}
