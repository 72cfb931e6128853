import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent, PushRequest, PushResponse } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import { pushOutbox } from '@/sync'
import type { SyncTransport } from '@/sync'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const RECEIVED = '2026-11-20T09:00:00+08:00'
const at = (iso: string, counter = 0) => encodeHlc({ wall: Date.parse(iso), counter, node: 'tab-b1' })

function recorded(over: Partial<ComplaintEvent> = {}): ComplaintEvent {
  return {
    id: newId(),
    complaintId: newId(),
    branchId: 'b1',
    v: 1,
    hlc: at('2026-11-20T09:05:00+08:00'),
    actor: LI,
    type: 'complaint.recorded',
    payload: { ...RECORDED, receivedAt: RECEIVED },
    ...over,
  } as ComplaintEvent
}
const note = (complaintId: string, hlc: string, text = '客户来电询问进度'): ComplaintEvent =>
  ({
    id: newId(),
    complaintId,
    branchId: 'b1',
    v: 1,
    hlc,
    actor: LI,
    type: 'note.added',
    payload: { text },
  }) as ComplaintEvent

describe.each(BACKENDS)('the centre’s intake on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent' })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const push = async (events: unknown[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: { protocol: 1, events },
    })
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as PushResponse).results
  }
  const storedBody = async (eventId: string) =>
    (await db.query<{ body: ComplaintEvent }>('select body from events where event_id = $1', [eventId])).rows[0]?.body

  it.each([
    ['a NUL in the description', { description: '柜台\u0000服务' }],
    ['a lone surrogate in the customer’s name', { customer: { ...RECORDED.customer, name: '王\ud800芳' } }],
    ['a lone low surrogate in the demand', { demand: '\udc00退款' }],
    ['a receipt in year 0000', { receivedAt: '0000-01-01T00:00:00+08:00' }],
    ['a receipt in year 9999', { receivedAt: '9999-12-31T23:59:00+08:00' }],
  ])('stores the good events of a batch and rejects the one with %s, with its reason', async (_what, bad) => {
    const before = recorded()
    const poisoned = recorded({ payload: { ...RECORDED, receivedAt: RECEIVED, ...bad } } as Partial<ComplaintEvent>)
    const after = recorded()
    const results = await push([before, poisoned, after])
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted'])
    expect(results[1]).toMatchObject({ reason: 'invalid' })
    expect(await storedBody(poisoned.id)).toBeUndefined()
    expect((await storedBody(after.id))?.payload).toMatchObject({ description: RECORDED.description })
  })

  it('keeps a well-formed pair of surrogates (an emoji) intact', async () => {
    const e = recorded({
      payload: { ...RECORDED, receivedAt: RECEIVED, description: '排队太久😡' },
    } as Partial<ComplaintEvent>)
    expect((await push([e]))[0]!.status).toBe('accepted')
    expect((await storedBody(e.id))?.payload).toMatchObject({ description: '排队太久😡' })
  })

  it('refuses clocks in 1970 and 2286 outright, and events dated before their complaint was received', async () => {
    const c = recorded()
    expect((await push([c]))[0]!.status).toBe('accepted')
    const results = await push([
      note(c.complaintId, encodeHlc({ wall: 0, counter: 0, node: 'tab-b1' })),
      note(c.complaintId, encodeHlc({ wall: 9_999_999_999_999, counter: 0, node: 'tab-b1' })),
      note(c.complaintId, at('2026-11-19T09:00:00+08:00')),
      // Made offline days later: old by the time it arrives, but after the receipt.
      note(c.complaintId, at('2026-11-23T15:00:00+08:00')),
    ])
    expect(results.map((r) => (r.status === 'accepted' ? 'accepted' : `${r.status}:${r.reason}`))).toEqual([
      'rejected:invalid',
      'rejected:invalid',
      'rejected:beforeReceipt',
      'accepted',
    ])
    expect(results[0]).toMatchObject({ message: expect.stringContaining('clockOutOfRange') })
  })

  it('defers an event whose clock is ahead of the centre’s time, and stores it once that time has come', async () => {
    const c = recorded()
    await push([c])
    const ahead = note(c.complaintId, encodeHlc({ wall: Date.now() + 2 * 86_400_000, counter: 0, node: 'tab-b1' }))
    expect((await push([ahead]))[0]).toMatchObject({ status: 'deferred', reason: 'clockAhead' })
    expect(await storedBody(ahead.id)).toBeUndefined()
    const [later] = await ingestEvents(
      db,
      { deviceId: 'tab-b1', branchId: 'b1' },
      [ahead as never],
      new Date(Date.now() + 2 * 86_400_000),
    )
    expect(later).toMatchObject({ status: 'accepted' })
  })

  it('refuses a receipt later than the moment it was recorded, and a correction that moves it there', async () => {
    const future = recorded({
      payload: { ...RECORDED, receivedAt: '2026-11-21T09:00:00+08:00' },
    } as Partial<ComplaintEvent>)
    expect((await push([future]))[0]).toMatchObject({ status: 'rejected', reason: 'receivedInFuture' })
    const c = recorded()
    await push([c])
    const corrections = [
      { value: '2026-11-25T09:00:00+08:00', expected: 'rejected' },
      { value: '9999-01-01T09:00:00+08:00', expected: 'rejected' },
      { value: '2026-11-20T08:30:00+08:00', expected: 'accepted' },
    ]
    for (const { value, expected } of corrections) {
      const e = {
        ...note(c.complaintId, at('2026-11-21T10:00:00+08:00')),
        type: 'field.corrected',
        payload: { field: 'receivedAt', value, reason: '录入错误' },
      }
      expect((await push([e]))[0]!.status, value).toBe(expected)
    }
  })

  it('records a complaint once: a second record with an earlier clock does not replace the customer', async () => {
    const c = recorded()
    await push([c])
    const forged = recorded({
      complaintId: c.complaintId,
      hlc: at('2026-11-20T09:01:00+08:00'),
      payload: {
        ...RECORDED,
        receivedAt: RECEIVED,
        customer: { name: '冒名', consentSms: false, consentPhone: false },
        description: '篡改',
      },
    } as Partial<ComplaintEvent>)
    expect((await push([forged]))[0]).toMatchObject({ status: 'rejected', reason: 'alreadyRecorded' })
    const { rows } = await db.query<{ name: string }>(
      `select state->'customer'->>'name' as name from complaints where id = $1`,
      [c.complaintId],
    )
    expect(rows[0]!.name).toBe(RECORDED.customer.name)
    // The genuine record, sent again, is still accepted (a retry is idempotent).
    expect((await push([c]))[0]!.status).toBe('accepted')
  })

  it('a tablet’s outbox moves on past a poisoned event: the rest reaches the centre, the bad one is shown, not resent', async () => {
    const tablet = new ComplaintDb(`intake-${newId()}`)
    await tablet.meta.put({
      key: 'identity',
      value: { deviceId: 'tab-b1', branchId: 'b1', staffId: 'li', staffName: '李经理' },
    })
    const ids = [newId(), newId(), newId()]
    for (const [i, id] of ids.entries()) {
      await commit(tablet, id, [
        {
          type: 'complaint.recorded',
          payload: {
            ...RECORDED,
            receivedAt: new Date(Date.now() - 3600_000).toISOString(),
            description: `第${i + 1}条`,
          },
        },
      ])
    }
    // The middle one is damaged on the tablet (as by a bug or by hand): a NUL the centre's database cannot store.
    const [middle] = await tablet.events.where('complaintId').equals(ids[1]!).toArray()
    await tablet.events.update(middle!.id, { payload: { ...middle!.payload, description: '坏\u0000数据' } as never })
    const transport: SyncTransport = {
      push: async (req: PushRequest) =>
        (
          await app.inject({ method: 'POST', url: '/api/sync/push', headers: bank.auth(bank.tokens.b1), payload: req })
        ).json(),
      pull: async () => {
        throw new Error('not used')
      },
    }
    expect(await pushOutbox(tablet, transport)).toEqual({ accepted: 2, rejected: 1, deferred: 0 })
    const left = await tablet.outbox.toArray()
    expect(left.map((r) => [r.eventId, r.rejected?.reason])).toEqual([[middle!.id, 'invalid']])
    await commit(tablet, ids[0]!, [{ type: 'note.added', payload: { text: '之后的记录照常同步' } }])
    expect(await pushOutbox(tablet, transport)).toEqual({ accepted: 1, rejected: 0, deferred: 0 })
    const stored = await db.query<{ n: number }>(
      'select count(*)::int as n from events where complaint_id = any($1::uuid[])',
      [ids],
    )
    expect(stored.rows[0]!.n).toBe(3)
    await tablet.delete()
  })
})

