import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb, searchComplaints } from '@/db'
import { RECORDED } from '../support/eventFactory'

let db: ComplaintDb
beforeEach(() => {
  db = new ComplaintDb(`test-${newId()}`)
})
afterEach(async () => {
  await db.delete()
})

const morning = Date.parse('2026-03-02T10:00:00+08:00')
const record = async (at: number, description = RECORDED.description) => {
  const { state, events } = await commit(
    db,
    newId(),
    [{ type: 'complaint.recorded', payload: { ...RECORDED, description } }],
    () => at,
  )
  return { number: state.caseNumber, event: events[0]! }
}

describe('case numbers on the tablet', () => {
  it('numbers each record with the branch code, the China date, the tablet’s letter and the day’s next sequence', async () => {
    await db.meta.put({ key: 'caseNumbering', value: { branchCode: 'ZS', letter: 'B' } })
    const first = await record(morning)
    expect(first.number).toBe('ZS-260302-B01')
    // Carried by the event itself, so every tablet and the centre see the same number.
    expect(first.event.type === 'complaint.recorded' && first.event.payload.caseNumber).toBe('ZS-260302-B01')
    expect((await record(morning + 60_000)).number).toBe('ZS-260302-B02')
    expect((await record(morning + 120_000)).number).toBe('ZS-260302-B03')
    // The next China day starts again at 01 (16:30 UTC is already the next day in China).
    expect((await record(Date.parse('2026-03-02T16:30:00Z'))).number).toBe('ZS-260303-B01')
  })

  it('follows numbers of its letter pulled from the centre (a tablet enrolled again after its database was lost)', async () => {
    await db.meta.put({ key: 'caseNumbering', value: { branchCode: 'ZS', letter: 'B' } })
    await db.complaints.put({
      id: newId(),
      branchId: 'b',
      status: 'new',
      receivedAt: '2026-03-02T01:00:00.000Z',
      dueAt: '',
      phone: '',
      phoneReversed: '',
      name: '张',
      category: '',
      ownerId: 'x',
      followUpDue: '',
      extendedUntil: '',
      awaiting: [],
      summary: '',
      caseNumber: 'ZS-260302-B07',
    })
    expect((await record(morning)).number).toBe('ZS-260302-B08')
  })

  it('gives no number before the centre has given the tablet a letter: the complaint is recorded all the same', async () => {
    const { number } = await record(morning)
    expect(number).toBeUndefined()
    expect(await db.complaints.count()).toBe(1)
  })

  it('the book finds a complaint by its case number, typed whole or by its start, in any case', async () => {
    await db.meta.put({ key: 'caseNumbering', value: { branchCode: 'ZS', letter: 'A' } })
    const a = await record(morning, '第一条')
    const b = await record(morning + 1, '第二条')
    expect((await searchComplaints(db, 'zs-260302-a02')).map((r) => r.caseNumber)).toEqual([b.number])
    expect((await searchComplaints(db, 'ZS-260302')).map((r) => r.caseNumber).sort()).toEqual([a.number, b.number])
    expect(await searchComplaints(db, 'ZS-260302-A03')).toEqual([])
  })
})
