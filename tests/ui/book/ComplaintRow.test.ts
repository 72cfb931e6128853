import { afterEach, describe, expect, it } from 'vitest'
import type { ComplaintRow as Row } from '@/db'
import ComplaintRow from '@/ui/book/ComplaintRow.vue'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  document.body.innerHTML = ''
})

const ROW: Row = {
  id: 'c1',
  branchId: 'b1',
  status: 'inProgress',
  receivedAt: '2026-03-02T01:30:00.000Z',
  dueAt: '2026-03-17T15:59:59.999Z',
  dueClock: 'regulatory',
  phone: '13812345678',
  phoneReversed: '87654321831',
  name: '王芳',
  category: '',
  ownerId: 'li',
  followUpDue: '',
  extendedUntil: '',
  awaiting: [],
  summary: '排队太久',
}
const due = async (row: Row, now: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  (await mountWithApp(ComplaintRow, { locale, props: { row, locale, now: Date.parse(now) } })).wrapper
    .get('[data-testid="book-row-due"]')
    .text()

describe('the book names each deadline by its clock', () => {
  it.each([
    ['regulatory', '2026-03-10T00:00:00Z', '监管时限截止 2026/03/17 23:59'],
    ['regulatory', '2026-03-18T00:00:00Z', '监管时限已超时'],
    ['firstResponse', '2026-03-10T00:00:00Z', '首次响应截止 2026/03/17 23:59'],
    ['handling', '2026-03-18T00:00:00Z', '24 小时告知已超时'],
    ['review', '2026-03-10T00:00:00Z', '核查截止 2026/03/17 23:59'],
  ] as const)('%s, on %s: %s', async (clock, now, text) => {
    expect(await due({ ...ROW, dueClock: clock }, now)).toBe(text)
  })

  it('reads a row an older app projected (no clock) generically, and in English', async () => {
    expect(await due({ ...ROW, dueClock: undefined }, '2026-03-10T00:00:00Z')).toBe('截止 2026/03/17 23:59')
    expect(await due(ROW, '2026-03-10T00:00:00Z', 'en')).toBe('Regulatory limit 03/17/2026, 23:59')
  })
})

describe('the book names each complaint as the customer was told', () => {
  const caseOf = async (row: Row) =>
    (
      await mountWithApp(ComplaintRow, {
        locale: 'zh-CN',
        props: { row, locale: 'zh-CN', now: Date.parse('2026-03-10T00:00:00Z') },
      })
    ).wrapper
      .get('[data-testid="book-row-case"]')
      .text()
  it('by its case number, or by the end of its id when it was recorded before case numbers', async () => {
    expect(await caseOf({ ...ROW, caseNumber: 'ZS-260302-A01' })).toBe('ZS-260302-A01')
    expect(await caseOf({ ...ROW, id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).toBe('2E3F4A5B')
  })
})