describe.each(BACKENDS)('who may act in a tablet’s events, on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    await db.query(
      `insert into staff (id, username, name, role, branch_id, password_hash) select 'sun', 'sun', '孙经理', 'manager', 'b1', password_hash from staff where id = 'li'`,
    )
    app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })
  const push = async (events: unknown[]) =>
    (
      (
        await app.inject({
          method: 'POST',
          url: '/api/sync/push',
          headers: bank.auth(bank.tokens.b1),
          payload: { protocol: 1, events },
        })
      ).json() as PushResponse
    ).results
  const by = (
    actor: { staffId: string; staffName: string },
    complaintId: string,
    type: string,
    payload: unknown,
    minutes: number,
  ) =>
    ({
      id: newId(),
      complaintId,
      branchId: 'b1',
      v: 1,
      hlc: at(`2026-11-20T10:${String(minutes).padStart(2, '0')}:00+08:00`),
      actor: { ...actor, deviceId: 'tab-b1' },
      type,
      payload,
    }) as ComplaintEvent
  const ZHAO = { staffId: 'zhao', staffName: '赵主管' }
  const ROOT = { staffId: 'root', staffName: '管理员' }

  it('refuses forged decisions, plans and names while storing the genuine events of the same batch', async () => {
    const c = recorded()
    const request = by(LI, c.complaintId, 'extension.requested', { reason: '需调取录像', newDueDate: '2026-12-20' }, 10)
    const escalated = by(LI, c.complaintId, 'complaint.escalated', { reason: '客户要求赔偿' }, 11)
    expect((await push([c, request, escalated])).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted'])
    const forged = [
      // A lobby manager deciding in a supervisor's name, or recording the supervisor's plan.
      by(
        LI,
        c.complaintId,
        'extension.decided',
        { requestId: request.id, approved: true, comment: '同意', supervisor: ZHAO },
        12,
      ),
      by(LI, c.complaintId, 'supervisor.planRecorded', { plan: '主管同意赔偿', supervisor: ZHAO }, 13),
      // The administrator is no branch's actor.
      by(
        ROOT,
        c.complaintId,
        'extension.decided',
        { requestId: request.id, approved: true, comment: '同意', supervisor: ROOT },
        14,
      ),
      // A real manager of the branch who was never added on this tablet, and a real one under another name.
      by({ staffId: 'sun', staffName: '孙经理' }, c.complaintId, 'note.added', { text: '冒用' }, 15),
      by({ staffId: 'li', staffName: '王五' }, c.complaintId, 'note.added', { text: '改名' }, 16),
    ]
    const genuine = [
      by(LI, c.complaintId, 'note.added', { text: '真实记录' }, 17),
      by(
        ZHAO,
        c.complaintId,
        'extension.decided',
        { requestId: request.id, approved: true, comment: '同意延期', supervisor: ZHAO },
        18,
      ),
    ]
    const results = await push([...forged, ...genuine])
    expect(results.map((r) => (r.status === 'rejected' ? `rejected:${r.reason}` : r.status))).toEqual([
      'rejected:forbidden',
      'rejected:forbidden',
      'rejected:forbidden',
      'rejected:forbidden',
      'rejected:forbidden',
      'accepted',
      'accepted',
    ])
    const { rows } = await db.query<{ type: string }>(
      'select type from events where complaint_id = $1 order by server_seq',
      [c.complaintId],
    )
    expect(rows.map((r) => r.type)).toEqual([
      'complaint.recorded',
      'extension.requested',
      'complaint.escalated',
      'note.added',
      'extension.decided',
    ])
    // The escalation is still open: no plan from a manager closed it.
    const state = (
      await db.query<{ escalation_open: boolean }>('select escalation_open from complaints where id = $1', [
        c.complaintId,
      ])
    ).rows[0]!
    expect(state.escalation_open).toBe(true)
  })

  it('refuses moves whose prerequisite never existed, and times an event gives of itself that cannot be, while the rest is stored', async () => {
    const c = recorded()
    const valid = by(LI, c.complaintId, 'validity.judged', { verdict: 'valid', reason: '属实' }, 10)
    expect((await push([c, valid])).map((r) => r.status)).toEqual(['accepted', 'accepted'])
    const forged = [
      // An extension "approved" by a name typed into it, with no decision behind it.
      by(
        LI,
        c.complaintId,
        'complaint.extended',
        {
          reason: '延期',
          newDueDate: '2026-12-20',
          noticeChannel: 'phone',
          noticeAt: '2026-11-20T10:20:00+08:00',
          approvedBy: ZHAO,
        },
        20,
      ),
      // A decision on a request that was never made.
      by(
        ZHAO,
        c.complaintId,
        'extension.decided',
        { requestId: newId(), approved: true, comment: '同意', supervisor: ZHAO },
        21,
      ),
      // Closed without the decision ever being told.
      by(LI, c.complaintId, 'complaint.closed', {}, 22),
      // A contact dated after the moment it was written, and one before the complaint was received.
      by(
        LI,
        c.complaintId,
        'customer.contacted',
        { channel: 'phone', purpose: 'progress', content: '进展', contactedAt: '2026-11-21T10:00:00+08:00' },
        23,
      ),
      by(
        LI,
        c.complaintId,
        'customer.contacted',
        { channel: 'phone', purpose: 'progress', content: '进展', contactedAt: '2026-11-19T10:00:00+08:00' },
        24,
      ),
    ]
    const genuine = by(
      LI,
      c.complaintId,
      'customer.contacted',
      { channel: 'phone', purpose: 'progress', content: '已告知进展', contactedAt: '2026-11-20T10:20:00+08:00' },
      25,
    )
    const results = await push([...forged, genuine])
    expect(results.map((r) => (r.status === 'rejected' ? `${r.reason}:${r.message}` : r.status))).toEqual([
      'refused:approvalIsAnEvent',
      'refused:noSuchRequest',
      'refused:closeNeedsNotice',
      'refused:timeInFuture',
      'refused:timeBeforeReceipt',
      'accepted',
    ])
    const { rows } = await db.query<{ status: string }>('select status from complaints where id = $1', [c.complaintId])
    expect(rows[0]!.status).toBe('inProgress')
  })

  it('a colleague added on the tablet with their password acts there from then on; an administrator cannot be added', async () => {
    const c = recorded()
    await push([c])
    const note = by({ staffId: 'sun', staffName: '孙经理' }, c.complaintId, 'note.added', { text: '孙经理的记录' }, 20)
    expect((await push([note]))[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' })
    const verify = (username: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/verify-staff',
        headers: bank.auth(bank.tokens.b1),
        payload: { username, password: 'correct horse battery' },
      })
    expect((await verify('sun')).statusCode).toBe(200)
    expect((await push([{ ...note, id: newId() }]))[0]!.status).toBe('accepted')
    const admin = await verify('root')
    expect([admin.statusCode, admin.json().error]).toEqual([403, 'not_branch_staff'])
  })
})
