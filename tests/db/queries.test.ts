import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endOfChinaDay, newId } from '@/domain'
import type { PayloadInput } from '@/domain'
import { applyRemote, bookPage, commit, ComplaintDb, complaintState, needsAction, searchComplaints } from '@/db'
import type { ComplaintRow } from '@/db'
import { eventFactory, RECORDED } from '../support/eventFactory'

let db: ComplaintDb
const NAMES = ['王芳', '王强', '李娜', '张伟', '刘洋']
const CATEGORIES = ['cards', 'loans', 'fees']

beforeAll(async () => {
  db = new ComplaintDb(`queries-${newId()}`)
  for (let i = 0; i < 30; i++) {
    // Pairs of complaints share a received-at minute, to prove paging neither skips nor repeats ties.
    const receivedAt = new Date(Date.UTC(2026, 2, 1 + Math.floor(i / 2), 2)).toISOString()
    const payload: PayloadInput<'complaint.recorded'> = {
      ...RECORDED,
      customer: { name: NAMES[i % 5]!, phone: `1381234${String(i).padStart(4, '0')}` },
      category: CATEGORIES[i % 3],
      description: i % 10 === 0 ? `ATM 吞卡，第 ${i} 号` : `柜台排队时间太长 ${i}`,
      receivedAt,
    }
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload }])
    if (i % 4 === 0) await commit(db, id, [{ type: 'complaint.acknowledged', payload: {} }])
  }
})
afterAll(() => db.delete())

async function allPages(q: Parameters<typeof bookPage>[1]): Promise<ComplaintRow[]> {
  const out: ComplaintRow[] = []
  for (;;) {
    const last = out.at(-1)
    const page = await bookPage(db, { ...q, limit: 7, after: last && { receivedAt: last.receivedAt, id: last.id } })
    out.push(...page)
    if (page.length < 7) return out
  }
}

describe('complaint book queries', () => {
  it('pages newest first without skipping or repeating rows that share a time', async () => {
    const rows = await allPages({})
    expect(rows).toHaveLength(30)
    expect(new Set(rows.map((r) => r.id)).size).toBe(30)
    const times = rows.map((r) => r.receivedAt)
    expect(times).toEqual([...times].sort().reverse())
  })

  it('filters by status through its index, paging included', async () => {
    const rows = await allPages({ status: 'inProgress' })
    expect(rows).toHaveLength(8)
    expect(rows.every((r) => r.status === 'inProgress')).toBe(true)
  })

  it('filters by category and by date range', async () => {
    expect((await allPages({ category: 'loans' })).every((r) => r.category === 'loans')).toBe(true)
    expect(await allPages({ category: 'loans' })).toHaveLength(10)
    const ranged = await allPages({ from: '2026-03-03T00:00:00.000Z', to: '2026-03-05T23:59:59.999Z' })
    expect(ranged.map((r) => r.receivedAt.slice(0, 10)).sort()).toEqual([
      '2026-03-03',
      '2026-03-03',
      '2026-03-04',
      '2026-03-04',
      '2026-03-05',
      '2026-03-05',
    ])
  })

  it('searches by phone prefix, name prefix and words in the text', async () => {
    expect(await searchComplaints(db, '138 1234 001')).toHaveLength(10)
    expect((await searchComplaints(db, '王')).map((r) => r.name).sort()).toEqual(
      Array(12)
        .fill(0)
        .map((_, i) => (i < 6 ? '王强' : '王芳'))
        .sort(),
    )
    const atm = await searchComplaints(db, '吞卡')
    expect(atm).toHaveLength(3)
    expect(await searchComplaints(db, 'atm')).toHaveLength(3)
    expect(await searchComplaints(db, '不存在的内容')).toHaveLength(0)
  })

  it('finds a phone by its tail (尾号), as customers give it, and as the book masks it', async () => {
    expect((await searchComplaints(db, '0017')).map((r) => r.phone)).toEqual(['13812340017'])
    expect((await searchComplaints(db, '138****0017')).map((r) => r.phone)).toEqual(['13812340017'])
    // Past the digits indexed (nine of a start, six of a tail), a number is confirmed on the opened rows.
    expect((await searchComplaints(db, '13812340017')).map((r) => r.phone)).toEqual(['13812340017'])
    expect((await searchComplaints(db, '2340017')).map((r) => r.phone)).toEqual(['13812340017'])
    expect(await searchComplaints(db, '9340017')).toHaveLength(0)
    expect(await searchComplaints(db, '139****0017')).toHaveLength(0)
    // The start of a number still finds it.
    expect(await searchComplaints(db, '1381234')).toHaveLength(30)
  })

  it('finds one character of a name or of a word', async () => {
    expect((await searchComplaints(db, '芳')).map((r) => r.name)).toEqual(Array(6).fill('王芳'))
    expect(await searchComplaints(db, '卡')).toHaveLength(3)
    expect(await searchComplaints(db, '长')).toHaveLength(27)
    expect(await searchComplaints(db, '吞')).toHaveLength(3)
    expect(await searchComplaints(db, '鑫')).toHaveLength(0)
  })

  it('finds a word by its characters side by side, in the order typed, not scattered in the text', async () => {
    expect(await searchComplaints(db, '排队时间')).toHaveLength(27)
    expect(await searchComplaints(db, '时间排队')).toHaveLength(0)
    expect(await searchComplaints(db, '柜长')).toHaveLength(0)
    expect(await searchComplaints(db, '吞卡 atm')).toHaveLength(3)
    expect(await searchComplaints(db, '排队', 5)).toHaveLength(5)
  })

  it('lists what needs action: complaints whose binding deadline falls by the given instant', async () => {
    // Received 1 March 10:00 China time: the 24-hour clocks run out on 2 March — the new one's first response, and
    // the acknowledged one's notice of the decision or of an extension (nothing of either was told).
    const rows = await needsAction(db, endOfChinaDay('2026-03-02'))
    expect(rows.map((r) => [r.status, r.receivedAt, r.dueClock]).sort()).toEqual([
      ['inProgress', '2026-03-01T02:00:00.000Z', 'handling'],
      ['new', '2026-03-01T02:00:00.000Z', 'firstResponse'],
    ])
    expect(await needsAction(db, endOfChinaDay('2026-02-28'))).toHaveLength(0)
    expect(await needsAction(db, endOfChinaDay('2099-01-01'))).toHaveLength(30)
  })
})

