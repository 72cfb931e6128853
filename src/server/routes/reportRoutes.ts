import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Principal } from '../auth/principal'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import { summaryReport } from '../reports/summaryReport'

const query = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  branch: z.union([z.string(), z.array(z.string())]).optional(),
})

export function reportRoutes(app: FastifyInstance, db: Database): void {
  /** Figures for a date range (China dates, inclusive) over the caller's branches, or a subset of them. */
  app.get('/api/reports/summary', { config: { access: 'staff' } }, async (request) => {
    const q = query.parse(request.query)
    const staff = request.principal as Extract<Principal, { kind: 'staff' }>
    const asked = q.branch ? [q.branch].flat() : staff.branchIds
    const allowed = staff.role === 'admin' ? asked : asked.filter((b) => staff.branchIds.includes(b))
    if (allowed.length === 0 || allowed.length !== asked.length) throw new HttpError(403, 'other_branch', 'You can only see reports of your own branches')
    const from = new Date(`${q.from}T00:00:00+08:00`).toISOString()
    const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
    return { branches: allowed, from: q.from, to: q.to, ...(await summaryReport(db, { branchIds: allowed, from, to })) }
  })
}
