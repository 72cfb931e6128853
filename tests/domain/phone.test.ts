import { describe, expect, it } from 'vitest'
import { isValidPhone, normalizePhone } from '@/domain'

describe('phone', () => {
  it.each(['13812345678', '138 1234 5678', '+86 138-1234-5678', '010-62345678', '0755 8888 8888', '(021)12345678'])('accepts %s', (p) => {
    expect(isValidPhone(p)).toBe(true)
  })
  it.each(['', '12345678901', '1381234567', '95588', 'abc', '23812345678'])('rejects %s', (p) => {
    expect(isValidPhone(p)).toBe(false)
  })
  it('normalizes what the manager typed', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678')
  })
})