describe('keeping the book and its search current', () => {
  it('finds a complaint by its corrected words, not its old ones, and shows the corrected line in the book', async () => {
    const local = new ComplaintDb(`correct-${newId()}`)
    const id = newId()
    await commit(local, id, [
      { type: 'complaint.recorded', payload: { ...RECORDED, description: '存折密码锁定无法取款' } },
    ])
    expect((await searchComplaints(local, '密码锁定')).map((r) => r.id)).toEqual([id])
    await commit(local, id, [
      {
        type: 'field.corrected',
        payload: { field: 'description', value: '网银转账失败资金未到账', reason: '客户补充' },
      },
    ])
    expect(await searchComplaints(local, '密码锁定')).toHaveLength(0)
    expect((await searchComplaints(local, '资金未到')).map((r) => r.id)).toEqual([id])
    expect((await bookPage(local))[0]!.summary).toBe('网银转账失败资金未到账')
    await commit(local, id, [
      { type: 'field.corrected', payload: { field: 'demand', value: '退还手续费', reason: '客户补充' } },
    ])
    expect((await searchComplaints(local, '手续费')).map((r) => r.id)).toEqual([id])
    await local.delete()
  })

  it('moves a complaint between the book’s tabs when another tablet’s events arrive, and keeps notes out of the row', async () => {
    const local = new ComplaintDb(`pulled-${newId()}`)
    const f = eventFactory()
    const recorded = f.make({ type: 'complaint.recorded', payload: RECORDED })
    await applyRemote(local, [{ ...recorded, serverSeq: 1 }])
    const asRecorded = await local.complaints.get(f.complaintId)
    await applyRemote(local, [
      { ...f.make({ type: 'note.added', payload: { text: '客户来电询问进度' } }), serverSeq: 2 },
    ])
    expect(await local.complaints.get(f.complaintId)).toEqual(asRecorded)
    expect((await complaintState(local, f.complaintId))!.notes).toHaveLength(1)
    await applyRemote(local, [{ ...f.make({ type: 'complaint.acknowledged', payload: {} }), serverSeq: 3 }])
    expect((await bookPage(local, { status: 'inProgress' })).map((r) => r.id)).toEqual([f.complaintId])
    expect(await bookPage(local, { status: 'new' })).toHaveLength(0)
    await local.delete()
  })
})

describe('central settings', () => {
  it('recomputes the book’s deadlines when the centre changes the policy', async () => {
    const local = new ComplaintDb(`settings-${newId()}`)
    const id = newId()
    // Received Monday 2 March 2026 09:30, answered and told of the extension's need within the hour: the 24-hour clocks are met.
    const at = () => Date.parse('2026-03-02T02:30:00Z')
    const told = {
      channel: 'phone',
      purpose: 'extensionNotice',
      content: '需核查，稍后答复',
      contactedAt: '2026-03-02T10:20:00+08:00',
    } as const
    await commit(
      local,
      id,
      [
        { type: 'complaint.recorded', payload: RECORDED },
        { type: 'customer.contacted', payload: told },
      ],
      at,
    )
    const before = (await local.complaints.get(id))!.dueAt
    const { reprojectOpen } = await import('@/db')
    await local.meta.put({
      key: 'settings',
      value: {
        version: 2,
        policy: {
          firstResponseHours: 24,
          handlingHours: 24,
          replyWorkingDays: 5,
          extensionCapWorkingDays: 45,
          regulatoryDays: 15,
          regulatoryExtendedDays: 30,
          regulatoryMaxDays: 60,
          dueSoonWorkingDays: 1,
        },
      },
    })
    expect(await reprojectOpen(local)).toBe(1)
    const after = (await local.complaints.get(id))!.dueAt
    // Received Monday 2 March 2026: the regulatory 15 days (17 March) bind before 15 working days (23 March);
    // with a 5-working-day reply rule, 9 March binds.
    expect(before.slice(0, 10)).toBe('2026-03-17')
    expect(after.slice(0, 10)).toBe('2026-03-09')
    await local.delete()
  })

  it('lists an extended complaint among those needing action', async () => {
    const local = new ComplaintDb(`ext-${newId()}`)
    const id = newId()
    await commit(
      local,
      id,
      [
        { type: 'complaint.recorded', payload: RECORDED },
        {
          type: 'complaint.extended',
          payload: {
            reason: '调取录像',
            newDueDate: '2026-03-31',
            noticeChannel: 'sms',
            noticeAt: '2026-03-02T12:00:00+08:00',
          },
        },
      ],
      () => Date.parse('2026-03-02T04:30:00Z'),
    )
    const rows = await needsAction(local, endOfChinaDay('2026-03-01'))
    expect(rows.map((r) => r.extendedUntil)).toEqual(['2026-03-31'])
    await local.delete()
  })
})
