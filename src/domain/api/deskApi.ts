import { z } from 'zod'
import { isInstantInRange } from '../text/dateBounds'
import type { Clocks } from '../complaint/clocks'
import type { ComplaintState } from '../complaint/state'
import type { ApprovalLevel } from '../complaint/vocabulary'
import { defineRoute } from './route'

/**
 * A folded complaint as the centre sends it. The fold (`domain/complaint/fold.ts`) makes it on both sides from
 * schema-checked events, so the contract checks it is a complaint record and types it by the fold's own type.
 */
export const complaintStateSchema = z.custom<ComplaintState>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string',
)
const clocksSchema = z.custom<Clocks>(
  (v) => typeof v === 'object' && v !== null && Array.isArray((v as { clocks?: unknown }).clocks),
)

/**
 * `APPROVAL_LEVELS`, spelled here: importing the vocabulary made it a chunk of its own in the first screen's JS (it is
 * shared with this lazy module), over the budget.
 */
const APPROVAL_NEEDS = ['supervisor', 'superior'] as const satisfies readonly ApprovalLevel[]

export const branchIdSchema = z.string().regex(/^[\w-]{1,64}$/, 'branch: letters, digits, - and _ only')

/** Keyset cursor: the last row's due instant and id, as `next` gave it; anything else is refused before any SQL. */
const cursor = z
  .string()
  .max(80)
  .transform((s, ctx) => {
    const m =
      /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
        s,
      )
    const ms = m ? Date.parse(m[1]!) : NaN
    if (!m || !isInstantInRange(ms) || new Date(ms).toISOString().slice(0, 19) !== m[1]!.slice(0, 19)) {
      ctx.addIssue({ code: 'custom', message: 'after must be "<dueAt>|<id>" as the previous page gave it' })
      return z.NEVER
    }
    return { dueAt: new Date(ms).toISOString(), id: m[2]! }
  })

const branchOverview = z.object({
  branchId: z.string(),
  name: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  escalated: z.number().int(),
  approvalPending: z.number().int(),
})
export type BranchOverview = z.infer<typeof branchOverview>

/** Open, overdue and due-soon complaints by branch, across the branches the caller covers. */
export const deskOverviewRoute = defineRoute({
  method: 'GET',
  path: '/api/desk/overview',
  response: z.object({ branches: z.array(branchOverview) }),
})

const deskItem = z.object({
  kind: z.enum(['escalation', 'extension']),
  complaintId: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  customerName: z.string(),
  receivedAt: z.string(),
  reason: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  newDueDate: z.string().optional(),
  requestId: z.string().optional(),
  needs: z.enum(APPROVAL_NEEDS).optional(),
})
export type CentralDeskItem = z.infer<typeof deskItem>

/** Escalations waiting for a plan and extension requests waiting for a decision, oldest first. */
export const deskQueueRoute = defineRoute({
  method: 'GET',
  path: '/api/desk/queue',
  response: z.object({ items: z.array(deskItem) }),
})

const deskRow = z.object({
  id: z.string(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  dueClock: z.string().nullable(),
  status: z.string(),
  customerName: z.string(),
  caseNumber: z.string().optional(),
  category: z.string().nullable(),
  escalated: z.boolean(),
  approvalPending: z.boolean(),
})
export type DeskRow = z.infer<typeof deskRow>

/** One branch's open complaints, soonest deadline first, a page at a time. */
export const deskComplaintsRoute = defineRoute({
  method: 'GET',
  path: '/api/desk/complaints',
  query: z.object({
    branch: branchIdSchema,
    filter: z.enum(['open', 'overdue', 'dueSoon']).default('open'),
    after: cursor.optional(),
  }),
  response: z.object({ complaints: z.array(deskRow), next: z.string().nullable() }),
})

/** A supervisor's decision, plan or note made at the desk for a branch they cover. */
export const deskEventRoute = defineRoute({
  method: 'POST',
  path: '/api/desk/events',
  body: z.object({ event: z.record(z.string(), z.unknown()) }),
  response: z.object({
    result: z.object({ id: z.string(), status: z.literal('accepted'), serverSeq: z.number().int() }),
  }),
})

/** One complaint's folded record and its clocks, computed with the centre's calendar and policy. */
export const complaintRecordRoute = defineRoute({
  method: 'GET',
  path: '/api/complaints/:id',
  params: z.object({ id: z.uuid() }),
  response: z.object({ complaint: complaintStateSchema, clocks: clocksSchema }),
})
