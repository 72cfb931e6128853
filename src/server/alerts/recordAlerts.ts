import { alertReasons, FINISHED_SQL } from '../../domain'
import type { AlertReason, ComplaintEvent } from '../../domain'
import type { Queryable } from '../db/Database'

/** Active supervisors covering a branch (their own branch or one of those they cover). */
const SUPERVISORS_SQL = `select s.id from staff s where not s.disabled and s.role = 'supervisor'
  and (s.branch_id = $1 or s.id in (select staff_id from staff_branches where branch_id = $1))`

/** Active supervisors covering a branch, by a query the caller makes with others (its `$1` is the branch). */
export const BRANCH_SUPERVISORS_SQL = SUPERVISORS_SQL

/**
 * The alerts a push's accepted events raise, for the supervisors covering the branch: the intake inserts them in the
 * push's own statement, so they commit with the events or not at all, and the unique (person, complaint, reason,
 * occasion) makes a retried push queue nothing twice. Sending happens after commit (`dispatchAlerts`).
 */
export function alertRows(events: readonly ComplaintEvent[], supervisors: readonly string[]): AlertRow[] {
  const rows: AlertRow[] = []
  for (const event of events) {
    for (const { reason, ref, to } of alertReasons(event)) {
      // A named supervisor no longer covering the branch is not told; the branch's supervisors are instead.
      const whom = to && supervisors.includes(to) ? [to] : supervisors
      for (const staffId of whom) rows.push({ staff_id: staffId, complaint_id: event.complaintId, reason, ref })
    }
  }
  return rows
}

export interface AlertRow {
  staff_id: string
  complaint_id: string
  reason: AlertReason
  ref: string
}

/** Inserts `alertRows` given as one JSON array in `rowsParam`, for the branch in `branchParam`. */
export const insertAlertsSql = (rowsParam: string, branchParam: string) =>
  `insert into alerts (staff_id, complaint_id, branch_id, reason, ref)
   select r.staff_id, r.complaint_id, ${branchParam}, r.reason, r.ref
     from jsonb_to_recordset(${rowsParam}::jsonb) as r(staff_id text, complaint_id uuid, reason text, ref text)
   on conflict do nothing`

/**
 * The periodic check: a deadline of an open complaint falling due between now and `until` (the end of the next
 * working day, `dueSoonUntil` in the domain) alerts the branch's supervisors, once per deadline (an extended
 * deadline is a new occasion).
 */
export async function recordDeadlineAlerts(db: Queryable, now: Date, until: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `with due as (
       select c.id, c.branch_id, c.due_at from complaints c
        where c.status not in ${FINISHED_SQL} and c.due_at > $1 and c.due_at <= $2
     ), inserted as (
       insert into alerts (staff_id, complaint_id, branch_id, reason, ref, due_at)
       select s.id, due.id, due.branch_id, 'deadline', to_char(due.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), due.due_at
         from due join staff s on not s.disabled and s.role = 'supervisor'
          and (s.branch_id = due.branch_id or s.id in (select staff_id from staff_branches where branch_id = due.branch_id))
       on conflict do nothing returning 1
     ) select count(*)::int as n from inserted`,
    [now.toISOString(), until.toISOString()],
  )
  return rows[0]?.n ?? 0
}
