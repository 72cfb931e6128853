import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Principal } from '../auth/principal'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import { toCsv } from '../reports/csv'
import { summaryReport } from '../reports/summaryReport'

const query = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  branch: z.union([z.string(), z.array(z.string())]).optional(),
})

/** The branches and the instant range a staff member asked for, limited to what they may see. */
function scope(request: { query: unknown; principal: unknown }) {
  const q = query.parse(request.query)
  const staff = request.principal as Extract<Principal, { kind: 'staff' }>
  const asked = q.branch ? [q.branch].flat() : staff.branchIds
  const allowed = staff.role === 'admin' ? asked : asked.filter((b) => staff.branchIds.includes(b))
  if (allowed.length === 0 || allowed.length !== asked.length) throw new HttpError(403, 'other_branch', 'You can only see reports of your own branches')
  const from = new Date(`${q.from}T00:00:00+08:00`).toISOString()
  const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
  return { q, branchIds: allowed, from, to }
}

export function reportRoutes(app: FastifyInstance, db: Database): void {
  /** Figures for a date range (China dates, inclusive) over the caller's branches, or a subset of them. */
  app.get('/api/reports/summary', { config: { access: 'staff' } }, async (request) => {
    const { q, branchIds, from, to } = scope(request)
    return { branches: branchIds, from: q.from, to: q.to, ...(await summaryReport(db, { branchIds, from, to })) }
  })

  /** The complaints of the range as CSV for Excel (UTF-8 with BOM), one row each, oldest first. */
  app.get('/api/reports/complaints.csv', { config: { access: 'staff' } }, async (request, reply) => {
    const { q, branchIds, from, to } = scope(request)
    const { rows } = await db.query<Record<string, unknown>>(
      `select c.id, b.name as branch, c.received_at, c.state->'customer'->>'name' as customer, c.phone, c.kind, c.category, c.cause,
              c.state->>'description' as description, c.state->>'demand' as demand, c.verdict, c.status, c.first_response_at,
              c.replied_at, c.extended, c.closed_at, c.opinion
       from complaints c join branches b on b.id = c.branch_id
       where c.branch_id = any($1::text[]) and c.received_at >= $2 and c.received_at < $3 order by c.received_at, c.id`,
      [branchIds, from, to])
    const header = ['编号', '网点', '受理时间', '客户', '电话', '类型', '业务类别', '原因', '投诉事由', '客户诉求', '是否成立', '状态', '首次响应', '答复', '延期', '办结', '客户意见']
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="complaints-${q.from}-${q.to}.csv"`)
      .send(toCsv(header, rows.map((r) => Object.values(r))))
  })
}
