import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'
import { auditQuerySchema as auditQuery, auditRoute } from '../../domain/api/adminApi'
import type { AuditEntry } from '../../domain/api/adminApi'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { toCsv } from '../reports/csv'

const PAGE = 100
const CSV_LIMIT = 20_000

/** The filters as SQL over `audit_log a`, with their parameters. China dates, both ends inclusive. */
function where(q: z.output<typeof auditQuery>): { sql: string; params: unknown[] } {
  if (q.from && q.to && q.to < q.from) throw new HttpError(400, 'bad_range', 'The end date is before the start date')
  const clauses: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    params.push(value)
    clauses.push(sql.replace('?', `$${params.length}`))
  }
  if (q.from) add('a.at >= ?', new Date(`${q.from}T00:00:00+08:00`))
  if (q.to) add('a.at < ?', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000))
  if (q.action) add(q.action.includes('.') ? 'a.action = ?' : `a.action like ? || '.%'`, q.action)
  if (q.actor) add('a.actor_id = ?', q.actor)
  if (q.before) add('a.id < ?', q.before)
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params }
}

/** Names beside the ids, as they are now: the log itself keeps only ids. */
const SELECT = `
  select a.id, a.at, a.actor_id as "actorId", s.name as "actorName", a.address, a.action, a.target,
    coalesce(ts.name, tb.name, td.name) as "targetName", a.before, a.after
  from audit_log a
  left join staff s on s.id = a.actor_id
  left join staff ts on ts.id = a.target and (a.action like 'staff.%')
  left join branches tb on tb.id = a.target and (a.action like 'branch.%' or a.action = 'device.enrolmentCode')
  left join devices td on td.id = a.target and a.action like 'device.%' and a.action <> 'device.enrolmentCode'`

/** The administration's audit trail: read and exported by administrators only; nothing ever changes it. */
export function auditRoutes(app: FastifyInstance, db: Database): void {
  route(app, auditRoute, { access: 'admin' }, async ({ query }) => {
    const { sql, params } = where(query)
    const { rows } = await db.query<AuditEntry>(`${SELECT} ${sql} order by a.id desc limit ${PAGE + 1}`, params)
    const more = rows.length > PAGE
    const entries = rows.slice(0, PAGE)
    return { entries, next: more ? entries.at(-1)!.id : null }
  })

  app.get('/api/audit.csv', { config: { access: 'admin' } }, async (request, reply) => {
    const q = auditQuery.parse(request.query)
    const { sql, params } = where(q)
    const { rows } = await db.query<AuditEntry>(`${SELECT} ${sql} order by a.id limit ${CSV_LIMIT}`, params)
    const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v))
    const csv = toCsv(
      ['id', 'at', 'actor', 'actor name', 'address', 'action', 'target', 'target name', 'before', 'after'],
      rows.map((r) => [
        r.id,
        new Date(r.at).toISOString(),
        r.actorId,
        r.actorName,
        r.address,
        r.action,
        r.target,
        r.targetName,
        json(r.before),
        json(r.after),
      ]),
    )
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${q.from ?? 'start'}-${q.to ?? 'now'}.csv"`)
      .send(csv)
  })
}
