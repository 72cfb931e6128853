import { z } from 'zod'
import { safeString } from '../text/safeText'
import { recordIdSchema } from './branches'
import { STAFF_ROLES } from './roles'

/** The approval an administrator can give a staff member beyond their role: none, or a superior office's. */
export const STAFF_APPROVAL_CHOICES = ['none', 'superior'] as const

/** Sign-in names: lower-case letters, digits, `.`, `_` and `-`, as typed on a tablet's keyboard. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/

/**
 * What an administrator sets on a staff account, one field per entry. The console's staff form and the server's
 * update both follow this object: a new attribute is one more field here, one more
 * entry in the form's field list (src/ui/admin/staffFields.ts) and one more column in the server's staff store.
 */
export const staffFieldsSchema = z.object({
  name: safeString().trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' }),
  role: z.enum(STAFF_ROLES, { error: 'invalid' }),
  /** The branch the person works in; an administrator works for the whole bank and has none. */
  branchId: recordIdSchema().nullable(),
  /** Further branches a supervisor covers (their own branch is implied). */
  coveredBranchIds: z.array(recordIdSchema()).max(100).default([]),
  /**
   * A superior office's or head-office senior manager's approval (2020 rule Art. 18): the only one that allows an
   * extension past 30 days. Given to named supervisors; every supervisor holds the bank's own approval.
   */
  approvalLevel: z.enum(STAFF_APPROVAL_CHOICES, { error: 'invalid' }).default('none'),
})
export type StaffFields = z.infer<typeof staffFieldsSchema>

/** The rules between the fields, shared by the form (to say what is wrong) and the server (to refuse it). */
/** Every rule between the fields staffFieldsProblem can find broken: the console explains each. */
export const STAFF_FIELD_PROBLEMS = [
  'branchRequired',
  'onlySupervisorsApprove',
  'adminHasNoBranch',
  'onlySupervisorsCover',
] as const

export function staffFieldsProblem(
  s: Pick<StaffFields, 'role' | 'branchId' | 'coveredBranchIds'> & { approvalLevel?: StaffFields['approvalLevel'] },
): { path: keyof StaffFields; code: (typeof STAFF_FIELD_PROBLEMS)[number] } | null {
  if (s.role !== 'admin' && !s.branchId) return { path: 'branchId', code: 'branchRequired' }
  if (s.role !== 'supervisor' && s.approvalLevel === 'superior')
    return { path: 'approvalLevel', code: 'onlySupervisorsApprove' }
  if (s.role === 'admin' && s.branchId) return { path: 'branchId', code: 'adminHasNoBranch' }
  if (s.role !== 'supervisor' && s.coveredBranchIds.length > 0)
    return { path: 'coveredBranchIds', code: 'onlySupervisorsCover' }
  return null
}

const withRules = <T extends z.ZodType<Pick<StaffFields, 'role' | 'branchId' | 'coveredBranchIds'>>>(schema: T) =>
  schema.superRefine((s, ctx) => {
    const problem = staffFieldsProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.code })
  })

export const newStaffSchema = withRules(
  staffFieldsSchema.extend({
    username: z.string().trim().toLowerCase().regex(USERNAME, { error: 'username' }),
  }),
)
export type NewStaff = z.infer<typeof newStaffSchema>

/** A change replaces every field the form shows (the form always sends them all). */
export const staffChangeSchema = withRules(staffFieldsSchema)
