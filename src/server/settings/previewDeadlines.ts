import { computeClocks, FINISHED_SQL, resolveSettings } from '../../domain'
import type { ClockName, Clocks, ComplaintState } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from './readSettings'
import type { SyncSettings } from './readSettings'

/** A deadline of an open complaint as it is now and as it would be. */
export interface DeadlineMove {
  clock: ClockName | 'extensionCap'
  before: string
  after: string
  provisionalBefore: boolean
  provisionalAfter: boolean
}
export interface ComplaintMoves {
  complaintId: string
  branchId: string
  branchName: string
  receivedAt: string
  category: string | null
  moves: DeadlineMove[]
}
export interface DeadlinePreview {
  open: number
  moved: number
  complaints: ComplaintMoves[]
}

/** Open complaints are read this many at a time: a bank's whole open book never sits in memory at once. */
const PAGE = 500
/** The preview lists this many complaints (the count says how many move in all). */
const LISTED = 200

function movesBetween(a: Clocks, b: Clocks): DeadlineMove[] {
  const moves: DeadlineMove[] = []
  for (const before of a.clocks) {
    const after = b.clocks.find((c) => c.name === before.name)!
    // A deadline already met does not move for the customer, whatever the calendar says now.
    if (before.metAt) continue
    if (before.dueDate !== after.dueDate || before.provisional !== after.provisional) {
      moves.push({
        clock: before.name,
        before: before.dueDate,
        after: after.dueDate,
        provisionalBefore: before.provisional,
        provisionalAfter: after.provisional,
      })
    }
  }
  if (a.extensionCap !== b.extensionCap) {
    moves.push({
      clock: 'extensionCap',
      before: a.extensionCap,
      after: b.extensionCap,
      provisionalBefore: a.provisional,
      provisionalAfter: b.provisional,
    })
  }
  return moves
}

async function* openComplaints(db: Queryable): AsyncGenerator<
  {
    id: string
    branch_id: string
    branch_name: string
    received_at: Date
    category: string | null
    state: ComplaintState
  }[]
> {
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const { rows } = await db.query<{
      id: string
      branch_id: string
      branch_name: string
      received_at: Date
      category: string | null
      state: ComplaintState
    }>(
      `select c.id, c.branch_id, b.name as branch_name, c.received_at, c.category, c.state from complaints c join branches b on b.id = c.branch_id
       where c.status not in ${FINISHED_SQL} and c.id > $1 order by c.id limit ${PAGE}`,
      [after],
    )
    if (rows.length === 0) return
    yield rows
    after = rows.at(-1)!.id
  }
}

/**
 * How the open complaints' deadlines would move under proposed settings (a new calendar or policy), before they are
 * saved: each complaint's clocks computed by the same `computeClocks` the tablets and the projection use, under the
 * settings in force and under the proposed ones.
 */
export async function previewDeadlines(
  db: Queryable,
  proposed: Partial<SyncSettings>,
  now: Date = new Date(),
): Promise<DeadlinePreview> {
  const raw = await readSettings(db)
  const current = resolveSettings(raw)
  const next = resolveSettings({ ...raw, ...proposed })
  const out: DeadlinePreview = { open: 0, moved: 0, complaints: [] }
  for await (const page of openComplaints(db)) {
    for (const r of page) {
      out.open++
      const moves = movesBetween(
        computeClocks(r.state, { now, calendar: current.calendar, policy: current.policy }),
        computeClocks(r.state, { now, calendar: next.calendar, policy: next.policy }),
      )
      if (moves.length === 0) continue
      out.moved++
      if (out.complaints.length < LISTED) {
        out.complaints.push({
          complaintId: r.id,
          branchId: r.branch_id,
          branchName: r.branch_name,
          receivedAt: new Date(r.received_at).toISOString(),
          category: r.category,
          moves,
        })
      }
    }
  }
  out.complaints.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
  return out
}
