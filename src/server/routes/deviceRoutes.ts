import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { safeString } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { audit } from '../audit/audit'
import { ENROLMENT_CODE, hashEnrolmentCode } from '../auth/enrolmentCodes'
import { staffOf } from '../auth/principal'
import { hashToken, newToken } from '../auth/tokens'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { adminDevicesRoute } from '../../domain/api/adminApi'
import type { AdminDevice } from '../../domain/api/adminApi'
import { assignCaseLetter } from '../devices/caseLetters'

const DEVICE_ID = /^[\w-]{1,64}$/
const enrolBody = z.object({
  deviceId: z.string().regex(DEVICE_ID, 'deviceId: letters, digits, - and _ only'),
  name: safeString().trim().min(1).max(60),
  /** Without it the tablet joins the staff member's own branch; an administrator (who has none) must name one. */
  branchId: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'branchId: letters, digits, - and _ only')
    .optional(),
})
const deviceParams = z.object({ id: z.string().regex(DEVICE_ID, 'id: letters, digits, - and _ only') })
const revokeBody = z.object({ wipe: z.boolean().default(false) })
const codeEnrolBody = z.object({
  code: z.string().trim().toUpperCase().regex(ENROLMENT_CODE, 'code: three groups of four letters and digits'),
  deviceId: z.string().regex(DEVICE_ID, 'deviceId: letters, digits, - and _ only'),
  name: safeString().trim().min(1).max(60),
})

/**
 * Binds a tablet to a branch with a new token (replacing a revoked or expired enrolment of the same tablet); refuses
 * a tablet enrolled and in use. Returns the token, which is stored only as its hash.
 */
async function enrolDevice(
  db: Queryable,
  d: { deviceId: string; branchId: string; name: string; enrolledBy: string; enrollerActs: boolean },
): Promise<string> {
  const taken = (
    await db.query<{ revoked_at: Date | null; expired_at: Date | null }>(
      'select revoked_at, expired_at from devices where id = $1',
      [d.deviceId],
    )
  ).rows[0]
  if (taken && !taken.revoked_at && !taken.expired_at)
    throw new HttpError(
      409,
      'already_enrolled',
      'This tablet is already enrolled; an administrator must revoke it first',
    )
  const token = newToken()
  await db.query(
    `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set case_letter = case when devices.branch_id = excluded.branch_id then devices.case_letter end,
       branch_id = excluded.branch_id, name = excluded.name, token_hash = excluded.token_hash,
       enrolled_by = excluded.enrolled_by, enrolled_at = now(), revoked_at = null, expired_at = null, last_seen_at = null,
       token_issued_at = now(), prev_token_hash = null, prev_token_expires_at = null, needs_confirmation = false, confirmed_by = null,
       pending_events = null, app_version = null, reported_at = null, can_wipe = false, wipe = false,
       revoked_by = null, wipe_acknowledged_at = null, wipe_undelivered = null`,
    [d.deviceId, d.branchId, d.name, hashToken(token), d.enrolledBy],
  )
  // A tablet enrolled (again) starts with only the staff member who signed in on it among its users; enrolled with a
  // code, with nobody: the issuer never proved who they are on this tablet.
  await db.query('delete from device_staff where device_id = $1', [d.deviceId])
  if (d.enrollerActs)
    await db.query('insert into device_staff (device_id, staff_id) values ($1, $2)', [d.deviceId, d.enrolledBy])
  await assignCaseLetter(db, d.deviceId, d.branchId)
  return token
}

