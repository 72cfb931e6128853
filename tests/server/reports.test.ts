import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { summaryReport } from '../../src/server/reports/summaryReport'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { reportRegisterRoute, reportSummaryRoute } from '@/domain/api/reportApi'
import { answer, expectContract } from './contract'
import { PASSWORD, seedBank } from './fixtures'

const actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
function complaint(
  receivedAt: string,
  recorded: Partial<typeof RECORDED>,
  later: [string, EventDraft][],
): ComplaintEvent[] {
  const complaintId = newId()
  const at = (iso: string, d: EventDraft): ComplaintEvent =>
    ({
      id: newId(),
      complaintId,
      branchId: 'b1',
      v: 1,
      hlc: encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'tab-b1' }),
      actor,
      ...d,
    }) as ComplaintEvent
  return [
    at(receivedAt, { type: 'complaint.recorded', payload: { ...RECORDED, ...recorded, receivedAt } }),
    ...later.map(([iso, d]) => at(iso, d)),
  ]
}
const contact = (contactedAt: string): EventDraft => ({
  type: 'customer.contacted',
  payload: { channel: 'sms', purpose: 'reply', content: '答复', contactedAt },
})

/** A hand-computed fixture: the expected figures are worked out in the comments. */
const FIXTURE = [
  // C1: cards/process, valid, answered within 1 h, replied 5 March, satisfied, closed after 72 h; mood 1 → 4.
  complaint('2026-03-02T01:00:00.000Z', { category: 'cards', cause: 'process' }, [
    ['2026-03-02T02:00:00.000Z', { type: 'complaint.acknowledged', payload: {} }],
    ['2026-03-02T02:10:00.000Z', { type: 'script.moodRecorded', payload: { phase: 'start', mood: 1 } }],
    ['2026-03-02T02:20:00.000Z', { type: 'script.moodRecorded', payload: { phase: 'end', mood: 4 } }],
    ['2026-03-02T03:00:00.000Z', { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }],
    ['2026-03-05T01:00:00.000Z', contact('2026-03-05T09:00:00+08:00')],
    ['2026-03-05T02:00:00.000Z', { type: 'complaint.resolved', payload: { summary: '已处理' } }],
    ['2026-03-05T02:30:00.000Z', { type: 'opinion.recorded', payload: { opinion: 'satisfied' } }],
    ['2026-03-05T01:00:00.000Z', { type: 'note.added', payload: { text: '—' } }],
    ['2026-03-05T01:00:00.001Z', { type: 'complaint.closed', payload: {} }],
  ]),
  // C2: a suggestion about facilities, first answered after 30 h (late), extended, never replied: overdue by May.
  complaint(
    '2026-03-03T01:00:00.000Z',
    { kind: 'suggestion', category: 'facilities', cause: undefined, customer: { name: '周', phone: '13900000000' } },
    [
      ['2026-03-04T07:00:00.000Z', { type: 'validity.judged', payload: { verdict: 'suggestion', reason: '建议' } }],
      [
        '2026-03-04T08:00:00.000Z',
        {
          type: 'complaint.extended',
          payload: {
            reason: '需改造',
            newDueDate: '2026-04-10',
            noticeChannel: 'phone',
            noticeAt: '2026-03-04T16:00:00+08:00',
          },
        },
      ],
    ],
  ),
  // C3: fees/pricing, a major group of 25 from C1's phone (a repeat complainant), valid within 2 h, replied, closed, reopened.
  complaint(
    '2026-03-04T01:00:00.000Z',
    { category: 'fees', cause: 'pricing', group: { size: 25, representatives: [] } },
    [
      ['2026-03-04T03:00:00.000Z', { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }],
      ['2026-03-06T01:00:00.000Z', contact('2026-03-06T09:00:00+08:00')],
      ['2026-03-06T02:00:00.000Z', { type: 'complaint.resolved', payload: { summary: '退费' } }],
      ['2026-03-06T03:00:00.000Z', { type: 'complaint.closed', payload: {} }],
      ['2026-03-09T01:00:00.000Z', { type: 'complaint.reopened', payload: { reason: '又来了' } }],
    ],
  ),
  // C5: cards/staff, answered within 1 h, valid; the reply came on 30 March, after the first limit (15 working days:
  // 26 March) but within the extension to 3 April the customer was told of: extended and replied on time; closed
  // 25 days 2 h after receipt (602 h).
  complaint(
    '2026-03-05T01:00:00.000Z',
    {
      category: 'cards',
      cause: 'staff',
      customer: { name: '吴', phone: '13700000000', consentSms: true, consentPhone: true },
    },
    [
      ['2026-03-05T02:00:00.000Z', { type: 'complaint.acknowledged', payload: {} }],
      ['2026-03-05T03:00:00.000Z', { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }],
      [
        '2026-03-10T01:00:00.000Z',
        {
          type: 'complaint.extended',
          payload: {
            reason: '需调取监控',
            newDueDate: '2026-04-03',
            noticeChannel: 'sms',
            noticeAt: '2026-03-10T09:00:00+08:00',
          },
        },
      ],
      ['2026-03-30T01:00:00.000Z', contact('2026-03-30T09:00:00+08:00')],
      ['2026-03-30T02:00:00.000Z', { type: 'complaint.resolved', payload: { summary: '已致歉' } }],
      ['2026-03-30T03:00:00.000Z', { type: 'complaint.closed', payload: {} }],
    ],
  ),
  // C4: received in April, outside the range.
  complaint('2026-04-20T01:00:00.000Z', {}, []),
]

