import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { resolveSettings, SETTINGS_SCHEMAS, taxonomyChangeProblems } from '../../domain'
import type { Taxonomy } from '../../domain'
import type { Database } from '../db/Database'
import { audit } from '../audit/audit'
import { staffOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { readSettings } from '../settings/readSettings'
import { reprojectOpenInBackground } from '../sync/reprojectOpen'

export function settingsRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/settings', { config: { access: 'staff' } }, async () => readSettings(db))

  /** Administrators set the calendar overrides, the deadline policy or the taxonomy; tablets get them on their next pull. */
  app.put('/api/settings/:key', { config: { access: 'admin' } }, async (request) => {
    const { key } = z.object({ key: z.enum(['calendar', 'policy', 'taxonomy']) }).parse(request.params)
    const value = SETTINGS_SCHEMAS[key].parse(request.body)
    if (key === 'taxonomy') {
      // A code keeps its meaning forever: old complaints must report the same in every later period.
      const problems = taxonomyChangeProblems(resolveSettings(await readSettings(db)).taxonomy.codes, (value as Taxonomy).codes)
      if (problems.length) throw new HttpError(409, 'code_changed', problems.join('; '))
    }
    await db.transaction(async (tx) => {
      const before = (await tx.query<{ value: unknown }>('select value from settings where key = $1', [key])).rows[0]?.value
      await tx.query(
        `insert into settings (key, value, updated_by) values ($1, $2, $3)
         on conflict (key) do update set value = excluded.value, version = settings.version + 1, updated_by = excluded.updated_by, updated_at = now()`,
        [key, JSON.stringify(value), staffOf(request).staffId],
      )
      await audit(tx, request, `settings.${key}`, key, { before: before ?? null, after: value })
    })
    // New deadlines for every open complaint at the centre (the desk and the reports read them).
    if (key !== 'taxonomy') void reprojectOpenInBackground(db, request.log)
    return readSettings(db)
  })
}
