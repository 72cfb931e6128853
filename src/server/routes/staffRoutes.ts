import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { newStaffSchema, staffChangeSchema } from '../../domain'
import type { Database } from '../db/Database'
import { audit } from '../audit/audit'
import { hashPassword } from '../auth/passwords'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { adminStaffRoute } from '../../domain/api/adminApi'
import type { AdminStaff } from '../../domain/api/adminApi'
import {
  activeAdmins,
  assertBranchesExist,
  fieldsOf,
  readStaff,
  STAFF_LIST_SQL,
  writeStaffFields,
} from '../staff/staffStore'

const staffId = z.object({ id: z.string().regex(/^[\w.-]{1,64}$/, 'id: letters, digits, ., - and _ only') })

/** A one-time password an administrator reads out once: 16 characters of a URL-safe alphabet (96 bits). */
const oneTimePassword = () => randomBytes(12).toString('base64url')

/** The administrator's staff actions. Each one is written to the audit log with what it changed. */
export function staffRoutes(app: FastifyInstance, db: Database): void {
  route(app, adminStaffRoute, { access: 'admin' }, async () => {
    const { rows } = await db.query<AdminStaff>(`${STAFF_LIST_SQL} group by s.id order by s.username`)
    return { staff: rows }
  })

  /** A new account, with a one-time password shown once to the administrator and changed at the first sign-in. */
  app.post('/api/staff', { config: { access: 'admin' } }, async (request) => {
    const body = newStaffSchema.parse(request.body)
    await assertBranchesExist(db, [body.branchId, ...body.coveredBranchIds])
    const password = oneTimePassword()
    const hash = await hashPassword(password)
    await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into staff (id, username, name, role, branch_id, password_hash, must_change_password, password_changed_at)
         values ($1, $1, $2, $3, $4, $5, true, now()) on conflict do nothing returning id`,
        [body.username, body.name, body.role, body.branchId, hash],
      )
      if (inserted.rows.length === 0) throw new HttpError(409, 'username_taken', 'This username is already in use')
      await writeStaffFields(tx, body.username, body)
      await audit(tx, request, 'staff.create', body.username, { after: { username: body.username, ...fieldsOf(body) } })
    })
    return { staff: await readStaff(db, body.username), oneTimePassword: password }
  })

  /** Name, role and branches. The last active administrator keeps the role: the bank would have none left. */
  app.patch('/api/staff/:id', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    const body = staffChangeSchema.parse(request.body)
    await assertBranchesExist(db, [body.branchId, ...body.coveredBranchIds])
    await db.transaction(async (tx) => {
      const before = await readStaff(tx, id)
      if (before.role === 'admin' && body.role !== 'admin' && !before.disabled && (await activeAdmins(tx)) <= 1) {
        throw new HttpError(409, 'last_admin', 'The last administrator must stay an administrator')
      }
      await writeStaffFields(tx, id, body)
      await audit(tx, request, 'staff.update', id, { before: fieldsOf(before), after: fieldsOf(body) })
    })
    return { staff: await readStaff(db, id) }
  })

  /**
   * Someone left: their account stops at once — sessions end, sign-in and tablet verification refuse them, their
   * PIN is refused by the branch's tablets from their next sync, and the tablets they enrolled wait for an
   * administrator to confirm them before syncing again.
   */
  app.post('/api/staff/:id/disable', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    await db.transaction(async (tx) => {
      const staff = await readStaff(tx, id)
      if (staff.role === 'admin' && !staff.disabled && (await activeAdmins(tx)) <= 1)
        throw new HttpError(409, 'last_admin', 'The last administrator cannot be disabled')
      await tx.query('update staff set disabled = true where id = $1', [id])
      await tx.query('update sessions set revoked_at = now() where staff_id = $1 and revoked_at is null', [id])
      await tx.query(
        'update devices set needs_confirmation = true where enrolled_by = $1 and revoked_at is null and confirmed_by is null',
        [id],
      )
      await audit(tx, request, 'staff.disable', id, { before: { disabled: staff.disabled }, after: { disabled: true } })
    })
    return { ok: true }
  })

  app.post('/api/staff/:id/enable', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    await db.transaction(async (tx) => {
      const staff = await readStaff(tx, id)
      await tx.query('update staff set disabled = false where id = $1', [id])
      await audit(tx, request, 'staff.enable', id, { before: { disabled: staff.disabled }, after: { disabled: false } })
    })
    return { ok: true }
  })

  /** A forgotten password: a one-time password, shown once to the administrator, to be changed at the next sign-in. */
  app.post('/api/staff/:id/reset-password', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    await readStaff(db, id)
    const password = oneTimePassword()
    await db.transaction(async (tx) => {
      await tx.query(
        'update staff set password_hash = $2, must_change_password = true, password_changed_at = now() where id = $1',
        [id, await hashPassword(password)],
      )
      await tx.query('update sessions set revoked_at = now() where staff_id = $1 and revoked_at is null', [id])
      await audit(tx, request, 'staff.resetPassword', id)
    })
    return { oneTimePassword: password }
  })
}
