/**
 * What the lock screen shows — the branch's name and who may unlock — kept outside IndexedDB so that a starting tablet
 * paints its lock screen without waiting for the database (docs/benchmarks.md, cold start). Names of the branch's staff
 * only, as the lock screen shows them to anyone holding the tablet: no token, no key, no customer's data. The database
 * stays the truth: the session read confirms or corrects this copy a moment later. A remote wipe clears local storage.
 */
export interface LockScreenCopy {
  branchName: string
  users: { staffId: string; name: string; inactive?: boolean }[]
}

export const LOCK_SCREEN_KEY = 'complaint-desk.lock-screen'

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    // A browser that refuses local storage: the lock screen waits for IndexedDB, as before.
    return undefined
  }
}

export function readLockScreenCopy(): LockScreenCopy | null {
  try {
    const v = JSON.parse(storage()?.getItem(LOCK_SCREEN_KEY) ?? 'null') as Partial<LockScreenCopy> | null
    if (!v || typeof v.branchName !== 'string' || !Array.isArray(v.users)) return null
    const users = v.users.filter(
      (u): u is LockScreenCopy['users'][number] => !!u && typeof u.staffId === 'string' && typeof u.name === 'string',
    )
    return {
      branchName: v.branchName,
      users: users.map((u) => ({ staffId: u.staffId, name: u.name, inactive: u.inactive === true })),
    }
  } catch {
    return null
  }
}

/** `null`: the tablet is not enrolled (any more): the copy goes. */
export function writeLockScreenCopy(copy: LockScreenCopy | null): void {
  try {
    const s = storage()
    if (!s) return
    if (!copy) s.removeItem(LOCK_SCREEN_KEY)
    else if (s.getItem(LOCK_SCREEN_KEY) !== JSON.stringify(copy)) s.setItem(LOCK_SCREEN_KEY, JSON.stringify(copy))
  } catch {
    // Full or refused: the next start waits for IndexedDB; nothing is lost.
  }
}
