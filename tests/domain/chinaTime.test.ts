import { describe, expect, it } from 'vitest'
import {
  chinaDate,
  chinaDayRange,
  endOfChinaDay,
  fromChinaLocalInput,
  startOfChinaDay,
  toChinaLocalInput,
} from '@/domain'

/** Run under TZ=UTC, Asia/Shanghai and America/Los_Angeles by `npm run test:tz`: the answers never change. */
describe('China days, whatever the machine’s time zone', () => {
  it('bounds a China day by instants', () => {
    expect(new Date(startOfChinaDay('2026-10-08')).toISOString()).toBe('2026-10-07T16:00:00.000Z')
    expect(new Date(endOfChinaDay('2026-10-08')).toISOString()).toBe('2026-10-08T15:59:59.999Z')
    expect(chinaDayRange('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    })
  })

  it('reads and writes the datetime inputs in China time, refusing times that do not exist', () => {
    expect(fromChinaLocalInput('2026-03-17T17:00')).toBe('2026-03-17T09:00:00.000Z')
    expect(fromChinaLocalInput('2026-02-30T10:00')).toBeNull()
    expect(fromChinaLocalInput('2026-03-17 17:00')).toBeNull()
    expect(toChinaLocalInput(new Date('2026-03-17T16:30:00Z'))).toBe('2026-03-18T00:30')
  })

  it('dates an instant by the China calendar, whichever way it is written', () => {
    expect(chinaDate('2026-03-17T17:00:00+08:00')).toBe('2026-03-17')
    expect(chinaDate('2026-03-17T16:30:00Z')).toBe('2026-03-18')
    expect(chinaDate(Date.parse('2026-03-17T15:59:59.999Z'))).toBe('2026-03-17')
  })
})
