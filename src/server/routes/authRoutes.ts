import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../db/Database'
import { verifyPassword } from '../auth/passwords'
import type { Principal } from '../auth/principal'
import { hashToken, newToken } from '../auth/tokens'
import { HttpError } from '../http/errors'

const SESSION_HOURS = 12
const credentials = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) })

interface StaffRow { id: string; name: string; role: 'manager' | 'supervisor' | 'admin'; branch_id: string | null; password_hash: string; disabled: boolean; approval_level: 'superior' | null }

/** The same answer for an unknown user and a wrong password, so sign-in cannot be used to list usernames. */
async function checkCredentials(db: Database, body: unknown): Promise<StaffRow> {
  const { username, password } = credentials.parse(body)
  const { rows } = await db.query<StaffRow>('select id, name, role, branch_id, password_hash, disabled, approval_level from staff where username = $1', [username])
  const staff = rows[0]
  const ok = staff && !staff.disabled && (await verifyPassword(password, staff.password_hash))
  if (!ok) throw new HttpError(401, 'bad_credentials', 'Wrong username or password')
  return staff
}

export function authRoutes(app: FastifyInstance, db: Database, signInPerMinute: number): void {
  const limited = { rateLimit: { max: signInPerMinute, timeWindow: '1 minute' } }

  app.post('/api/auth/sign-in', { config: { access: 'public', ...limited } }, async (request) => {
    const staff = await checkCredentials(db, request.body)
    const token = newToken()
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000)
    await db.query('insert into sessions (token_hash, staff_id, expires_at) values ($1, $2, $3)', [hashToken(token), staff.id, expires])
    return { token, expiresAt: expires.toISOString(), staff: { id: staff.id, name: staff.name, role: staff.role, branchId: staff.branch_id, approvalLevel: staff.approval_level } }
  })

  app.post('/api/auth/sign-out', { config: { access: 'staff' } }, async (request) => {
    const token = request.headers.authorization!.slice('Bearer '.length)
    await db.query('update sessions set revoked_at = now() where token_hash = $1', [hashToken(token)])
    return { ok: true }
  })

  /** An enrolled tablet adds another staff member of its branch (who then sets a PIN on the tablet). */
  app.post('/api/auth/verify-staff', { config: { access: 'device', ...limited } }, async (request) => {
    const device = request.principal as Extract<Principal, { kind: 'device' }>
    const staff = await checkCredentials(db, request.body)
    const covers = await db.query('select 1 from staff_branches where staff_id = $1 and branch_id = $2', [staff.id, device.branchId])
    if (staff.branch_id !== device.branchId && staff.role !== 'admin' && covers.rows.length === 0) {
      throw new HttpError(403, 'other_branch', 'This staff member does not work in this tablet’s branch')
    }
    // The approval level travels with the staff member to the tablet, which then lets them decide offline.
    return { staff: { id: staff.id, name: staff.name, role: staff.role, approvalLevel: staff.approval_level } }
  })
}
