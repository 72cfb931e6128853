import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { safeString } from '../../domain'
import type { ApprovalLevel, StaffRole } from '../../domain'
import type { Database } from '../db/Database'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { PASSWORD_PROBLEMS, passwordProblem } from '../auth/passwordPolicy'
import { deviceOf, staffOf } from '../auth/principal'
import { assertNotLocked, clearFailures, recordFailure } from '../auth/signInGuard'
import { hashToken, newToken } from '../auth/tokens'
import { HttpError } from '../http/errors'

const SESSION_HOURS = 12
const credentials = z.object({ username: safeString().trim().min(1).max(64), password: safeString().min(1).max(200) })
const passwordChange = z.object({
  currentPassword: safeString().min(1).max(200),
  newPassword: safeString().min(1).max(200),
})

interface StaffRow {
  id: string
  username: string
  name: string
  role: StaffRole
  branch_id: string | null
  password_hash: string
  disabled: boolean
  must_change_password: boolean
  approval_level: ApprovalLevel | null
}

// An unknown username is checked against this hash, so it takes as long to refuse as a wrong password.
let dummyHash: Promise<string> | null = null

/**
 * The same answer, in the same time, for an unknown user, a disabled one and a wrong password, so sign-in cannot be
 * used to list usernames; a username with too many recent failures is locked whatever address the guesses come from.
 */
async function checkCredentials(db: Database, body: unknown): Promise<StaffRow> {
  const { username, password } = credentials.parse(body)
  await assertNotLocked(db, username)
  const { rows } = await db.query<StaffRow>(
    'select id, username, name, role, branch_id, password_hash, disabled, must_change_password, approval_level from staff where username = $1',
    [username],
  )
  const staff = rows[0]
  dummyHash ??= hashPassword(newToken())
  const matches = await verifyPassword(password, staff?.password_hash ?? (await dummyHash))
  if (!staff || staff.disabled || !matches) {
    await recordFailure(db, username)
    throw new HttpError(401, 'bad_credentials', 'Wrong username or password')
  }
  await clearFailures(db, username)
  return staff
}

export function authRoutes(app: FastifyInstance, db: Database, signInPerMinute: number): void {
  // Per address as well: behind the bank's reverse proxy the address is the client's (TRUST_PROXY), not the proxy's.
  const limited = { rateLimit: { max: signInPerMinute, timeWindow: '1 minute' } }

  app.post('/api/auth/sign-in', { config: { access: 'public', ...limited } }, async (request) => {
    const staff = await checkCredentials(db, request.body)
    const token = newToken()
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000)
    await db.query('insert into sessions (token_hash, staff_id, expires_at) values ($1, $2, $3)', [
      hashToken(token),
      staff.id,
      expires,
    ])
    return {
      token,
      expiresAt: expires.toISOString(),
      mustChangePassword: staff.must_change_password,
      staff: {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        branchId: staff.branch_id,
        approvalLevel: staff.approval_level,
      },
    }
  })

  app.post('/api/auth/sign-out', { config: { access: 'staff', whilePasswordMustChange: true } }, async (request) => {
    await db.query('update sessions set revoked_at = now() where token_hash = $1', [staffOf(request).tokenHash])
    return { ok: true }
  })

  /**
   * A staff member changes their own password (also the one-time password an administrator set). Every other
   * session of theirs ends: whoever else knew the old password is signed out.
   */
  app.post(
    '/api/auth/password',
    { config: { access: 'staff', whilePasswordMustChange: true, ...limited } },
    async (request) => {
      const me = staffOf(request)
      const body = passwordChange.parse(request.body)
      const { rows } = await db.query<{ username: string; password_hash: string }>(
        'select username, password_hash from staff where id = $1',
        [me.staffId],
      )
      const row = rows[0]!
      if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
        await recordFailure(db, row.username)
        throw new HttpError(401, 'bad_credentials', 'The current password is wrong')
      }
      const problem = passwordProblem(body.newPassword, [row.username, me.name])
      if (problem) throw new HttpError(400, `password_${problem}`, PASSWORD_PROBLEMS[problem])
      if (await verifyPassword(body.newPassword, row.password_hash))
        throw new HttpError(400, 'password_unchanged', 'The new password must differ from the current one')
      await db.transaction(async (tx) => {
        await tx.query(
          'update staff set password_hash = $2, password_changed_at = now(), must_change_password = false where id = $1',
          [me.staffId, await hashPassword(body.newPassword)],
        )
        await tx.query(
          'update sessions set revoked_at = now() where staff_id = $1 and token_hash <> $2 and revoked_at is null',
          [me.staffId, me.tokenHash],
        )
      })
      return { ok: true }
    },
  )

  /** An enrolled tablet adds another staff member of its branch (who then sets a PIN on the tablet). */
  app.post('/api/auth/verify-staff', { config: { access: 'device', ...limited } }, async (request) => {
    const device = deviceOf(request)
    const staff = await checkCredentials(db, request.body)
    if (staff.must_change_password)
      throw new HttpError(403, 'password_change_required', 'Change your one-time password first')
    // The administrator runs the system from the console; a tablet's users are the branch's own staff and supervisors.
    if (staff.role === 'admin')
      throw new HttpError(403, 'not_branch_staff', 'An administrator does not handle complaints on a branch tablet')
    const covers = await db.query('select 1 from staff_branches where staff_id = $1 and branch_id = $2', [
      staff.id,
      device.branchId,
    ])
    if (staff.branch_id !== device.branchId && covers.rows.length === 0) {
      throw new HttpError(403, 'other_branch', 'This staff member does not work in this tablet’s branch')
    }
    // From now on their events from this tablet are theirs: they proved it with their password here.
    await db.query('insert into device_staff (device_id, staff_id) values ($1, $2) on conflict do nothing', [
      device.deviceId,
      staff.id,
    ])
    // The approval level travels with the staff member to the tablet, which then lets them decide offline.
    return { staff: { id: staff.id, name: staff.name, role: staff.role, approvalLevel: staff.approval_level } }
  })
}
