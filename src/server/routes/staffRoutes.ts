import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'

const approvalBody = z.object({ level: z.enum(['superior']).nullable() })

export function staffRoutes(app: FastifyInstance, db: Database): void {
  /**
   * An administrator names who holds a superior office's or head-office senior manager's approval (2020 rule
   * Art. 18: the only approval that allows an extension past 30 days), or takes it back. Tablets learn it when the
   * staff member is added to them; the server checks it on every decision it receives.
   */
  app.put('/api/staff/:id/approval', { config: { access: 'admin' } }, async (request) => {
    const { id } = z.object({ id: z.string().min(1).max(64) }).parse(request.params)
    const { level } = approvalBody.parse(request.body)
    const { rows } = await db.query<{ id: string; name: string; role: string; approval_level: string | null }>(
      'update staff set approval_level = $2 where id = $1 returning id, name, role, approval_level', [id, level])
    const staff = rows[0]
    if (!staff) throw new HttpError(404, 'not_found', 'No such staff member')
    return { staff: { id: staff.id, name: staff.name, role: staff.role, approvalLevel: staff.approval_level } }
  })
}
