import { toRaw } from 'vue'
import type { ComplaintDb } from '@/db'
import { loadIdentity } from '@/db/meta'
import type { StaffRole } from '@/domain/staff/roles'
import type { UserKey } from '@/db/crypto/tabletKeys'
import type { PinHash } from './pinHash'

/** The tablet's enrolment: bound to one branch by the central endpoint; the token authenticates its sync. */
export interface DeviceEnrolment {
  id: string
  name: string
  branchId: string
  branchName: string
  token: string
}

/** A staff member who may unlock this tablet with a PIN. */
export interface TabletUser {
  staffId: string
  name: string
  role: StaffRole
  /** A superior office's or head-office senior manager's approval, as the centre said when they were added. */
  approvalLevel?: 'superior' | null
  /** Opens the tablet's keys with this person's PIN (see db/crypto/tabletKeys.ts); no PIN verifier is stored. */
  key?: UserKey
  /** Before issue 17: a PBKDF2 verifier, replaced by `key` at this person's first unlock after the update. */
  pin?: PinHash
  /**
   * Wrong PINs in a row, for the screen's five-tries pause. It lives beside the data, so against someone who copies the
   * data it is nothing: Argon2id's cost per guess is what defends (ARCHITECTURE.md, threat model).
   */
  failedAttempts: number
  lockedUntil: number
  /**
   * The centre no longer lists this person for the branch (disabled, or moved elsewhere): their PIN is refused until
   * it lists them again. Kept rather than deleted so the lock screen can say why, and an account re-enabled works again.
   */
  inactive?: boolean
}

/** Supervisors and administrators decide on the desk's questions; lobby managers ask them. */
export function isSupervisorRole(role: TabletUser['role'] | undefined): boolean {
  return role === 'supervisor' || role === 'admin'
}

/** What this tablet's identity row says about who is acting (read with the session, checked by `actAs`). */
export type ActingIdentity = { branchId?: string; staffId?: string; staffName?: string } | undefined

/**
 * The enrolment, the users and who is acting, in one request: the router waits for this before the first screen,
 * and each round trip to IndexedDB on a starting tablet costs tens of ms (docs/benchmarks.md, cold start).
 */
export async function readSession(db: ComplaintDb): Promise<{ enrolment: DeviceEnrolment | null; users: TabletUser[]; identity: ActingIdentity }> {
  const [device, users, identity] = await db.meta.bulkGet(['device', 'users', 'identity'])
  return {
    enrolment: (device?.value as DeviceEnrolment | undefined) ?? null,
    users: (users?.value as TabletUser[] | undefined) ?? [],
    identity: identity?.value as ActingIdentity,
  }
}

export async function writeUsers(db: ComplaintDb, users: TabletUser[]): Promise<void> {
  // Plain copies: IndexedDB cannot store Vue's reactive proxies (and JSON would lose the keys' bytes).
  await db.meta.put({ key: 'users', value: plainCopy(users) as TabletUser[] })
}

function plainCopy(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Uint8Array.from(v as Uint8Array)
  if (Array.isArray(v)) return v.map(plainCopy)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(toRaw(v)).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plainCopy(x)]))
  return v
}

/** From now on this tablet's events carry the branch and the staff member who unlocked it. */
export async function actAs(db: ComplaintDb, enrolment: DeviceEnrolment, user: Pick<TabletUser, 'staffId' | 'name'>, known?: { identity: ActingIdentity }): Promise<void> {
  // A reload by the same user changes nothing: read only (or not at all when the caller has just read it), so the
  // first screen does not wait for a write.
  const current = known ? known.identity : ((await db.meta.get('identity'))?.value as ActingIdentity)
  if (current?.branchId === enrolment.branchId && current.staffId === user.staffId && current.staffName === user.name) return
  await db.transaction('rw', db.meta, async () => {
    const identity = await loadIdentity(db)
    await db.meta.put({ key: 'identity', value: { ...identity, branchId: enrolment.branchId, staffId: user.staffId, staffName: user.name } })
  })
}
