import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { currentKeys, lockKeys, setKeys } from '@/db/crypto/keyring'
import { loadIdentity } from '@/db/meta'
import { IDLE_LOCK_MS } from '@/domain/staff/idleLock'
import { flushDrafts } from '@/ui/drafts/draftRegistry'
import { useDatabase } from '@/ui/services/database'
import { readLockScreenCopy, writeLockScreenCopy } from './lockScreenCopy'
import type { LockScreenCopy } from './lockScreenCopy'
import { verifyPin } from './pinHash'
import { actAs, readSession, writeUsers } from './session'
import type { ActingIdentity, DeviceEnrolment, TabletUser } from './session'

/** After this many wrong PINs a user is locked out for LOCKOUT_MS: a stolen tablet cannot be guessed open. */
export const MAX_PIN_ATTEMPTS = 5

/**
 * The HTTP client loads with the first call to the centre (enrolling, adding a colleague), not with the lock screen:
 * unlocking with a PIN never needs it, and the first screen's JS is at its budget.
 */
async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string }): Promise<T> {
  return (await import('./api')).api<T>(path, options)
}
async function signInReplacingOneTime<T extends { token: string; mustChangePassword?: boolean }>(
  username: string,
  password: string,
  newPassword?: string,
): Promise<T> {
  return (await import('./oneTimePassword')).signInReplacingOneTime<T>(username, password, newPassword)
}
export const LOCKOUT_MS = 5 * 60_000

/** A quiet tablet locks itself after this long. */
export { IDLE_LOCK_MS }

/**
 * `pending`: the PIN is right, but this colleague was added while the tablet was locked and nobody has unlocked it
 * since to let them in (their grant waits, sealed to the tablet's public key).
 */
export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrongPin' | 'lockedOut' | 'inactive' | 'pending'; attemptsLeft?: number; until?: number }

interface StaffInfo {
  id: string
  name: string
  role: TabletUser['role']
  approvalLevel?: TabletUser['approvalLevel']
}

/** The key code is loaded with the lock and enrolment screens, never with the book's first screen. */
const tabletKeys = () => import('@/db/crypto/tabletKeys')

/**
 * Who may use this tablet and who is using it now. Enrolment and adding a colleague need the network once;
 * unlocking with a PIN never does. The unlocked user and the tablet's keys live only in memory: a reload, like the
 * lock, leaves the tablet locked, and only a PIN opens the keys again (there is no flag to forge).
 */
