import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { alertPreferenceSchema } from '../../domain'
import type { AlertPreference } from '../../domain'
import { audit } from '../audit/audit'
import { staffOf } from '../auth/principal'
import type { Database, Queryable } from '../db/Database'
import { readStaff } from '../staff/staffStore'

const staffId = z.object({ id: z.string().regex(/^[\w.-]{1,64}$/, 'id: letters, digits, ., - and _ only') })

async function readPreference(db: Queryable, id: string): Promise<AlertPreference> {
  const row = (
    await db.query<{ mode: AlertPreference['mode']; email: string | null }>(
      'select mode, email from alert_preferences where staff_id = $1',
      [id],
    )
  ).rows[0]
  return { mode: row?.mode ?? 'off', email: row?.email ?? undefined }
}

async function writePreference(db: Queryable, id: string, p: AlertPreference): Promise<void> {
  await db.query(
    `insert into alert_preferences (staff_id, mode, email) values ($1, $2, $3)
     on conflict (staff_id) do update set mode = excluded.mode, email = excluded.email, updated_at = now()`,
    [id, p.mode, p.email ?? null],
  )
}

/** Each person's alert preference: their own in the app, anyone's in the administrator's console (audited). */
export function alertRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/alerts/preference', { config: { access: 'staff' } }, async (request) =>
    readPreference(db, staffOf(request).staffId),
  )

  app.put('/api/alerts/preference', { config: { access: 'staff' } }, async (request) => {
    const body = alertPreferenceSchema.parse(request.body)
    await writePreference(db, staffOf(request).staffId, body)
    return readPreference(db, staffOf(request).staffId)
  })

  app.get('/api/staff/:id/alerts', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    await readStaff(db, id)
    return readPreference(db, id)
  })

  app.put('/api/staff/:id/alerts', { config: { access: 'admin' } }, async (request) => {
    const { id } = staffId.parse(request.params)
    const body = alertPreferenceSchema.parse(request.body)
    await readStaff(db, id)
    await db.transaction(async (tx) => {
      const before = await readPreference(tx, id)
      await writePreference(tx, id, body)
      await audit(tx, request, 'staff.alerts', id, { before, after: body })
    })
    return readPreference(db, id)
  })
}
