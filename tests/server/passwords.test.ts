import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords'
import { cheapPasswordHash } from './fixtures'

describe('stored passwords', () => {
  it('are hashed with scrypt at the production cost (N=2^15, r=8, p=1), salted, and checked', async () => {
    const a = await hashPassword('correct horse battery')
    const b = await hashPassword('correct horse battery')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]{24}\$[\w+/=]{88}$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse battery', a)).toBe(true)
    expect(await verifyPassword('correct horse batteries', a)).toBe(false)
  })

  it('are checked with the parameters stored beside them (the tests seed cheaper hashes the same way)', async () => {
    const cheap = cheapPasswordHash('correct horse battery')
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword('correct horse battery', cheap)).toBe(true)
    expect(await verifyPassword('wrong', cheap)).toBe(false)
  })
})
