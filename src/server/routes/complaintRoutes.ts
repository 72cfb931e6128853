import type { FastifyInstance } from 'fastify'
import { computeClocks, fold, resolveSettings } from '../../domain'
import type { ComplaintEvent } from '../../domain'
import { complaintRecordRoute } from '../../domain/api/deskApi'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { readSettings } from '../settings/readSettings'

export function complaintRoutes(app: FastifyInstance, db: Database): void {
  /**
   * One complaint's folded record and its clocks, computed with the centre's calendar and policy — including
   * whether a deadline is provisional (it runs into a year without a published holiday schedule).
   */
  route(app, complaintRecordRoute, { access: 'staff' }, async ({ params: { id }, principal: staff }) => {
    const { rows } = await db.query<{ body: ComplaintEvent; branch_id: string }>(
      'select body, branch_id from events where complaint_id = $1 order by server_seq',
      [id],
    )
    const branch = rows[0]?.branch_id
    // Another branch's complaint is reported as missing, not as forbidden: its existence is not disclosed.
    if (!branch || (staff.role !== 'admin' && !staff.branchIds.includes(branch)))
      throw new HttpError(404, 'not_found', 'No such complaint')
    const state = fold(rows.map((r) => r.body))
    if (!state) throw new HttpError(404, 'not_found', 'No such complaint')
    const { calendar, policy } = resolveSettings(await readSettings(db))
    return { complaint: state, clocks: computeClocks(state, { now: new Date(), calendar, policy }) }
  })
}
