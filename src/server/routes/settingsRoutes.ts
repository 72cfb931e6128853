import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  calendarOverridesSchema,
  deadlinePolicySchema,
  resolveSettings,
  SETTINGS_KEYS,
  SETTINGS_SCHEMAS,
  taxonomyChangeProblems,
} from '../../domain'
import type { Taxonomy } from '../../domain'
import type { Database } from '../db/Database'
import { audit } from '../audit/audit'
import { staffOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { settingsHistoryRoute } from '../../domain/api/adminApi'
import type { SettingVersion } from '../../domain/api/adminApi'
import { previewDeadlines } from '../settings/previewDeadlines'
import { readSettings } from '../settings/readSettings'
import { reprojectOpenInBackground } from '../sync/reprojectOpen'

const keyParams = z.object({ key: z.enum(SETTINGS_KEYS) })
const previewBody = z.object({ calendar: calendarOverridesSchema.optional(), policy: deadlinePolicySchema.optional() })
/** Settings that move deadlines: saving one recomputes the open complaints' deadlines at the centre. */
const MOVES_DEADLINES = new Set(['calendar', 'policy'])

export function settingsRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/settings', { config: { access: 'staff' } }, async () => readSettings(db))

  /**
   * Administrators set the calendar overrides, the deadline policy, the taxonomy or the SMS wording; tablets get them
   * on their next pull. The audit log keeps every version (who, when, before and after).
   */
  app.put('/api/settings/:key', { config: { access: 'admin' } }, async (request) => {
    const { key } = keyParams.parse(request.params)
    const value = SETTINGS_SCHEMAS[key].parse(request.body)
    if (key === 'taxonomy') {
      // A code keeps its meaning forever: old complaints must report the same in every later period.
      const problems = taxonomyChangeProblems(
        resolveSettings(await readSettings(db)).taxonomy.codes,
        (value as Taxonomy).codes,
      )
      if (problems.length) throw new HttpError(409, 'code_changed', problems.join('; '))
    }
    await db.transaction(async (tx) => {
      const before = (await tx.query<{ value: unknown }>('select value from settings where key = $1', [key])).rows[0]
        ?.value
      await tx.query(
        `insert into settings (key, value, updated_by) values ($1, $2, $3)
         on conflict (key) do update set value = excluded.value, version = settings.version + 1, updated_by = excluded.updated_by, updated_at = now()`,
        [key, JSON.stringify(value), staffOf(request).staffId],
      )
      await audit(tx, request, `settings.${key}`, key, { before: before ?? null, after: value })
    })
    // New deadlines for every open complaint at the centre (the desk and the reports read them).
    if (MOVES_DEADLINES.has(key)) void reprojectOpenInBackground(db, request.log)
    return readSettings(db)
  })

  /** How the open complaints' deadlines would move under a proposed calendar or policy, before it is saved. */
  app.post('/api/settings/preview', { config: { access: 'admin' } }, async (request) =>
    previewDeadlines(db, previewBody.parse(request.body)),
  )

  /** The versions of a setting, newest first, from the audit log: who changed it, when, from where, and to what. */
  route(app, settingsHistoryRoute, { access: 'admin' }, async ({ params: { key } }) => {
    const { rows } = await db.query<SettingVersion>(
      `select a.id, a.at, a.actor_id as "actorId", s.name as "actorName", a.address, a.before, a.after
       from audit_log a left join staff s on s.id = a.actor_id where a.action = $1 order by a.id desc limit 50`,
      [`settings.${key}`],
    )
    return { versions: rows }
  })
}
