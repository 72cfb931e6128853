import type { StaffPrincipal } from '../auth/principal'
import type { Queryable } from '../db/Database'

/** The branches a staff member may see: their own and those they cover; an administrator sees every branch. */
export async function visibleBranches(db: Queryable, staff: StaffPrincipal): Promise<{ id: string; name: string }[]> {
  const { rows } =
    staff.role === 'admin'
      ? await db.query<{ id: string; name: string }>('select id, name from branches order by id')
      : await db.query<{ id: string; name: string }>(
          'select id, name from branches where id = any($1::text[]) order by id',
          [staff.branchIds],
        )
  return rows
}
