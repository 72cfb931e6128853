import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { alertPreferenceSchema, maskMobile } from '../../domain'
import type { AlertChannelName, AlertPreference } from '../../domain'
import { audit } from '../audit/audit'
import { staffOf } from '../auth/principal'
import type { Database, Queryable } from '../db/Database'
import { HttpError } from '../http/errors'
import { readStaff } from '../staff/staffStore'
import type { SmsService } from './smsRoutes'

const staffId = z.object({ id: z.string().regex(/^[\w.-]{1,64}$/, 'id: letters, digits, ., - and _ only') })

async function readPreference(db: Queryable, id: string): Promise<AlertPreference> {
  const row = (
    await db.query<{
      mode: AlertPreference['mode']
      channels: AlertChannelName[] | null
      email: string | null
      mobile: string | null
    }>('select mode, channels, email, mobile from alert_preferences where staff_id = $1', [id])
  ).rows[0]
  return {
    mode: row?.mode ?? 'off',
    // Stored before SMS alerts existed (or never set): e-mail.
    channels: row?.channels?.length ? row.channels : ['email'],
    email: row?.email ?? undefined,
    mobile: row?.mobile ?? undefined,
  }
}

async function writePreference(db: Queryable, id: string, p: AlertPreference): Promise<void> {
  await db.query(
    `insert into alert_preferences (staff_id, mode, channels, email, mobile) values ($1, $2, $3::text[], $4, $5)
     on conflict (staff_id) do update set mode = excluded.mode, channels = excluded.channels, email = excluded.email,
       mobile = excluded.mobile, updated_at = now()`,
    [id, p.mode, p.channels, p.email ?? null, p.mobile ?? null],
  )
}

/** The audit log keeps who changed what, never a whole phone number. */
const audited = (p: AlertPreference) => ({ ...p, mobile: maskMobile(p.mobile) })

/**
 * Whose alerts the caller may read and set through `/api/staff/:id/alerts`: an administrator anyone's, a supervisor
 * only their own; nobody else any (alerts go to supervisors).
 */
function mayManage(request: FastifyRequest, id: string): void {
  const me = staffOf(request)
  if (me.role === 'admin') return
  if (me.role === 'supervisor' && me.staffId === id) return
  throw new HttpError(403, 'forbidden', 'Only an administrator may set another person’s alerts')
}

/** Each person's alert preference: their own in the app, anyone's in the administrator's console (audited). */
export function alertRoutes(app: FastifyInstance, db: Database, sms: SmsService = {}): void {
  // Which channels the centre can send on now: without a gateway, SMS alerts wait queued (the form says so).
  app.get('/api/alerts/channels', { config: { access: 'staff' } }, async () => ({ sms: !!sms.settings }))

  app.get('/api/alerts/preference', { config: { access: 'staff' } }, async (request) =>
    readPreference(db, staffOf(request).staffId),
  )

  app.put('/api/alerts/preference', { config: { access: 'staff' } }, async (request) => {
    const body = alertPreferenceSchema.parse(request.body)
    await writePreference(db, staffOf(request).staffId, body)
    return readPreference(db, staffOf(request).staffId)
  })

  app.get('/api/staff/:id/alerts', { config: { access: 'staff' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    mayManage(request, id)
    await readStaff(db, id)
    return readPreference(db, id)
  })

  app.put('/api/staff/:id/alerts', { config: { access: 'staff' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    mayManage(request, id)
    const body = alertPreferenceSchema.parse(request.body)
    await readStaff(db, id)
    await db.transaction(async (tx) => {
      const before = await readPreference(tx, id)
      await writePreference(tx, id, body)
      await audit(tx, request, 'staff.alerts', id, { before: audited(before), after: audited(body) })
    })
    return readPreference(db, id)
  })
}
