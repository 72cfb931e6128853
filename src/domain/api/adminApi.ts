import { z } from 'zod'
import { STAFF_ROLES } from '../staff/roles'
import { recordIdSchema } from '../staff/branches'
import { STAFF_APPROVAL_CHOICES } from '../staff/staffInput'
// The pattern that keeps src/domain off src/sync also matches src/domain/sync: this is the domain's own module.
// eslint-disable-next-line no-restricted-imports
import { SETTINGS_KEYS } from '../sync/settings'
import { boundedDate } from '../text/dateBounds'
import { defineRoute } from './route'

/** Timestamps travel as ISO strings (PostgreSQL's dates are written out by JSON). */
const instant = z.string()

const auditEntry = z.object({
  id: z.number().int(),
  at: instant,
  actorId: z.string(),
  actorName: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  targetName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditEntry = z.infer<typeof auditEntry>

export const auditQuerySchema = z.object({
  from: boundedDate().optional(),
  to: boundedDate().optional(),
  /** An action (`staff.disable`) or an area (`staff`). */
  action: z
    .string()
    .regex(/^[a-z]{1,20}(?:\.[A-Za-z]{1,30})?$/, 'action: an area or area.action')
    .optional(),
  actor: recordIdSchema().optional(),
  /** The page after this entry (newest first). */
  before: z
    .union([z.number(), z.string().regex(/^\d{1,15}$/, 'before: an entry number')])
    .transform(Number)
    .optional(),
})

/** The administration's audit trail, newest first, a page at a time. */
export const auditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit',
  query: auditQuerySchema,
  response: z.object({ entries: z.array(auditEntry), next: z.number().int().nullable() }),
})

const settingVersion = z.object({
  id: z.number().int(),
  at: instant,
  actorId: z.string(),
  actorName: z.string().nullable(),
  address: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})
export type SettingVersion = z.infer<typeof settingVersion>

/** The versions of a setting, newest first, from the audit log. */
export const settingsHistoryRoute = defineRoute({
  method: 'GET',
  path: '/api/settings/:key/history',
  params: z.object({ key: z.enum(SETTINGS_KEYS) }),
  response: z.object({ versions: z.array(settingVersion) }),
})

const adminBranch = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  createdAt: instant,
  tablets: z.number().int(),
  staff: z.number().int(),
  complaints: z
    .object({
      open: z.number(),
      overdue: z.number(),
      dueSoon: z.number(),
      escalated: z.number(),
      approvalPending: z.number(),
    })
    .optional(),
})
export type AdminBranch = z.infer<typeof adminBranch>

export const adminBranchesRoute = defineRoute({
  method: 'GET',
  path: '/api/branches',
  response: z.object({ branches: z.array(adminBranch) }),
})

const adminStaff = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  branchId: z.string().nullable(),
  coveredBranchIds: z.array(z.string()),
  approvalLevel: z.enum(STAFF_APPROVAL_CHOICES),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: instant,
})
export type AdminStaff = z.infer<typeof adminStaff>

export const adminStaffRoute = defineRoute({
  method: 'GET',
  path: '/api/staff',
  response: z.object({ staff: z.array(adminStaff) }),
})

const adminDevice = z.object({
  id: z.string(),
  name: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  enrolledBy: z.string(),
  enrolledByName: z.string().nullable(),
  enrolledAt: instant,
  lastSeenAt: instant.nullable(),
  reportedAt: instant.nullable(),
  pendingEvents: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  canWipe: z.boolean(),
  wipe: z.boolean(),
  /** Revoked with a wipe: when the tablet pushed its last records and said it was erasing itself, and what it could not deliver. */
  wipeAcknowledgedAt: instant.nullable().optional(),
  wipeUndelivered: z.number().int().nullable().optional(),
  revokedAt: instant.nullable(),
  expiredAt: instant.nullable(),
  needsConfirmation: z.boolean(),
})
export type AdminDevice = z.infer<typeof adminDevice>

export const adminDevicesRoute = defineRoute({
  method: 'GET',
  path: '/api/devices',
  response: z.object({ devices: z.array(adminDevice) }),
})
