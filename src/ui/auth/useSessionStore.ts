import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { loadIdentity } from '@/db/meta'
import { IDLE_LOCK_MS, SCRIPT_IDLE_LOCK } from '@/domain/staff/idleLock'
import { useDatabase } from '@/ui/services/database'
import { hashPin, verifyPin } from './pinHash'
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
async function signInReplacingOneTime<T extends { token: string; mustChangePassword?: boolean }>(username: string, password: string, newPassword?: string): Promise<T> {
  return (await import('./oneTimePassword')).signInReplacingOneTime<T>(username, password, newPassword)
}
export const LOCKOUT_MS = 5 * 60_000

/** A quiet tablet locks itself after this long; a reload within it keeps the user unlocked (this tab only). */
export { IDLE_LOCK_MS }
const UNLOCKED_KEY = 'complaint-desk.unlocked'

export type UnlockResult = { ok: true } | { ok: false; reason: 'wrongPin' | 'lockedOut' | 'inactive'; attemptsLeft?: number; until?: number }

interface StaffInfo { id: string; name: string; role: TabletUser['role']; approvalLevel?: TabletUser['approvalLevel'] }

/** The user this tab had unlocked, if they were active within IDLE_LOCK_MS: a reload keeps them unlocked. */
export function savedUnlock(now = Date.now()): { staffId: string } | null {
  const saved = JSON.parse(globalThis.sessionStorage?.getItem(UNLOCKED_KEY) ?? 'null') as { staffId: string; lastActive: number; windowMs?: number } | null
  // The window the lock was counting when the tab was last used (longer during the script), never beyond the script's longest.
  const windowMs = Math.min(saved?.windowMs ?? IDLE_LOCK_MS, SCRIPT_IDLE_LOCK.maxMinutes * 60_000)
  return saved && now - saved.lastActive < windowMs ? { staffId: saved.staffId } : null
}

/**
 * Who may use this tablet and who is using it now. Enrolment and adding a colleague need the network once;
 * unlocking with a PIN never does. The unlocked user is kept in this tab's session storage while they are active
 * (`savedUnlock`): a reload inside the lock's window keeps them, a new tab or a quiet tablet asks for the PIN again.
 */
export const useSessionStore = defineStore('session', () => {
  const db = useDatabase()
  const enrolment = shallowRef<DeviceEnrolment | null>(null)
  const users = ref<TabletUser[]>([])
  const current = ref<Pick<TabletUser, 'staffId' | 'name' | 'role' | 'approvalLevel'> | null>(null)
  const loaded = ref(false)

  async function load(): Promise<void> {
    // One round trip: the router waits for this before the first screen.
    const read = await readSession(db)
    enrolment.value = read.enrolment
    users.value = read.users
    // A reload of this tab while in use (not idle) does not ask for the PIN again.
    const saved = savedUnlock()
    const user = saved ? users.value.find((u) => u.staffId === saved.staffId && !u.inactive) : undefined
    if (user && enrolment.value) await unlockAs({ id: user.staffId, name: user.name, role: user.role, approvalLevel: user.approvalLevel }, { identity: read.identity })
    loaded.value = true
  }

  /** Called on activity: keeps the unlocked state alive across a reload of this tab, for as long as the lock waits now. */
  function touch(windowMs: number = IDLE_LOCK_MS): void {
    if (current.value) globalThis.sessionStorage?.setItem(UNLOCKED_KEY, JSON.stringify({ staffId: current.value.staffId, lastActive: Date.now(), windowMs }))
  }

  async function addUser(staff: StaffInfo, pin: string): Promise<void> {
    const rest = users.value.filter((u) => u.staffId !== staff.id)
    const user: TabletUser = {
      staffId: staff.id, name: staff.name, role: staff.role, approvalLevel: staff.approvalLevel ?? null, pin: await hashPin(pin), failedAttempts: 0, lockedUntil: 0,
    }
    users.value = [...rest, user]
    await writeUsers(db, users.value)
  }

  /**
   * First use: a staff member signs in online; the tablet is enrolled to their branch and they choose a PIN. A
   * one-time password from an administrator is replaced by `newPassword` on the way.
   */
  async function enrol(username: string, password: string, tabletName: string, pin: string, newPassword?: string): Promise<void> {
    const session = await signInReplacingOneTime<{ token: string; staff: StaffInfo }>(username, password, newPassword)
    try {
      await enrolVia('/api/devices/enrol', { name: tabletName }, session.token)
      await addUser(session.staff, pin)
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
    const res = await api<{ deviceToken: string; device: Omit<DeviceEnrolment, 'token'> }>(path, { body: { ...body, deviceId: (await loadIdentity(db)).deviceId }, token })
    const device: DeviceEnrolment = { ...res.device, token: res.deviceToken }
    await db.putMeta('device', device)
    enrolment.value = device
  }

  /** A colleague of the same branch is added while online, then unlocks offline with their own PIN. */
  async function addColleague(username: string, password: string, pin: string, newPassword?: string): Promise<void> {
    if (!enrolment.value) throw new Error('Not enrolled')
    if (newPassword) {
      const session = await signInReplacingOneTime<{ token: string }>(username, password, newPassword)
      await api('/api/auth/sign-out', { body: {}, token: session.token }).catch(() => undefined)
    }
    const { staff } = await api<{ staff: StaffInfo }>('/api/auth/verify-staff', { body: { username, password: newPassword ?? password }, token: enrolment.value.token })
    await addUser(staff, pin)
  }

  async function unlockAs(staff: StaffInfo, known?: { identity: ActingIdentity }): Promise<void> {
    await actAs(db, enrolment.value!, { staffId: staff.id, name: staff.name }, known)
    current.value = { staffId: staff.id, name: staff.name, role: staff.role, approvalLevel: staff.approvalLevel ?? null }
    touch()
  }

  async function unlock(staffId: string, pin: string, now = Date.now()): Promise<UnlockResult> {
    const user = users.value.find((u) => u.staffId === staffId)
    if (!user || !enrolment.value) return { ok: false, reason: 'wrongPin' }
    if (user.inactive) return { ok: false, reason: 'inactive' }
    if (user.lockedUntil > now) return { ok: false, reason: 'lockedOut', until: user.lockedUntil }
    const ok = await verifyPin(pin, user.pin)
    const updated: TabletUser = ok
      ? { ...user, failedAttempts: 0, lockedUntil: 0 }
      : { ...user, failedAttempts: user.failedAttempts + 1, lockedUntil: user.failedAttempts + 1 >= MAX_PIN_ATTEMPTS ? now + LOCKOUT_MS : 0 }
    users.value = users.value.map((u) => (u.staffId === staffId ? updated : u))
    await writeUsers(db, users.value)
    if (!ok) {
      return updated.lockedUntil
        ? { ok: false, reason: 'lockedOut', until: updated.lockedUntil }
        : { ok: false, reason: 'wrongPin', attemptsLeft: MAX_PIN_ATTEMPTS - updated.failedAttempts }
    }
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
    if (current.value && !staffIds.includes(current.value.staffId)) lock()
  }

  function lock(): void {
    current.value = null
    globalThis.sessionStorage?.removeItem(UNLOCKED_KEY)
  }

  return {
    enrolment, users, current, loaded,
    enrolled: computed(() => !!enrolment.value),
    unlocked: computed(() => !!current.value),
    load, enrol, enrolVia, addColleague, unlock, lock, touch, replaceDeviceToken, keepActive,
  }
})
