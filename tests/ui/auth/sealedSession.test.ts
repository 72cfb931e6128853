import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import { ComplaintDb } from '@/db'
import { keysUnlocked, lockKeys } from '@/db/crypto/keyring'
import { hashPin } from '@/ui/auth/pinHash'
import { writeUsers } from '@/ui/auth/session'
import type { TabletUser } from '@/ui/auth/session'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { setDatabase } from '@/ui/services/database'

const DEVICE = {
  id: 'tab-1',
  name: '大堂 1',
  branchId: 'b9',
  branchName: '解放路支行',
  token: 'device-token-000000000000',
}
const WANG = { id: 'wang', name: '王强', role: 'manager' as const }

/** A tablet as a fresh page finds it: its database, a new store, nothing in memory (a reload). */
async function reload(db: ComplaintDb) {
  lockKeys()
  setDatabase(db)
  setActivePinia(createPinia())
  const session = useSessionStore()
  await session.load()
  return session
}

describe('a lock that really locks (issue 17)', () => {
  it('a reload asks for the PIN, whatever sessionStorage says; a wrong PIN opens nothing; the right one opens the data', async () => {
    const db = new ComplaintDb(`session-${newId()}`)
    await db.meta.put({ key: 'device', value: DEVICE })
    // A user from before the update (PBKDF2 verifier): their first unlock makes the tablet's keys.
    await writeUsers(db, [
      {
        staffId: WANG.id,
        name: WANG.name,
        role: 'manager',
        pin: await hashPin('246810', 1000),
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ])
    let session = await reload(db)
    expect(await session.unlock(WANG.id, '246810')).toEqual({ ok: true })
    const stored = ((await db.meta.get('users'))?.value as TabletUser[])[0]!
    expect(stored.pin).toBeUndefined()
    expect(stored.key?.master).toBeDefined()
    await db.drafts.put({ key: 'new-complaint:wang', value: { name: '王芳' }, savedAt: 1 })
    await session.lock()
    expect(keysUnlocked()).toBe(false)

    // The old flag, forged by hand, grants nothing.
    sessionStorage.setItem(
      'complaint-desk.unlocked',
      JSON.stringify({ staffId: WANG.id, lastActive: Date.now(), windowMs: 3_600_000 }),
    )
    session = await reload(db)
    expect(session.unlocked).toBe(false)
    expect(keysUnlocked()).toBe(false)
    await expect(db.drafts.get('new-complaint:wang')).rejects.toThrow()

    expect(await session.unlock(WANG.id, '135790')).toMatchObject({ ok: false, reason: 'wrongPin' })
    expect(keysUnlocked()).toBe(false)
    expect(session.unlocked).toBe(false)

    expect(await session.unlock(WANG.id, '246810')).toEqual({ ok: true })
    expect((await db.drafts.get('new-complaint:wang'))?.value).toEqual({ name: '王芳' })
    await db.delete()
  }, 60_000)

  it('a colleague added on the lock screen waits for someone to unlock once, then opens the same data', async () => {
    const db = new ComplaintDb(`session-${newId()}`)
    await db.meta.put({ key: 'device', value: DEVICE })
    await writeUsers(db, [
      {
        staffId: WANG.id,
        name: WANG.name,
        role: 'manager',
        pin: await hashPin('246810', 1000),
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ])
    let session = await reload(db)
    expect(await session.unlock(WANG.id, '246810')).toEqual({ ok: true })
    await db.drafts.put({ key: 'd', value: { name: '王芳' }, savedAt: 1 })
    await session.lock()
    // A second user from before the update: right PIN, but the tablet's keys were made for the first.
    session = await reload(db)
    await writeUsers(db, [
      ...session.users,
      {
        staffId: 'chen',
        name: '陈静',
        role: 'manager',
        pin: await hashPin('135790', 1000),
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ])
    session = await reload(db)
    expect(await session.unlock('chen', '135790')).toEqual({ ok: false, reason: 'pending' })
    expect(keysUnlocked()).toBe(false)
    expect(await session.unlock(WANG.id, '246810')).toEqual({ ok: true })
    await session.lock()
    expect(await session.unlock('chen', '135790')).toEqual({ ok: true })
    expect((await db.drafts.get('d'))?.value).toEqual({ name: '王芳' })
    await db.delete()
  }, 60_000)
})
