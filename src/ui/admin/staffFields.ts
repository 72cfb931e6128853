import { STAFF_APPROVAL_CHOICES, STAFF_ROLES } from '@/domain'
import type { StaffFields } from '@/domain'

/** One field of the staff form; its label is `admin.staff.fields.<key>`, its hint `admin.staff.hints.<key>` if any. */
export type StaffFormField =
  | { key: 'username' | 'name'; kind: 'text'; createOnly?: boolean }
  | { key: keyof StaffFields; kind: 'choice'; options: readonly string[]; optionLabel: (v: string) => string }
  | { key: keyof StaffFields; kind: 'branch' | 'branches' }

export type StaffDraft = StaffFields & { username: string }

/**
 * The staff form, field by field, in order, with when each applies. The form renders this list and validates with
 * the domain's schema (domain/staff/staffInput.ts): a new attribute is one entry here beside its field in the schema.
 */
export const STAFF_FORM_FIELDS: { field: StaffFormField; shown?: (d: StaffDraft) => boolean }[] = [
  { field: { key: 'username', kind: 'text', createOnly: true } },
  { field: { key: 'name', kind: 'text' } },
  { field: { key: 'role', kind: 'choice', options: STAFF_ROLES, optionLabel: (r) => `admin.roles.${r}` } },
  { field: { key: 'branchId', kind: 'branch' }, shown: (d) => d.role !== 'admin' },
  { field: { key: 'coveredBranchIds', kind: 'branches' }, shown: (d) => d.role === 'supervisor' },
  {
    field: {
      key: 'approvalLevel',
      kind: 'choice',
      options: STAFF_APPROVAL_CHOICES,
      optionLabel: (v) => `admin.staff.approval.${v}`,
    },
    shown: (d) => d.role === 'supervisor',
  },
]

/** What a field may hold once the role changed: an administrator has no branch, only supervisors cover others. */
export function fitToRole(d: StaffDraft): StaffDraft {
  return {
    ...d,
    branchId: d.role === 'admin' ? null : d.branchId,
    coveredBranchIds: d.role === 'supervisor' ? d.coveredBranchIds.filter((b) => b !== d.branchId) : [],
    approvalLevel: d.role === 'supervisor' ? d.approvalLevel : 'none',
  }
}
