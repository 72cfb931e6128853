import { describe, expect, it } from 'vitest'
import { hashPin, verifyPin } from '@/ui/auth/pinHash'

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one, storing no PIN in clear', async () => {
    const stored = await hashPin('482913', 1000)
    expect(JSON.stringify(stored)).not.toContain('482913')
    expect(await verifyPin('482913', stored)).toBe(true)
    expect(await verifyPin('482914', stored)).toBe(false)
  })

  it('salts every hash', async () => {
    const a = await hashPin('111111', 1000)
    const b = await hashPin('111111', 1000)
    expect(a.hash).not.toBe(b.hash)
  })

  it('accepts only six digits', async () => {
    await expect(hashPin('1234')).rejects.toThrow('six digits')
  })
})
