import { describe, expect, it } from 'vitest'
import { isValidPhone, normalizePhone, phoneDigits } from '@/domain'
import { phoneSchema } from '@/domain/complaint/events'

describe('phone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '+86 138-1234-5678',
    '19912345678',
    '010-62345678',
    '0755 8888 8888',
    '(021)62345678',
    '010-62345678转123',
    '010-62345678 分机 8001',
    '0755-88888888 ext. 12',
    '010 62345678x9',
    '01062345678#301',
  ])('accepts %s', (p) => {
    expect(isValidPhone(p)).toBe(true)
  })
  it.each([
    '',
    '00000000000',
    '12345678901',
    '1381234567',
    '95588',
    'abc',
    '23812345678',
    '10012345678',
    '(021)12345678',
    '010-02345678',
    '0012345678',
    '13812345678转123',
    '010-62345678转',
  ])('rejects %s', (p) => {
    expect(isValidPhone(p)).toBe(false)
  })
  it('normalizes what the manager typed, keeping an extension', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normalizePhone('010-62345678 分机 123')).toBe('01062345678转123')
    expect(phoneDigits('010-62345678 ext 123')).toBe('01062345678')
  })
  it('is the rule the centre admits events by', () => {
    expect(phoneSchema.safeParse('00000000000').success).toBe(false)
    expect(phoneSchema.safeParse('010-62345678转123').success).toBe(true)
  })
})
