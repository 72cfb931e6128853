import { describe, expect, it } from 'vitest'
import {
  caseNumberPrefix,
  caseNumberRefusal,
  complaintLabel,
  formatCaseNumber,
  isCaseNumber,
  nextCaseNumber,
  parseCaseNumber,
  parseEvent,
  payloadSchema,
  TABLET_LETTERS,
} from '@/domain'

const zs = { branchCode: 'ZS', letter: 'A' }
// 2026-12-03 16:30 UTC is already 4 December in China.
const lateUtc = Date.parse('2026-12-03T16:30:00Z')
const morning = Date.parse('2026-12-03T01:00:00Z')

describe('case numbers', () => {
  it('reads aloud as branch, China date, tablet letter and the day’s sequence', () => {
    expect(formatCaseNumber({ ...zs, date: '2026-12-03', sequence: 1 })).toBe('ZS-261203-A01')
    expect(formatCaseNumber({ branchCode: 'BJ01', letter: 'K', date: '2027-01-09', sequence: 123 })).toBe(
      'BJ01-270109-K123',
    )
    expect(parseCaseNumber('ZS-261203-A01')).toEqual({ ...zs, date: '2026-12-03', sequence: 1 })
  })

  it('forgives case and spaces as typed in a search box, but nothing that formatting would not write', () => {
    expect(parseCaseNumber(' zs-261203-a01 ')?.sequence).toBe(1)
    for (const bad of [
      'ZS-261203-A001',
      'ZS-261203-A00',
      'ZS-261203-A1',
      'ZS-261203-I01',
      'ZS-261203-O01',
      'Z-261203-A01',
      'ZS-261303-A01',
      'ZS-260230-A01',
      'ZS-261203A01',
      'ZS-261203-AB01',
      'ZS-261203-A1000',
      '',
    ]) {
      expect(isCaseNumber(bad), bad).toBe(false)
    }
  })

  it('never gives I or O, which read as 1 and 0', () => {
    expect(TABLET_LETTERS).toHaveLength(24)
    expect(TABLET_LETTERS).not.toMatch(/[IO]/)
    expect(() => formatCaseNumber({ branchCode: 'ZS', letter: 'O', date: '2026-12-03', sequence: 1 })).toThrow()
  })

  it('numbers by the China date, not the tablet’s UTC date', () => {
    expect(nextCaseNumber(zs, lateUtc, [])).toBe('ZS-261204-A01')
    expect(caseNumberPrefix(zs, lateUtc)).toBe('ZS-261204-A')
  })

  it('follows the highest number of the day this tablet has given, whatever the order, ignoring other days and tablets', () => {
    const given = ['ZS-261203-A02', 'ZS-261203-A10', 'ZS-261203-A09', 'ZS-261202-A55', 'ZS-261203-B77', 'XX-261203-A88']
    expect(nextCaseNumber(zs, morning, given)).toBe('ZS-261203-A11')
    expect(nextCaseNumber(zs, morning, ['ZS-261203-A99'])).toBe('ZS-261203-A100')
    expect(nextCaseNumber(zs, morning, ['ZS-261203-A100', 'ZS-261203-A99'])).toBe('ZS-261203-A101')
    expect(nextCaseNumber(zs, morning, ['ZS-261203-A999'])).toBeNull()
  })

  it('two tablets of a branch numbering offline the same day never collide', () => {
    const a: string[] = []
    const b: string[] = []
    for (let i = 0; i < 50; i++) {
      a.push(nextCaseNumber({ branchCode: 'ZS', letter: 'A' }, morning, a)!)
      b.push(nextCaseNumber({ branchCode: 'ZS', letter: 'B' }, morning, b)!)
    }
    expect(new Set([...a, ...b]).size).toBe(100)
  })

  it('names a complaint without a number by the random end of its id', () => {
    expect(complaintLabel({ id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).toBe('2E3F4A5B')
    expect(complaintLabel({ id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', caseNumber: 'ZS-261203-A01' })).toBe(
      'ZS-261203-A01',
    )
  })

  it('the centre refuses a number of another branch or tablet', () => {
    expect(caseNumberRefusal('ZS-261203-A01', { branchCode: 'ZS', letter: 'A' })).toBeNull()
    expect(caseNumberRefusal('ZS-261203-A01', { branchCode: 'BJ', letter: 'A' })).toBe('caseNumberBranch')
    expect(caseNumberRefusal('ZS-261203-A01', { branchCode: null, letter: 'A' })).toBe('caseNumberBranch')
    expect(caseNumberRefusal('ZS-261203-A01', { branchCode: 'ZS', letter: 'B' })).toBe('caseNumberTablet')
    expect(caseNumberRefusal('ZS-261203-A001', { branchCode: 'ZS', letter: 'A' })).toBe('invalidCaseNumber')
  })

  it('is optional in the record, so complaints recorded before stay valid, and checked when present', () => {
    const schema = payloadSchema('complaint.recorded')
    const base = {
      customer: { name: '王' },
      channel: 'inPerson',
      kind: 'complaint',
      description: '排队太久',
      receivedAt: '2026-12-03T09:00:00+08:00',
    }
    expect(schema.safeParse(base).success).toBe(true)
    expect(schema.safeParse({ ...base, caseNumber: 'ZS-261203-A01' }).success).toBe(true)
    const bad = schema.safeParse({ ...base, caseNumber: 'ZS-261203-A001' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toBe('invalidCaseNumber')
    expect(parseEvent({}).ok).toBe(false)
  })
})

describe('a search for a case number', () => {
  it('is recognised whole or by its start, as typed, and never for a phone number or a name', async () => {
    const { caseNumberQuery } = await import('@/domain')
    expect(caseNumberQuery('zs-261203-a01')).toBe('ZS-261203-A01')
    expect(caseNumberQuery(' ZS-2612 ')).toBe('ZS-2612')
    expect(caseNumberQuery('ZS-261203-')).toBe('ZS-261203-')
    for (const other of ['010-62345678', '13912349963', '9963', '王芳', 'ATM', 'ZS', 'ZS-', 'ZS-261203-I01'])
      expect(caseNumberQuery(other), other).toBeNull()
  })
})
