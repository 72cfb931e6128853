import { beforeEach, describe, expect, it, vi } from 'vitest'
import { checkRoom, resetPersistAsked } from '@/ui/attachments/storageCheck'

const MiB = 1024 * 1024

function storage(usage: number, quota: number, persisted = false) {
  return {
    estimate: vi.fn(async () => ({ usage, quota })),
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => true),
  } as unknown as StorageManager & { persist: ReturnType<typeof vi.fn> }
}

beforeEach(() => resetPersistAsked())

describe('room for a photo', () => {
  it('is enough with plenty free and under 90 % used', async () => {
    expect(await checkRoom(storage(100 * MiB, 2000 * MiB))).toMatchObject({ short: false, free: 1900 * MiB })
  })

  it('is short under 50 MiB free', async () => {
    expect((await checkRoom(storage(960 * MiB, 1000 * MiB))).short).toBe(true)
  })

  it('is short past 90 % of the quota, however much that leaves', async () => {
    expect((await checkRoom(storage(9.2e9, 10e9))).short).toBe(true)
  })

  it('is taken as enough when the browser says nothing', async () => {
    expect(await checkRoom(undefined)).toEqual({ short: false, free: null, usedRatio: null })
  })

  it('asks for persistent storage once, and not when already granted', async () => {
    const s = storage(1, 1000 * MiB)
    await checkRoom(s)
    await checkRoom(s)
    expect(s.persist).toHaveBeenCalledTimes(1)
    resetPersistAsked()
    const granted = storage(1, 1000 * MiB, true)
    await checkRoom(granted)
    expect(granted.persist).not.toHaveBeenCalled()
  })
})
