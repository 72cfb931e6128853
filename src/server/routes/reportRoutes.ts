import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { chinaDayRange } from '../../domain'
import type { ComplaintState } from '../../domain'
import { reportQuerySchema, reportRegisterRoute, reportSummaryRoute } from '../../domain/api/reportApi'
import type { StaffPrincipal } from '../auth/principal'
import type { Database } from '../db/Database'
import { visibleBranches } from '../desk/visibleBranches'
import { staffOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { toCsv } from '../reports/csv'
import { summaryReport, summaryRows } from '../reports/summaryReport'

const REGISTER_LIMIT = 2000

/** The branches and the instant range a staff member asked for, limited to what they may see (all of them by default). */
export async function reportScope(db: Database, request: FastifyRequest) {
  return scopeOf(db, reportQuerySchema.parse(request.query), staffOf(request))
}

export async function scopeOf(db: Database, q: z.output<typeof reportQuerySchema>, staff: StaffPrincipal) {
  const visible = (await visibleBranches(db, staff)).map((b) => b.id)
  const asked = q.branch ? [q.branch].flat() : visible
  if (asked.length === 0 || asked.some((b) => !visible.includes(b)))
    throw new HttpError(403, 'other_branch', 'You can only see reports of your own branches')
  if (q.to < q.from) throw new HttpError(400, 'bad_range', 'The end date is before the start date')
  const { from, to } = chinaDayRange(q.from, q.to)
  return { q, branchIds: asked, from, to }
}

export function reportRoutes(app: FastifyInstance, db: Database): void {
  /** Figures for a date range (China dates, inclusive) over the caller's branches, or a subset of them. */
  route(app, reportSummaryRoute, { access: 'staff' }, async ({ query, principal }) => {
    const { q, branchIds, from, to } = await scopeOf(db, query, principal)
    return { branches: branchIds, from: q.from, to: q.to, ...(await summaryReport(db, { branchIds, from, to })) }
  })

  /** The same figures as CSV for Excel: one row per figure, with its count and rate. */
  app.get('/api/reports/summary.csv', { config: { access: 'staff' } }, async (request, reply) => {
    const { q, branchIds, from, to } = await reportScope(db, request)
    const report = await summaryReport(db, { branchIds, from, to })
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="figures-${q.from}-${q.to}.csv"`)
      .send(toCsv(['指标', '数量', '比例'], summaryRows(report)))
  })

  /**
   * The complaint register (投诉登记簿) of the range: every complaint's full record, with each reply and proof of
   * notice, for the printable register. Capped so that a year of every branch is asked for in parts.
   */
  route(app, reportRegisterRoute, { access: 'staff' }, async ({ query, principal }) => {
    const { q, branchIds, from, to } = await scopeOf(db, query, principal)
    const { rows } = await db.query<{ state: ComplaintState; branch: string }>(
      `select c.state, b.name as branch from complaints c join branches b on b.id = c.branch_id
       where c.branch_id = any($1::text[]) and c.received_at >= $2 and c.received_at < $3 order by c.received_at, c.id limit ${REGISTER_LIMIT + 1}`,
      [branchIds, from, to],
    )
    if (rows.length > REGISTER_LIMIT)
      throw new HttpError(
        422,
        'too_many',
        `More than ${REGISTER_LIMIT} complaints: choose a shorter range or fewer branches`,
      )
    return { from: q.from, to: q.to, complaints: rows.map((r) => ({ branchName: r.branch, state: r.state })) }
  })

  /** The complaints of the range as CSV for Excel (UTF-8 with BOM), one row each, oldest first. */
  app.get('/api/reports/complaints.csv', { config: { access: 'staff' } }, async (request, reply) => {
    const { q, branchIds, from, to } = await reportScope(db, request)
    const { rows } = await db.query<Record<string, unknown>>(
      `select coalesce(c.state->>'caseNumber', upper(right(c.id::text, 8))) as case_number, b.name as branch, c.received_at, c.state->'customer'->>'name' as customer, c.phone, c.kind, c.category, c.cause,
              c.state->>'description' as description, c.state->>'demand' as demand, c.verdict, c.status, c.first_response_at,
              c.replied_at, c.extended, c.closed_at, c.opinion, c.id
       from complaints c join branches b on b.id = c.branch_id
       where c.branch_id = any($1::text[]) and c.received_at >= $2 and c.received_at < $3 order by c.received_at, c.id`,
      [branchIds, from, to],
    )
    const header = [
      '投诉编号',
      '网点',
      '受理时间',
      '客户',
      '电话',
      '类型',
      '业务类别',
      '原因',
      '投诉事由',
      '客户诉求',
      '是否成立',
      '状态',
      '首次响应',
      '答复',
      '延期',
      '办结',
      '客户意见',
      '系统编号',
    ]
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="complaints-${q.from}-${q.to}.csv"`)
      .send(
        toCsv(
          header,
          rows.map((r) => Object.values(r)),
        ),
      )
  })
}