export const useSessionStore = defineStore('session', () => {
  const db = useDatabase()
  const enrolment = shallowRef<DeviceEnrolment | null>(null)
  const users = ref<TabletUser[]>([])
  const current = ref<Pick<TabletUser, 'staffId' | 'name' | 'role' | 'approvalLevel'> | null>(null)
  const loaded = ref(false)

  async function load(): Promise<void> {
    // One round trip: the router waits for this before the first screen (unless the lock screen's copy lets it paint).
    const reading = readSession(db).then((read) => {
      enrolment.value = read.enrolment
      users.value = read.users
      identity = read.identity
      loaded.value = true
    })
    pending = reading
    try {
      await reading
    } catch (e) {
      if (pending === reading) pending = null
      throw e
    }
  }
  let pending: Promise<void> | null = null
  /** The session as IndexedDB holds it: read once, or being read (the lock screen may already show its copy). */
  async function ready(): Promise<void> {
    if (!loaded.value) await (pending ?? load())
  }
  let identity: ActingIdentity

  /**
   * What the lock screen shows: from IndexedDB once read; before that, the copy kept outside it (`null`: not enrolled,
   * as far as is known yet). Every change the session read brings is written back to the copy for the next start.
   */
  const startCopy = readLockScreenCopy()
  const lockScreen = computed<LockScreenCopy | null>(() => {
    if (!loaded.value) return startCopy
    if (!enrolment.value) return null
    return {
      branchName: enrolment.value.branchName,
      users: users.value.map((u) => ({ staffId: u.staffId, name: u.name, inactive: u.inactive === true })),
    }
  })
  watch(lockScreen, (copy) => loaded.value && writeLockScreenCopy(copy))

  /**
   * A user's key: the tablet's first (a new master secret and key pair, `unlock` then keeps the keys), one more while
   * someone has unlocked (the master sealed for them at once), or one more while the tablet is locked (their grant
   * sealed to the tablet's public key, completed when someone next unlocks).
   */
  async function keyFor(pin: string, unlock: boolean): Promise<TabletUser['key']> {
    const keys = await tabletKeys()
    const open = currentKeys()
    if (open) return keys.addUserKey(pin, open)
    const pair = await db.getMeta('tabletKeyPair')
    if (pair) return keys.pendingUserKey(pin, pair)
    const made = await keys.createTabletKeys(pin)
    await db.putMeta('tabletKeyPair', made.pair)
    if (unlock) setKeys(made.keyring)
    return made.user
  }

  async function addUser(staff: StaffInfo, pin: string, unlock = false): Promise<void> {
    const rest = users.value.filter((u) => u.staffId !== staff.id)
    const user: TabletUser = {
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      approvalLevel: staff.approvalLevel ?? null,
      key: await keyFor(pin, unlock),
      failedAttempts: 0,
      lockedUntil: 0,
    }
    users.value = [...rest, user]
    await writeUsers(db, users.value)
  }

  /**
   * First use: a staff member signs in online; the tablet is enrolled to their branch and they choose a PIN. A
   * one-time password from an administrator is replaced by `newPassword` on the way.
   */
  async function enrol(
    username: string,
    password: string,
    tabletName: string,
    pin: string,
    newPassword?: string,
  ): Promise<void> {
    const session = await signInReplacingOneTime<{ token: string; staff: StaffInfo }>(username, password, newPassword)
    try {
      await enrolVia('/api/devices/enrol', { name: tabletName }, session.token)
      await addUser(session.staff, pin, true)
    } finally {
      // The sign-in session was only needed to enrol.
      await api('/api/auth/sign-out', { body: {}, token: session.token }).catch(() => undefined)
    }
    await unlockAs(session.staff)
  }

  /**
   * The centre binds this tablet to a branch: with a staff session (`enrol`), or with a one-time code an administrator
   * or a supervisor covering the branch issued for it (`/api/devices/enrol-with-code`: nobody is signed in, and the
   * branch's staff then add themselves from the lock screen).
   */
  async function enrolVia(path: string, body: Record<string, string>, token?: string): Promise<void> {
    const res = await api<{ deviceToken: string; device: Omit<DeviceEnrolment, 'token'> }>(path, {
      body: { ...body, deviceId: (await loadIdentity(db)).deviceId },
      token,
    })
    const device: DeviceEnrolment = { ...res.device, token: res.deviceToken }
    await db.putMeta('device', device)
    enrolment.value = device
  }

  /** A colleague of the same branch is added while online, then unlocks offline with their own PIN. */
  async function addColleague(username: string, password: string, pin: string, newPassword?: string): Promise<void> {
    await ready()
    if (!enrolment.value) throw new Error('Not enrolled')
    if (newPassword) {
      const session = await signInReplacingOneTime<{ token: string }>(username, password, newPassword)
      await api('/api/auth/sign-out', { body: {}, token: session.token }).catch(() => undefined)
    }
    const { staff } = await api<{ staff: StaffInfo }>('/api/auth/verify-staff', {
      body: { username, password: newPassword ?? password },
      token: enrolment.value.token,
    })
    await addUser(staff, pin)
  }

  async function unlockAs(staff: StaffInfo): Promise<void> {
    await actAs(
      db,
      enrolment.value!,
      { staffId: staff.id, name: staff.name },
      identity === undefined ? undefined : { identity },
    )
    identity = undefined
    current.value = {
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      approvalLevel: staff.approvalLevel ?? null,
    }
  }

  /**
   * The PIN opens the user's key (Argon2id, then GCM's check: there is no other verifier). A user from before the
   * tablet sealed its data still has the old PBKDF2 verifier: checked once more, it is replaced by a key (the first such
   * user makes the tablet's keys; the others wait for a grant, like a colleague added while locked).
   */
  async function openKeys(
    user: TabletUser,
    pin: string,
  ): Promise<{ user: TabletUser; result: 'ok' | 'wrongPin' | 'pending' }> {
    const keys = await tabletKeys()
    if (!user.key) {
      if (!user.pin || !(await verifyPin(pin, user.pin))) return { user, result: 'wrongPin' }
      const { pin: _old, ...rest } = user
      const key = await keyFor(pin, true)
      return { user: { ...rest, key }, result: currentKeys() ? 'ok' : 'pending' }
    }
    const opened = await keys.openUserKey(pin, user.key)
    if (!opened.ok) return { user, result: opened.reason }
    setKeys(opened.keyring)
    return { user, result: 'ok' }
  }

  /** Someone unlocked: colleagues added while it was locked get the master sealed for them. */
  async function grantPending(): Promise<void> {
    const open = currentKeys()
    const pair = await db.getMeta('tabletKeyPair')
    if (!open || !pair || !users.value.some((u) => u.key?.pending)) return
    const keys = await tabletKeys()
    users.value = await Promise.all(
      users.value.map(async (u) => (u.key?.pending ? { ...u, key: await keys.grantPending(u.key, pair, open) } : u)),
    )
    await writeUsers(db, users.value)
  }

  async function unlock(staffId: string, pin: string, now = Date.now()): Promise<UnlockResult> {
    // The lock screen may have been painted from its copy: the PIN is checked against what IndexedDB holds.
    await ready()
    const user = users.value.find((u) => u.staffId === staffId)
    if (!user || !enrolment.value) return { ok: false, reason: 'wrongPin' }
    if (user.inactive) return { ok: false, reason: 'inactive' }
    if (user.lockedUntil > now) return { ok: false, reason: 'lockedOut', until: user.lockedUntil }
    const opened = await openKeys(user, pin)
    const ok = opened.result !== 'wrongPin'
    const updated: TabletUser = ok
      ? { ...opened.user, failedAttempts: 0, lockedUntil: 0 }
      : {
          ...user,
          failedAttempts: user.failedAttempts + 1,
          lockedUntil: user.failedAttempts + 1 >= MAX_PIN_ATTEMPTS ? now + LOCKOUT_MS : 0,
        }
    users.value = users.value.map((u) => (u.staffId === staffId ? updated : u))
    await writeUsers(db, users.value)
    if (!ok) {
      return updated.lockedUntil
        ? { ok: false, reason: 'lockedOut', until: updated.lockedUntil }
        : { ok: false, reason: 'wrongPin', attemptsLeft: MAX_PIN_ATTEMPTS - updated.failedAttempts }
    }
    if (opened.result === 'pending') return { ok: false, reason: 'pending' }
    await grantPending()
    // A tablet updated from a build that stored everything plain seals it now, a page at a time, beside the work.
    void import('@/db/crypto/sealStored').then(({ sealStored }) => sealStored(db)).catch(() => undefined)
    await unlockAs({ id: user.staffId, name: user.name, role: user.role, approvalLevel: user.approvalLevel })
    return { ok: true }
  }

  /** The centre rotated the tablet's token (weekly): the new one is stored and used from the next request on. */
  async function replaceDeviceToken(token: string): Promise<void> {
    if (!enrolment.value) return
    const device: DeviceEnrolment = { ...enrolment.value, token }
    await db.putMeta('device', device)
    enrolment.value = device
  }

  /**
   * The centre's list of who may use this branch's tablets (with every pull): anyone else is marked inactive and their
   * PIN refused from now on; if that is the person using the tablet, it locks at once.
   */
  async function keepActive(staffIds: string[]): Promise<void> {
    const next = users.value.map((u) => ({ ...u, inactive: !staffIds.includes(u.staffId) }))
    if (JSON.stringify(next) !== JSON.stringify(users.value)) {
      users.value = next
      await writeUsers(db, next)
    }
    if (current.value && !staffIds.includes(current.value.staffId)) void lock()
  }

  /**
   * The page goes at once; what is being typed is saved (sealed, while the keys are still here); then every key is
   * dropped. Only a PIN brings them back.
   */
  async function lock(): Promise<void> {
    current.value = null
    await flushDrafts().catch(() => undefined)
    // Forms unmounted by the lock save themselves in the same turn: let those writes start before the keys go.
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (!current.value) lockKeys()
  }

  return {
    enrolment,
    users,
    current,
    loaded,
    lockScreen,
    enrolled: computed(() => !!enrolment.value),
    unlocked: computed(() => !!current.value),
    load,
    ready,
    enrol,
    enrolVia,
    addColleague,
    unlock,
    lock,
    replaceDeviceToken,
    keepActive,
  }
})
