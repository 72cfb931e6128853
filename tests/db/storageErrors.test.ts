import { describe, expect, it } from 'vitest'
import { checkStorage, classifyStorageError } from '@/db'

describe('classifyStorageError', () => {
  it('finds a quota error wrapped in an AbortError (Dexie #776)', () => {
    const wrapped = {
      name: 'AbortError',
      message: 'Transaction aborted',
      inner: { name: 'QuotaExceededError', message: '' },
    }
    expect(classifyStorageError(wrapped)).toBe('quota')
  })
  it('recognises a lost connection', () => {
    expect(
      classifyStorageError({ name: 'DatabaseClosedError', message: 'Connection to Indexed Database server lost' }),
    ).toBe('connectionLost')
  })
  it('does not invent a cause', () => {
    expect(classifyStorageError(new Error('boom'))).toBe('unknown')
  })
})

describe('checkStorage', () => {
  it('asks for persistence and warns when space runs low', async () => {
    let asked = false
    const storage = {
      persisted: async () => false,
      persist: async () => {
        asked = true
        return true
      },
      estimate: async () => ({ usage: 990 * 1024 * 1024, quota: 1000 * 1024 * 1024 }),
    } as unknown as StorageManager
    const h = await checkStorage(storage)
    expect(asked).toBe(true)
    expect(h).toMatchObject({ persisted: true, low: true })
  })
})
