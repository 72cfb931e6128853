import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../db/Database'
import type { Principal } from '../auth/principal'
import { hashToken, newToken } from '../auth/tokens'
import { HttpError } from '../http/errors'

const enrolBody = z.object({
  deviceId: z.string().regex(/^[\w-]{1,64}$/, 'deviceId: letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(60),
  /** Without it the tablet joins the staff member's own branch; an administrator (who has none) must name one. */
  branchId: z.string().min(1).max(64).optional(),
})

export function deviceRoutes(app: FastifyInstance, db: Database): void {
  /** A staff member signed in on the tablet enrols it: the tablet gets a device token bound to one branch. */
  app.post('/api/devices/enrol', { config: { access: 'staff' } }, async (request) => {
    const staff = request.principal as Extract<Principal, { kind: 'staff' }>
    const body = enrolBody.parse(request.body)
    const branchId = body.branchId ?? staff.homeBranchId ?? (staff.branchIds.length === 1 ? staff.branchIds[0] : undefined)
    if (!branchId) throw new HttpError(400, 'branch_required', 'Choose the branch this tablet belongs to')
    if (staff.role !== 'admin' && !staff.branchIds.includes(branchId)) throw new HttpError(403, 'other_branch', 'You cannot enrol a tablet for another branch')
    const branch = (await db.query<{ id: string; name: string }>('select id, name from branches where id = $1', [branchId])).rows[0]
    if (!branch) throw new HttpError(404, 'no_branch', 'No such branch')
    const taken = (await db.query<{ revoked_at: Date | null }>('select revoked_at from devices where id = $1', [body.deviceId])).rows[0]
    if (taken && !taken.revoked_at) throw new HttpError(409, 'already_enrolled', 'This tablet is already enrolled; an administrator must revoke it first')
    const token = newToken()
    await db.query(
      `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set branch_id = excluded.branch_id, name = excluded.name, token_hash = excluded.token_hash,
         enrolled_by = excluded.enrolled_by, enrolled_at = now(), revoked_at = null`,
      [body.deviceId, branch.id, body.name, hashToken(token), staff.staffId],
    )
    return { deviceToken: token, device: { id: body.deviceId, name: body.name, branchId: branch.id, branchName: branch.name } }
  })

  app.get('/api/devices', { config: { access: 'admin' } }, async () => {
    const { rows } = await db.query(
      `select d.id, d.name, d.branch_id as "branchId", b.name as "branchName", d.enrolled_at as "enrolledAt",
              d.last_seen_at as "lastSeenAt", d.revoked_at as "revokedAt"
       from devices d join branches b on b.id = d.branch_id order by d.enrolled_at desc`)
    return { devices: rows }
  })

  /** A lost tablet: its token stops working at once, and it is told so on its next sync. */
  app.post('/api/devices/:id/revoke', { config: { access: 'admin' } }, async (request) => {
    const { id } = z.object({ id: z.string().min(1).max(64) }).parse(request.params)
    const { rows } = await db.query('update devices set revoked_at = now() where id = $1 and revoked_at is null returning id', [id])
    if (rows.length === 0) throw new HttpError(404, 'no_device', 'No such enrolled tablet')
    return { ok: true }
  })

  /** The tablet's branch and its staff, so the tablet can offer them PIN unlock. */
  app.get('/api/branch', { config: { access: 'device' } }, async (request) => {
    const device = request.principal as Extract<Principal, { kind: 'device' }>
    const branch = (await db.query('select id, name from branches where id = $1', [device.branchId])).rows[0]
    const { rows } = await db.query(
      `select id, name, role, approval_level as "approvalLevel" from staff
       where not disabled and (branch_id = $1 or id in (select staff_id from staff_branches where branch_id = $1)) order by name`, [device.branchId])
    return { branch, staff: rows }
  })
}
