import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY, encodeHlc, JRT_0169_2018, newId } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { codeReport } from '../../src/server/reports/codeReport'
import type { CodeReport } from '../../src/server/reports/codeReport'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { reportCodesRoute } from '@/domain/api/reportApi'
import { answer } from './contract'
import { PASSWORD, seedBank } from './fixtures'

const TABLET = {
  b1: { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' },
  b2: { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' },
}
type Branch = keyof typeof TABLET

function complaint(
  branch: Branch,
  receivedAt: string,
  recorded: Partial<typeof RECORDED>,
  later: [string, EventDraft][] = [],
): ComplaintEvent[] {
  const complaintId = newId()
  const actor = TABLET[branch]
  const at = (iso: string, d: EventDraft): ComplaintEvent =>
    ({
      id: newId(),
      complaintId,
      branchId: branch,
      v: 1,
      hlc: encodeHlc({ wall: Date.parse(iso), counter: 0, node: actor.deviceId }),
      actor,
      ...d,
    }) as ComplaintEvent
  const { category: _c, cause: _k, ...plain } = RECORDED
  return [
    at(receivedAt, { type: 'complaint.recorded', payload: { ...plain, ...recorded, receivedAt } }),
    ...later.map(([iso, d]) => at(iso, d)),
  ]
}
const ack: EventDraft = { type: 'complaint.acknowledged', payload: {} }
const reply = (contactedAt: string): EventDraft => ({
  type: 'customer.contacted',
  payload: { channel: 'sms', purpose: 'reply', content: '答复', contactedAt },
})
const correct = (field: 'codes.A' | 'codes.B' | 'codes.C', value: string | null): EventDraft => ({
  type: 'field.corrected',
  payload: { field, value, reason: '核实' },
})

/**
 * The first quarter of 2026 in two branches, counted by hand (now = 1 May 2026):
 *   #1 b1 Jan  A0101  B01    C01   first response and reply on time, closed
 *   #2 b1 Jan  A01033 B03P2  C03   never answered: overdue
 *   #3 b1 Feb  old complaint 存款业务/等候时间 → mapped A0199 B01 C01; first response on time; overdue
 *   #4 b1 Feb  old complaint 收费/服务态度 → mapped A0199, C01; B corrected to BP01 (外汇); extended; overdue
 *   #5 b2 Mar  A0102  B03P1  CP05  first response and reply on time, not closed (nothing runs: not overdue)
 *   #6 b2 Mar 31, 23:30 China time: recorded unclassified, A corrected to A0101; B and C unclassified; overdue
 * Outside: b1 at 23:30 on 31 December 2025 China time, b2 on 2 April.
 */
const QUARTER = [
  complaint('b1', '2026-01-05T02:00:00.000Z', { codes: { A: 'A0101', B: 'B01', C: 'C01' } }, [
    ['2026-01-05T03:00:00.000Z', ack],
    ['2026-01-08T02:00:00.000Z', reply('2026-01-08T10:00:00+08:00')],
    ['2026-01-08T03:00:00.000Z', { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }],
    ['2026-01-08T04:00:00.000Z', { type: 'complaint.resolved', payload: { summary: '已处理' } }],
    ['2026-01-08T05:00:00.000Z', { type: 'complaint.closed', payload: {} }],
  ]),
  complaint('b1', '2026-01-20T02:00:00.000Z', { codes: { A: 'A01033', B: 'B03P2', C: 'C03' } }),
  complaint('b1', '2026-02-10T02:00:00.000Z', { category: 'deposits', cause: 'waiting' }, [
    ['2026-02-10T02:30:00.000Z', ack],
  ]),
  complaint('b1', '2026-02-11T02:00:00.000Z', { category: 'fees', cause: 'attitude' }, [
    ['2026-02-12T02:00:00.000Z', correct('codes.B', 'BP01')],
    [
      '2026-02-13T02:00:00.000Z',
      {
        type: 'complaint.extended',
        payload: {
          reason: '需调查',
          newDueDate: '2026-03-20',
          noticeChannel: 'phone',
          noticeAt: '2026-02-13T10:00:00+08:00',
        },
      },
    ],
  ]),
  complaint('b2', '2026-03-03T01:00:00.000Z', { codes: { A: 'A0102', B: 'B03P1', C: 'CP05' } }, [
    ['2026-03-03T03:00:00.000Z', ack],
    ['2026-03-05T02:00:00.000Z', reply('2026-03-05T10:00:00+08:00')],
  ]),
  complaint('b2', '2026-03-31T15:30:00.000Z', { codes: {} }, [
    ['2026-04-01T01:00:00.000Z', correct('codes.A', 'A0101')],
  ]),
  complaint('b1', '2025-12-31T15:30:00.000Z', { codes: { A: 'A02', B: 'B02', C: 'C04' } }),
  complaint('b2', '2026-04-02T02:00:00.000Z', { codes: { A: 'A02', B: 'B02', C: 'C04' } }),
]
const Q1 = {
  branchIds: ['b1', 'b2'],
  from: '2025-12-31T16:00:00.000Z',
  to: '2026-03-31T16:00:00.000Z',
  now: new Date('2026-05-01T00:00:00Z'),
}

const find = (r: CodeReport, d: 'A' | 'B' | 'C', code: string) =>
  r.dimensions[d].rows.find((x) => x.code === code)!.figures

describe.each(BACKENDS)('the report by JR/T 0169 code on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let headers: Record<string, string>
  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    for (const events of QUARTER) {
      const branchId = events[0]!.branchId as Branch
      const results = await ingestEvents(
        db,
        { deviceId: TABLET[branchId].deviceId, branchId },
        events as unknown as Record<string, unknown>[],
      )
      expect(results.every((r) => r.status === 'accepted')).toBe(true)
    }
    app = await buildApp({ db, distDir: '/nonexistent' })
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.3.0.1',
      payload: { username: 'root', password: PASSWORD },
    })
    headers = { authorization: `Bearer ${signIn.json().token}` }
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('counts the hand-counted quarter at every level, by branch and month, with old complaints mapped', async () => {
    const r = await codeReport(db, Q1, DEFAULT_TAXONOMY)
    expect(r.total).toBe(6)
    expect(r.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(find(r, 'A', 'A01')).toMatchObject({
      total: 6,
      byBranch: { b1: 4, b2: 2 },
      byMonth: { '2026-01': 2, '2026-02': 2, '2026-03': 2 },
    })
    expect(find(r, 'A', 'A0101')).toMatchObject({ total: 2, byBranch: { b1: 1, b2: 1 } })
    expect(find(r, 'A', 'A0103').total).toBe(1)
    expect(find(r, 'A', 'A01033').total).toBe(1)
    expect(find(r, 'A', 'A0199')).toMatchObject({ total: 2, byMonth: { '2026-02': 2 } })
    expect(find(r, 'A', 'A02').total).toBe(0)
    expect(r.dimensions.A.unclassified.total).toBe(0)

    expect(find(r, 'B', 'B01')).toMatchObject({ total: 2, firstResponseOnTime: 2, replyOnTime: 1, overdue: 1 })
    expect(find(r, 'B', 'B03')).toMatchObject({
      total: 2,
      byBranch: { b1: 1, b2: 1 },
      byMonth: { '2026-01': 1, '2026-03': 1 },
    })
    expect(find(r, 'B', 'BP01')).toMatchObject({ total: 1, extended: 1, overdue: 1 })
    expect(find(r, 'B', 'B99').total).toBe(0)
    expect(r.dimensions.B.unclassified).toMatchObject({ total: 1, byBranch: { b2: 1 }, overdue: 1 })

    expect(find(r, 'C', 'C01')).toMatchObject({
      total: 3,
      firstResponseOnTime: 2,
      replyOnTime: 1,
      overdue: 2,
      extended: 1,
    })
    expect(find(r, 'C', 'C03')).toMatchObject({ total: 1, firstResponseOnTime: 0, overdue: 1 })
    expect(find(r, 'C', 'CP05')).toMatchObject({ total: 1, firstResponseOnTime: 1, replyOnTime: 1, overdue: 0 })
    // Every dimension accounts for every complaint once, at its top level.
    for (const d of ['A', 'B', 'C'] as const) {
      const top = r.dimensions[d].rows.filter((x) => x.level === 1).reduce((n, x) => n + x.figures.total, 0)
      expect(top + r.dimensions[d].unclassified.total).toBe(6)
    }
    expect(r.legacy).toEqual(
      expect.arrayContaining([
        { category: 'deposits', cause: 'waiting', total: 1, codes: { A: 'A0199', B: 'B01', C: 'C01' } },
        { category: 'fees', cause: 'attitude', total: 1, codes: { A: 'A0199', B: 'B99', C: 'C01' } },
      ]),
    )
  })

  it('exports the quarter as a workbook whose sheets carry the same figures, the mapping and the register', async () => {
    const res = await app.inject({ url: '/api/reports/codes.xlsx?from=2026-01-01&to=2026-03-31', headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      'A 投诉业务办理渠道',
      'B 投诉业务类别',
      'C 投诉原因',
      '旧分类映射',
      '登记簿',
    ])
    const sheet = wb.getWorksheet('B 投诉业务类别')!
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1))
    expect(rows[0]).toEqual([
      '代码',
      '层级',
      '名称',
      '合计',
      '人民路支行',
      '中山路支行',
      '2026-01',
      '2026-02',
      '2026-03',
      '按时首次响应',
      '按时答复',
      '逾期未办结',
      '延期',
      '备注',
    ])
    const byCode = (code: string) => rows.find((r) => r[0] === code)!
    expect(byCode('B03').slice(0, 9)).toEqual(['B03', 1, '银行卡', 2, 1, 1, 1, 0, 1])
    expect(byCode('B03P2').slice(0, 4)).toEqual(['B03P2', 2, '　信用卡', 1])
    expect(byCode('BP01').at(-1)).toContain('代码待核')
    expect(rows.find((r) => r[2] === '未分类')!.slice(3, 6)).toEqual([1, 0, 1])
    expect(rows.at(-1)!.slice(2, 4)).toEqual(['合计', 6])

    const register = wb
      .getWorksheet('登记簿')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1))
    expect(register).toHaveLength(7)
    // Named as the customer was told: complaints recorded before case numbers by the end of their id.
    expect(register[0]![0]).toBe('投诉编号')
    expect(register.slice(1).every((r) => /^[0-9A-F]{8}$/.test(String(r[0])))).toBe(true)
    const old = register.find((r) => r[13] === 'deposits')!
    expect(old.slice(6, 13)).toEqual(['A0199', '其他', 'B01', '人民币储蓄', 'C01', '服务态度及服务质量', '升级映射'])
    const unclassified = register.find((r) => r[2] === '2026-03-31 23:30')!
    expect(unclassified.slice(6, 12)).toEqual(['A0101', '营业现场', '', '未分类', '', '未分类'])
    const mapping = wb
      .getWorksheet('旧分类映射')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1, 7))
    expect(mapping).toContainEqual(['存款业务（deposits）', '等候时间（waiting）', 1, 'A0199', 'B01', 'C01'])
  })

  it('exports the same figures as CSV laid out by code, dimension after dimension', async () => {
    const res = await app.inject({ url: '/api/reports/codes.csv?from=2026-01-01&to=2026-03-31&branch=b1', headers })
    expect(res.statusCode).toBe(200)
    const lines = res.body.replace('\uFEFF', '').trim().split('\r\n')
    expect(lines[0]).toBe(
      '"维度","代码","层级","名称","合计","人民路支行","2026-01","2026-02","2026-03","按时首次响应","按时答复","逾期未办结","延期","备注"',
    )
    expect(lines).toContain('"A 投诉业务办理渠道","A0199","2","　其他","2","2","0","2","0","1","0","2","1",""')
    expect(lines).toContain('"C 投诉原因","","","合计","4","","","","","","","","",""')
  })

  it('counts a retired code under its successor, and an old complaint under a reviewed mapping at once', async () => {
    const amended = {
      ...DEFAULT_TAXONOMY,
      codes: [
        ...JRT_0169_2018.map((e) => (e.code === 'BP01' ? { ...e, retired: true, replacedBy: 'B06' } : e)),
        { code: 'B06', zh: '外汇', en: 'Foreign exchange' },
      ],
      mapping: {
        ...DEFAULT_TAXONOMY.mapping,
        categories: { ...DEFAULT_TAXONOMY.mapping.categories, deposits: { B: 'B02' } },
      },
    }
    const put = await app.inject({ method: 'PUT', url: '/api/settings/taxonomy', headers, payload: amended })
    expect(put.statusCode).toBe(200)
    const r = await answer(app, reportCodesRoute, { query: { from: '2026-01-01', to: '2026-03-31' }, headers })
    expect(find(r, 'B', 'B06').total).toBe(1)
    expect(r.dimensions.B.rows.find((x) => x.code === 'BP01')).toBeUndefined()
    expect(find(r, 'B', 'B02').total).toBe(1)
    expect(find(r, 'B', 'B01').total).toBe(1)

    const removed = await app.inject({
      method: 'PUT',
      url: '/api/settings/taxonomy',
      headers,
      payload: { ...amended, codes: amended.codes.filter((e) => e.code !== 'A02') },
    })
    expect(removed.statusCode).toBe(409)
    expect(removed.json()).toMatchObject({
      error: 'code_changed',
      message: expect.stringContaining('A02 (中、后台业务渠道) was removed'),
    })
    const taxonomy = await app.inject({ url: '/api/settings/taxonomy', headers })
    expect(taxonomy.json().codes.find((e: { code: string }) => e.code === 'B06')).toBeDefined()
  })
})