describe.each(BACKENDS)('reports on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    for (const events of FIXTURE)
      await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, events as unknown as Record<string, unknown>[])
    app = await buildApp({ db, distDir: '/nonexistent' })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('computes the figures of the hand-worked fixture in SQL, the rule’s clocks apart from the bank’s', async () => {
    const r = await summaryReport(db, {
      branchIds: ['b1'],
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
      now: new Date('2026-05-01T00:00:00Z'),
    })
    expect(r).toMatchObject({
      total: 4,
      complaints: 3,
      suggestions: 1,
      valid: 3,
      invalid: 0,
      clocks: {
        // Art. 18: C1 and C5 told in time; C2 (held to 30 days, 2 April: its 10 April had no superior approval) and
        // C3's new facts (15 days from 9 March: 24 March) never told.
        regulatory: { source: 'rule', decided: 4, onTime: 2, late: 2 },
        review: { source: 'rule', decided: 0, onTime: 0, rate: null },
        // The first contact by when it happened: C1, C5 within the hour; C2's extension notice after 31 h; C3's decision
        // notice after 48 h (judging validity is no contact with the customer).
        firstResponse: { source: 'bank', decided: 4, onTime: 2 },
        // Nobody told the decision, or the delay and its reason, within 24 hours.
        handling: { source: 'bank', decided: 4, onTime: 0 },
        reply: { source: 'bank', decided: 4, onTime: 2 },
      },
      breached: { count: 4 },
      // C2 and C5 extended; C2 and C3 (its new facts unanswered) overdue; C3 reopened on new facts.
      extended: { count: 2 },
      overdue: { count: 2 },
      reopened: 1,
      reviews: 0,
      // 1, 1, 31 and 48 hours.
      medianFirstResponseHours: 16,
      moodStartAvg: 1,
      moodEndAvg: 4,
      opinions: { satisfied: 1 },
      repeatComplainants: { phones: 1, complaints: 2 },
      groupComplaints: 1,
      majorComplaints: 1,
    })
    expect(r.clocks.regulatory.rate).toBeCloseTo(2 / 4)
    expect(r.extended.rate).toBeCloseTo(2 / 4)
    // C1 closed after 72 h, C5 after 602 h; C3's closure was undone by the reopening.
    expect(r.medianClosureHours).toBeCloseTo(337, 3)
    expect(r.byBranch).toEqual([{ branchId: 'b1', total: 4, overdue: 2, extended: 2, breached: 4 }])
    expect(r.byCategoryAndCause).toEqual([
      { category: 'cards', cause: 'process', n: 1 },
      { category: 'cards', cause: 'staff', n: 1 },
      { category: 'facilities', cause: null, n: 1 },
      { category: 'fees', cause: 'pricing', n: 1 },
    ])
  })

  it('rates each clock over the complaints it has decided: one not yet due neither helps nor hurts', async () => {
    // On 6 March only C1 has been told its decision; the others' 15 days have not run out.
    const r = await summaryReport(db, {
      branchIds: ['b1'],
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
      now: new Date('2026-03-06T00:00:00Z'),
    })
    expect(r.clocks.regulatory).toMatchObject({ decided: 1, onTime: 1, rate: 1 })
    expect(r.clocks.reply).toMatchObject({ decided: 1, onTime: 1, rate: 1 })
  })

  it('lets a manager see their branch only, and a supervisor the branches they cover', async () => {
    const token = async (u: string, ip: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: ip,
          payload: { username: u, password: PASSWORD },
        })
      ).json().token as string
    const li = await token('li', '10.2.0.1')
    const wang = await token('wang', '10.2.0.2')
    const zhao = await token('zhao', '10.2.0.3')
    const get = (t: string, qs: string) =>
      app.inject({
        url: `/api/reports/summary?from=2026-03-01&to=2026-03-31${qs}`,
        headers: { authorization: `Bearer ${t}` },
      })
    expect(expectContract(reportSummaryRoute, (await get(li, '')).json()).total).toBe(4)
    expect((await get(li, '&branch=b2')).statusCode).toBe(403)
    expect((await get(wang, '')).json().total).toBe(0)
    const both = await get(zhao, '&branch=b1&branch=b2')
    expect(both.json()).toMatchObject({ branches: ['b1', 'b2'], total: 4 })
    expect((await get(zhao, '')).json()).toMatchObject({ branches: ['b1', 'b2'], total: 4 })
    expect((await get(zhao, '&from=2026-04-01')).statusCode).toBe(400)
    expect((await get(li, '&from=bad')).statusCode).toBe(400)
  })

  it('exports the complaints as CSV that Excel opens with Chinese text intact', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.2.0.9',
      payload: { username: 'li', password: PASSWORD },
    })
    const res = await app.inject({
      url: '/api/reports/complaints.csv?from=2026-03-01&to=2026-03-31',
      headers: { authorization: `Bearer ${signIn.json().token}` },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const bytes = res.rawPayload
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder('utf-8').decode(bytes.subarray(3)).trimEnd().split('\r\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toContain('"受理时间","客户"')
    expect(lines[1]).toContain('"人民路支行"')
    expect(lines[1]).toContain('"王芳"')
  })

  it('exports the figures as CSV, and the register with every reply and proof of notice', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.2.0.10',
      payload: { username: 'zhao', password: PASSWORD },
    })
    const headers = { authorization: `Bearer ${signIn.json().token}` }
    const figures = await app.inject({
      url: '/api/reports/summary.csv?from=2026-03-01&to=2026-03-31&branch=b1',
      headers,
    })
    expect(figures.statusCode).toBe(200)
    expect([...figures.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = new TextDecoder('utf-8').decode(figures.rawPayload.subarray(3)).trimEnd().split('\r\n')
    expect(rows[0]).toBe('"指标","数量","比例"')
    expect(rows).toContain('"延期","2","50.0%"')
    expect(rows).toContain('"监管时限：第十八条 15/30/60 日内告知处理决定（按时 / 应办结）","2 / 4","50.0%"')
    expect(rows).toContain('"行内时限：24 小时内首次响应（按时 / 应办结）","2 / 4","50.0%"')
    const { complaints } = await answer(app, reportRegisterRoute, {
      query: { from: '2026-03-01', to: '2026-03-31' },
      headers,
    })
    expect(complaints.map((c) => c.state.customer.name)).toEqual(['王芳', '周', '王芳', '吴'])
    expect(complaints[3]).toMatchObject({ branchName: '人民路支行', state: { extensions: [{ noticeChannel: 'sms' }] } })
    expect(complaints[3]!.state.contacts).toHaveLength(1)
  })
})
