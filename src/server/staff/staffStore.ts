import type { StaffFields } from '../../domain'
import type { Queryable } from '../db/Database'
import { HttpError } from '../http/errors'

/**
 * The one place that maps a staff account's administrable fields (domain/staff/staffInput.ts) to the database: the
 * `staff` row and the branches a supervisor covers. The list, the add and the change all go through it.
 */
export const STAFF_LIST_SQL = `
  select s.id, s.username, s.name, s.role, s.branch_id as "branchId", s.disabled, s.must_change_password as "mustChangePassword",
         coalesce(s.approval_level, 'none') as "approvalLevel", s.created_at as "createdAt",
         coalesce(array_agg(sb.branch_id order by sb.branch_id) filter (where sb.branch_id is not null), '{}') as "coveredBranchIds"
  from staff s left join staff_branches sb on sb.staff_id = s.id`

export type StaffRow = StaffFields & {
  id: string
  username: string
  disabled: boolean
  mustChangePassword: boolean
  createdAt: string
}

export async function readStaff(db: Queryable, id: string): Promise<StaffRow> {
  const row = (await db.query<StaffRow>(`${STAFF_LIST_SQL} where s.id = $1 group by s.id`, [id])).rows[0]
  if (!row) throw new HttpError(404, 'no_staff', 'No such staff member')
  return row
}

/** Every branch named must exist: a clear 400 rather than a foreign-key 500. */
export async function assertBranchesExist(db: Queryable, ids: (string | null)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (wanted.length === 0) return
  const found = (
    await db.query<{ id: string }>('select id from branches where id = any($1::text[])', [wanted])
  ).rows.map((r) => r.id)
  const missing = wanted.filter((id) => !found.includes(id))
  if (missing.length) throw new HttpError(400, 'no_branch', `No such branch: ${missing.join(', ')}`)
}

/** Writes the fields of an existing row (made by the caller): the columns, and the covered branches replaced. */
export async function writeStaffFields(tx: Queryable, id: string, f: StaffFields): Promise<void> {
  await tx.query('update staff set name = $2, role = $3, branch_id = $4, approval_level = $5 where id = $1', [
    id,
    f.name,
    f.role,
    f.branchId,
    f.approvalLevel === 'superior' ? 'superior' : null,
  ])
  await tx.query('delete from staff_branches where staff_id = $1', [id])
  const covered = f.coveredBranchIds.filter((b) => b !== f.branchId)
  if (covered.length) {
    await tx.query(
      'insert into staff_branches (staff_id, branch_id) select $1, unnest($2::text[]) on conflict do nothing',
      [id, [...new Set(covered)]],
    )
  }
}

/** Only the fields an administrator sets, for the audit log's before and after. */
export function fieldsOf(row: StaffFields): StaffFields {
  return {
    name: row.name,
    role: row.role,
    branchId: row.branchId,
    coveredBranchIds: [...row.coveredBranchIds].filter((b) => b !== row.branchId).sort(),
    approvalLevel: row.approvalLevel,
  }
}

export async function activeAdmins(db: Queryable): Promise<number> {
  return (
    (await db.query<{ n: number }>(`select count(*)::int as n from staff where role = 'admin' and not disabled`))
      .rows[0]?.n ?? 0
  )
}

/**
 * Who may use a branch's tablets now: its staff and the supervisors covering it, and administrators, none disabled.
 * The push accepts events only in their names; the pull hands the list to the tablet, which refuses anyone else's PIN.
 */
export async function activeBranchStaff(db: Queryable, branchId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; role: string }>(
    `select id, role from staff where not disabled and (branch_id = $1 or role = 'admin'
       or id in (select staff_id from staff_branches where branch_id = $1)) order by id`,
    [branchId],
  )
  return new Map(rows.map((r) => [r.id, r.role]))
}
