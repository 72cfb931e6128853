import type { FastifyInstance } from 'fastify'
import { decide, deskItems, FINISHED_SQL, fold, parseEvent } from '../../domain'
import { deskComplaintsRoute, deskEventRoute, deskOverviewRoute, deskQueueRoute } from '../../domain/api/deskApi'
import type { Authority, ComplaintEvent, ComplaintState } from '../../domain'
import type { Database } from '../db/Database'
import { deskOverview, dueSoonLimit } from '../desk/deskOverview'
import { visibleBranches } from '../desk/visibleBranches'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { centreClockContext } from '../settings/centreClockContext'
import { ingestEvents } from '../sync/ingestEvents'

/** What a supervisor may record from the desk, for any branch they cover: decisions, plans and notes. */
const DESK_EVENT_TYPES = new Set<string>(['extension.decided', 'supervisor.planRecorded', 'note.added'])
const QUEUE_LIMIT = 500
const PAGE = 50

export function deskRoutes(app: FastifyInstance, db: Database): void {
  /** Open, overdue and due-soon complaints by branch, across the branches the caller covers. */
  route(app, deskOverviewRoute, { access: 'staff' }, async ({ principal }) => {
    const branches = await visibleBranches(db, principal)
    return { branches: await deskOverview(db, branches, await centreClockContext(db)) }
  })

  /** Escalations waiting for a plan and extension requests waiting for a decision, oldest first. */
  route(app, deskQueueRoute, { access: 'supervisor' }, async ({ principal }) => {
    const branches = await visibleBranches(db, principal)
    const { rows } = await db.query<{ state: ComplaintState }>(
      `select state from complaints where branch_id = any($1::text[]) and (escalation_open or approval_pending)
       and status not in ${FINISHED_SQL} order by received_at limit ${QUEUE_LIMIT}`,
      [branches.map((b) => b.id)],
    )
    const names = new Map(branches.map((b) => [b.id, b.name]))
    const items = deskItems(
      rows.map((r) => r.state),
      await centreClockContext(db),
    )
    return { items: items.map((i) => ({ ...i, branchName: names.get(i.branchId) ?? i.branchId })) }
  })

  /** One branch's open complaints, soonest deadline first, 50 at a time. */
  route(app, deskComplaintsRoute, { access: 'staff' }, async ({ query: q, principal }) => {
    const branches = await visibleBranches(db, principal)
    if (!branches.some((b) => b.id === q.branch))
      throw new HttpError(403, 'other_branch', 'You can only see the branches you cover')
    const ctx = await centreClockContext(db)
    const params: unknown[] = [q.branch]
    const param = (v: unknown) => `$${params.push(v)}`
    const conditions: string[] = []
    if (q.filter === 'overdue') conditions.push(`due_at < ${param(ctx.now.toISOString())}::timestamptz`)
    if (q.filter === 'dueSoon') {
      conditions.push(
        `due_at >= ${param(ctx.now.toISOString())}::timestamptz and due_at <= ${param(dueSoonLimit(ctx).toISOString())}::timestamptz`,
      )
    }
    if (q.after) conditions.push(`(due_at, id) > (${param(q.after.dueAt)}::timestamptz, ${param(q.after.id)}::uuid)`)
    const filter = conditions.map((c) => `and ${c}`).join(' ')
    const { rows } = await db.query<{
      id: string
      received_at: Date
      due_at: Date | null
      due_clock: string | null
      status: string
      customer: string
      case_number: string | null
      category: string | null
      escalation_open: boolean
      approval_pending: boolean
    }>(
      `select id, received_at, due_at, due_clock, status, state->'customer'->>'name' as customer, state->>'caseNumber' as case_number, coalesce(code_b, category) as category, escalation_open, approval_pending
       from complaints where branch_id = $1 and status not in ${FINISHED_SQL} and due_at is not null ${filter}
       order by due_at, id limit ${PAGE + 1}`,
      params,
    )
    const page = rows.slice(0, PAGE)
    const last = page.at(-1)
    return {
      complaints: page.map((r) => ({
        id: r.id,
        receivedAt: new Date(r.received_at).toISOString(),
        dueAt: r.due_at && new Date(r.due_at).toISOString(),
        dueClock: r.due_clock,
        status: r.status,
        customerName: r.customer,
        caseNumber: r.case_number ?? undefined,
        category: r.category,
        escalated: r.escalation_open,
        approvalPending: r.approval_pending,
      })),
      next: rows.length > PAGE && last ? `${new Date(last.due_at!).toISOString()}|${last.id}` : null,
    }
  })

  /**
   * A supervisor's decision or plan made at the desk for a branch they cover. The browser makes the event (its id
   * and clock) as a tablet would; it is checked against the complaint's folded state and stored through the same
   * ingest as a tablet's push, so the branch's tablets receive it on their next pull.
   */
  route(app, deskEventRoute, { access: 'supervisor' }, async ({ body, principal: staff }) => {
    const parsed = parseEvent(body.event)
    if (!parsed.ok)
      throw new HttpError(
        400,
        'invalid_event',
        parsed.issues.map((i) => `${i.path || 'event'}: ${i.message}`).join('; '),
      )
    const e = parsed.value
    if (!DESK_EVENT_TYPES.has(e.type))
      throw new HttpError(400, 'not_a_desk_event', 'Only decisions, plans and notes are made at the desk')
    if (e.actor.staffId !== staff.staffId)
      throw new HttpError(403, 'forbidden', 'An event is made in the signed-in supervisor’s own name')
    const branches = await visibleBranches(db, staff)
    const { rows } = await db.query<{ body: ComplaintEvent; branch_id: string }>(
      'select body, branch_id from events where complaint_id = $1 order by server_seq',
      [e.complaintId],
    )
    const branch = rows[0]?.branch_id
    if (!branch || !branches.some((b) => b.id === branch)) throw new HttpError(404, 'not_found', 'No such complaint')
    if (e.branchId !== branch)
      throw new HttpError(400, 'wrong_branch', 'The event names another branch than the complaint’s')
    const already = rows.some((r) => r.body.id === e.id)
    if (!already) {
      // The fold orders by clock: an answer stamped before what it answers would be folded before it, and lost.
      if (rows.some((r) => r.body.hlc >= e.hlc))
        throw new HttpError(409, 'stale_clock', 'The event’s clock is behind the complaint’s: reload and try again')
      const me = (
        await db.query<{ role: Authority['role']; approval_level: 'superior' | null }>(
          'select role, approval_level from staff where id = $1',
          [staff.staffId],
        )
      ).rows[0]
      const actor: Authority | undefined = me && { role: me.role, approvalLevel: me.approval_level }
      const decision = decide(
        fold(rows.map((r) => r.body)),
        { type: e.type, payload: e.payload } as Parameters<typeof decide>[1],
        { ...(await centreClockContext(db)), actor },
      )
      if (!decision.ok) throw new HttpError(409, 'refused', 'refusal' in decision ? decision.refusal : 'invalid')
    }
    const [result] = await ingestEvents(
      db,
      { deviceId: e.actor.deviceId, branchId: branch, actors: { staffId: staff.staffId } },
      [body.event],
    )
    if (result?.status !== 'accepted')
      throw new HttpError(
        409,
        result?.reason ?? 'rejected',
        result?.status === 'rejected' ? result.message : 'Not stored',
      )
    return { result }
  })
}
