import { toRaw } from 'vue'
import type { ComplaintDb } from '@/db'
import { loadIdentity } from '@/db/meta'
import type { DeviceEnrolment, TabletUser } from '@/db/metaValues'

/** The enrolment and the users are stored in `meta`; their shapes live with it. */
export type { DeviceEnrolment, TabletUser } from '@/db/metaValues'

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
export async function readSession(
  db: ComplaintDb,
): Promise<{ enrolment: DeviceEnrolment | null; users: TabletUser[]; identity: ActingIdentity }> {
  const [enrolment, users, identity] = await db.getMetas(['device', 'users', 'identity'])
  return { enrolment: enrolment ?? null, users: users ?? [], identity }
}

export async function writeUsers(db: ComplaintDb, users: TabletUser[]): Promise<void> {
  // Plain copies: IndexedDB cannot store Vue's reactive proxies (and JSON would lose the keys' bytes).
  await db.putMeta('users', plainCopy(users) as TabletUser[])
}

function plainCopy(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Uint8Array.from(v as Uint8Array)
  if (Array.isArray(v)) return v.map(plainCopy)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(toRaw(v))
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, plainCopy(x)]),
    )
  return v
}

/** From now on this tablet's events carry the branch and the staff member who unlocked it. */
export async function actAs(
  db: ComplaintDb,
  enrolment: DeviceEnrolment,
  user: Pick<TabletUser, 'staffId' | 'name'>,
  known?: { identity: ActingIdentity },
): Promise<void> {
  // A reload by the same user changes nothing: read only (or not at all when the caller has just read it), so the
  // first screen does not wait for a write.
  const current = known ? known.identity : await db.getMeta('identity')
  if (current?.branchId === enrolment.branchId && current.staffId === user.staffId && current.staffName === user.name)
    return
  await db.transaction('rw', db.meta, async () => {
    const identity = await loadIdentity(db)
    await db.putMeta('identity', {
      ...identity,
      branchId: enrolment.branchId,
      staffId: user.staffId,
      staffName: user.name,
    })
  })
}
