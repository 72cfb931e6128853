/** The staff roles, lowest first: a lobby manager, a supervisor (主管) over one or more branches, the administrator. */
export const STAFF_ROLES = ['manager', 'supervisor', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Whether `role` is at least `needed` (a supervisor may do what a lobby manager may, and so on). */
export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed)
}
