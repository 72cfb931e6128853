import type { ComplaintDb } from '@/db'
import { loadIdentity } from '@/db/meta'
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
  role: 'manager' | 'supervisor' | 'admin'
  pin: PinHash
  failedAttempts: number
  lockedUntil: number
}

/** Supervisors and administrators decide on the desk's questions; lobby managers ask them. */
export function isSupervisorRole(role: TabletUser['role'] | undefined): boolean {
  return role === 'supervisor' || role === 'admin'
}

export async function readEnrolment(db: ComplaintDb): Promise<DeviceEnrolment | null> {
  return ((await db.meta.get('device'))?.value as DeviceEnrolment | undefined) ?? null
}

export async function readUsers(db: ComplaintDb): Promise<TabletUser[]> {
  return ((await db.meta.get('users'))?.value as TabletUser[] | undefined) ?? []
}

export async function writeUsers(db: ComplaintDb, users: TabletUser[]): Promise<void> {
  // Plain copies: IndexedDB cannot store Vue's reactive proxies.
  await db.meta.put({ key: 'users', value: JSON.parse(JSON.stringify(users)) as TabletUser[] })
}

/** From now on this tablet's events carry the branch and the staff member who unlocked it. */
export async function actAs(db: ComplaintDb, enrolment: DeviceEnrolment, user: Pick<TabletUser, 'staffId' | 'name'>): Promise<void> {
  // A reload by the same user changes nothing: read only, so the first screen does not wait for a write.
  const current = (await db.meta.get('identity'))?.value as { branchId?: string; staffId?: string; staffName?: string } | undefined
  if (current?.branchId === enrolment.branchId && current.staffId === user.staffId && current.staffName === user.name) return
  await db.transaction('rw', db.meta, async () => {
    const identity = await loadIdentity(db)
    await db.meta.put({ key: 'identity', value: { ...identity, branchId: enrolment.branchId, staffId: user.staffId, staffName: user.name } })
  })
}
