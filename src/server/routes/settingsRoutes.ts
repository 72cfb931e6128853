import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { SETTINGS_SCHEMAS } from '../../domain'
import type { Database } from '../db/Database'
import type { Principal } from '../auth/principal'
import { readSettings } from '../settings/readSettings'
import { reprojectComplaints } from '../sync/reprojectComplaints'

export function settingsRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/settings', { config: { access: 'staff' } }, async () => readSettings(db))

  /** Administrators set the calendar overrides, the deadline policy or the taxonomy; tablets get them on their next pull. */
  app.put('/api/settings/:key', { config: { access: 'admin' } }, async (request) => {
    const { key } = z.object({ key: z.enum(['calendar', 'policy', 'taxonomy']) }).parse(request.params)
    const value = SETTINGS_SCHEMAS[key].parse(request.body)
    const admin = request.principal as Extract<Principal, { kind: 'staff' }>
    await db.query(
      `insert into settings (key, value, updated_by) values ($1, $2, $3)
       on conflict (key) do update set value = excluded.value, version = settings.version + 1, updated_by = excluded.updated_by, updated_at = now()`,
      [key, JSON.stringify(value), admin.staffId],
    )
    // The calendar and the policy move the deadlines of every open complaint, for the desk and the reports too.
    if (key !== 'taxonomy') await reprojectComplaints(db, 'open')
    return readSettings(db)
  })
}