export function deviceRoutes(app: FastifyInstance, db: Database, enrolPerMinute: number): void {
  // Guessing codes is throttled per address like guessing passwords.
  const limited = { rateLimit: { max: enrolPerMinute, timeWindow: '1 minute' } }

  /** A staff member signed in on the tablet enrols it: the tablet gets a device token bound to one branch. */
  app.post('/api/devices/enrol', { config: { access: 'staff' } }, async (request) => {
    const staff = staffOf(request)
    const body = enrolBody.parse(request.body)
    const branchId =
      body.branchId ?? staff.homeBranchId ?? (staff.branchIds.length === 1 ? staff.branchIds[0] : undefined)
    if (!branchId) throw new HttpError(400, 'branch_required', 'Choose the branch this tablet belongs to')
    if (staff.role !== 'admin' && !staff.branchIds.includes(branchId))
      throw new HttpError(403, 'other_branch', 'You cannot enrol a tablet for another branch')
    const branch = (
      await db.query<{ id: string; name: string }>('select id, name from branches where id = $1', [branchId])
    ).rows[0]
    if (!branch) throw new HttpError(404, 'no_branch', 'No such branch')
    const token = await db.transaction((tx) =>
      enrolDevice(tx, {
        deviceId: body.deviceId,
        branchId: branch.id,
        name: body.name,
        enrolledBy: staff.staffId,
        enrollerActs: true,
      }),
    )
    return {
      deviceToken: token,
      device: { id: body.deviceId, name: body.name, branchId: branch.id, branchName: branch.name },
    }
  })

  /**
   * A tablet that was handed a one-time code (issued for a branch in the console or at the desk) enrols with it: the
   * code is used up, and the tablet belongs to that branch as if the issuer had signed in on it. Its staff then add
   * themselves from the lock screen.
   */
  app.post('/api/devices/enrol-with-code', { config: { access: 'public', ...limited } }, async (request) => {
    const body = codeEnrolBody.parse(request.body)
    const enrolled = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ branch_id: string; created_by: string; name: string }>(
        `update enrolment_codes c set used_at = now(), device_id = $2 from branches b
         where c.code_hash = $1 and c.used_at is null and c.expires_at > now() and b.id = c.branch_id
         returning c.branch_id, c.created_by, b.name`,
        [hashEnrolmentCode(body.code), body.deviceId],
      )
      const code = rows[0]
      if (!code)
        throw new HttpError(401, 'bad_code', 'This enrolment code is wrong, used or expired: ask for a new one')
      const token = await enrolDevice(tx, {
        deviceId: body.deviceId,
        branchId: code.branch_id,
        name: body.name,
        enrolledBy: code.created_by,
        enrollerActs: false,
      })
      await audit(
        tx,
        request,
        'device.enrol',
        body.deviceId,
        { after: { branchId: code.branch_id, name: body.name, withCode: true } },
        code.created_by,
      )
      return { token, branch: { id: code.branch_id, name: code.name } }
    })
    return {
      deviceToken: enrolled.token,
      device: { id: body.deviceId, name: body.name, branchId: enrolled.branch.id, branchName: enrolled.branch.name },
    }
  })

  /** Every tablet, with what it last reported: when it synced, what it has not pushed yet, its app's version. */
  route(app, adminDevicesRoute, { access: 'admin' }, async () => {
    const { rows } = await db.query<AdminDevice>(
      `select d.id, d.name, d.branch_id as "branchId", b.name as "branchName", d.enrolled_by as "enrolledBy", e.name as "enrolledByName",
              d.enrolled_at as "enrolledAt", d.last_seen_at as "lastSeenAt", d.reported_at as "reportedAt", d.pending_events as "pendingEvents",
              d.app_version as "appVersion", d.can_wipe as "canWipe", d.wipe, d.revoked_at as "revokedAt",
              d.wipe_acknowledged_at as "wipeAcknowledgedAt", d.wipe_undelivered as "wipeUndelivered", d.expired_at as "expiredAt",
              d.needs_confirmation as "needsConfirmation"
       from devices d join branches b on b.id = d.branch_id left join staff e on e.id = d.enrolled_by order by d.enrolled_at desc`,
    )
    return { devices: rows }
  })

  /**
   * A lost tablet: its token stops working at once, and it is told so on its next sync. With `wipe` (offered for
   * tablets that said they can), on its next contact it first pushes what it has not sent, acknowledges
   * (`/api/sync/wiped`), then erases what it holds and tells its user who revoked it and when.
   */
  app.post('/api/devices/:id/revoke', { config: { access: 'admin' } }, async (request) => {
    const { id } = deviceParams.parse(request.params)
    const { wipe } = revokeBody.parse(request.body ?? {})
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ can_wipe: boolean }>(
        'select can_wipe from devices where id = $1 and revoked_at is null',
        [id],
      )
      if (rows.length === 0) throw new HttpError(404, 'no_device', 'No such enrolled tablet')
      if (wipe && !rows[0]!.can_wipe)
        throw new HttpError(
          409,
          'wipe_unsupported',
          'This tablet has not said it can erase its data: revoke it without',
        )
      await tx.query('update devices set revoked_at = now(), wipe = $2, revoked_by = $3 where id = $1', [
        id,
        wipe,
        staffOf(request).staffId,
      ])
      await audit(tx, request, 'device.revoke', id, { after: { revoked: true, wipe } })
    })
    return { ok: true }
  })

  /** The staff member who enrolled this tablet was disabled: an administrator confirms that it may go on syncing. */
  app.post('/api/devices/:id/confirm', { config: { access: 'admin' } }, async (request) => {
    const { id } = deviceParams.parse(request.params)
    await db.transaction(async (tx) => {
      const { rows } = await tx.query(
        'update devices set needs_confirmation = false, confirmed_by = $2 where id = $1 and needs_confirmation returning id',
        [id, staffOf(request).staffId],
      )
      if (rows.length === 0) throw new HttpError(404, 'no_device', 'No tablet waits for confirmation under this id')
      await audit(tx, request, 'device.confirm', id, {
        before: { needsConfirmation: true },
        after: { needsConfirmation: false },
      })
    })
    return { ok: true }
  })
}
