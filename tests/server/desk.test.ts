import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, encodeHlc, hlcWallMs, newId } from '@/domain'
import type { Actor, ComplaintEvent, EventDraft } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { answer } from './contract'
import { PASSWORD, seedBank } from './fixtures'
import { deskComplaintsRoute, deskEventRoute, deskOverviewRoute, deskQueueRoute } from '@/domain/api/deskApi'
import { reportSummaryRoute } from '@/domain/api/reportApi'

const li: Actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const wang: Actor = { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' }
const zhao: Actor = { staffId: 'zhao', staffName: '赵主管', deviceId: 'desk-zhao' }
const qian: Actor = { staffId: 'qian', staffName: '钱总', deviceId: 'desk-qian' }

/** One clock for the whole file: every event is stamped after the one made before it. */
let wall = Date.now() - 3_600_000
function events(branchId: string, actor: Actor, drafts: EventDraft[], complaintId = newId()): ComplaintEvent[] {
  return drafts.map(
    (d) =>
      ({
        id: newId(),
        complaintId,
        branchId,
        v: 1,
        hlc: encodeHlc({ wall: (wall += 1000), counter: 0, node: actor.deviceId }),
        actor,
        ...d,
      }) as ComplaintEvent,
  )
}
const recorded = (receivedAt: string): EventDraft => ({
  type: 'complaint.recorded',
  payload: { ...RECORDED, receivedAt },
})
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10)
/** Told within the 24 hours that handling it takes longer, and why: the 24-hour clocks are met. */
const toldOfDelay = (contactedAt: string): EventDraft => ({
  type: 'customer.contacted',
  payload: { channel: 'phone', purpose: 'extensionNotice', content: '需核查，稍后答复', contactedAt },
})

describe.each(BACKENDS)('the supervisor’s desk on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let request: ComplaintEvent
  const tokens: Record<string, string> = {}
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` })

  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    // b1: one extension request waiting (within 30 days: a supervisor may approve), one escalation, one overdue
    // (received 40 days ago, untouched); b2: one fresh, its first response due within the next working day.
    const withRequest = events('b1', li, [
      recorded(daysAgo(2)),
      toldOfDelay(daysAgo(1.9)),
      { type: 'extension.requested', payload: { reason: '需总行核查', newDueDate: inDays(20) } },
    ])
    request = withRequest[2]!
    await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, withRequest as never)
    await ingestEvents(
      db,
      { deviceId: 'tab-b1', branchId: 'b1' },
      events('b1', li, [
        recorded(daysAgo(1)),
        toldOfDelay(daysAgo(0.9)),
        { type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } },
      ]) as never,
    )
    await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, events('b1', li, [recorded(daysAgo(40))]) as never)
    await ingestEvents(
      db,
      { deviceId: 'tab-b2', branchId: 'b2' },
      events('b2', wang, [recorded(daysAgo(0.1))]) as never,
    )
    app = await buildApp({ db, distDir: '/nonexistent' })
    for (const [i, u] of ['li', 'wang', 'zhao'].entries()) {
      tokens[u] = (
        await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: `10.3.0.${i}`,
          payload: { username: u, password: PASSWORD },
        })
      ).json().token
    }
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('shows a supervisor open, overdue and waiting complaints by branch, and a manager only their own', async () => {
    const overview = (await answer(app, deskOverviewRoute, { headers: as('zhao') })).branches
    expect(overview).toEqual([
      { branchId: 'b1', name: '人民路支行', open: 3, overdue: 1, dueSoon: 0, escalated: 1, approvalPending: 1 },
      { branchId: 'b2', name: '中山路支行', open: 1, overdue: 0, dueSoon: 1, escalated: 0, approvalPending: 0 },
    ])
    expect(
      (await app.inject({ url: '/api/desk/overview', headers: as('wang') }))
        .json()
        .branches.map((b: { branchId: string }) => b.branchId),
    ).toEqual(['b2'])
    const overdue = await answer(app, deskComplaintsRoute, {
      query: { branch: 'b1', filter: 'overdue' },
      headers: as('zhao'),
    })
    expect(overdue.complaints).toHaveLength(1)
    expect((await app.inject({ url: '/api/desk/complaints?branch=b1', headers: as('wang') })).statusCode).toBe(403)
  })

  it('queues the extension request and the escalation for the supervisor, not for a manager', async () => {
    const items = (await answer(app, deskQueueRoute, { headers: as('zhao') })).items
    expect(
      items.map((i: { kind: string; reason: string; branchName: string }) => [i.kind, i.reason, i.branchName]),
    ).toEqual([
      ['extension', '需总行核查', '人民路支行'],
      ['escalation', '客户要求赔偿', '人民路支行'],
    ])
    expect((await app.inject({ url: '/api/desk/queue', headers: as('li') })).statusCode).toBe(403)
  })

  it('stores a supervisor’s decision for the branch’s tablets to pull, once, and refuses a second one', async () => {
    const decide = (approved: boolean, actor = zhao) =>
      events(
        'b1',
        actor,
        [
          {
            type: 'extension.decided',
            payload: {
              requestId: request.id,
              approved,
              comment: '同意',
              supervisor: { staffId: actor.staffId, staffName: actor.staffName },
            },
          },
        ],
        request.complaintId,
      )[0]!
    const decision = decide(true)
    // In someone else's name: refused.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/desk/events',
          headers: as('zhao'),
          payload: { event: decide(true, li) },
        })
      ).statusCode,
    ).toBe(403)
    const ok = await answer(app, deskEventRoute, { body: { event: decision }, headers: as('zhao') })
    expect(ok.result.id).toBe(decision.id)
    // A retry of the same event is accepted again and stores nothing twice; another decision is refused.
    expect(
      (await app.inject({ method: 'POST', url: '/api/desk/events', headers: as('zhao'), payload: { event: decision } }))
        .statusCode,
    ).toBe(200)
    const again = await app.inject({
      method: 'POST',
      url: '/api/desk/events',
      headers: as('zhao'),
      payload: { event: decide(false) },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('alreadyDecided')
    const pulled = await app.inject({
      url: '/api/sync/pull?protocol=1&after=0',
      headers: { authorization: 'Bearer tablet-token-b1-aaaaaaaaaaaaaaaa' },
    })
    expect(
      pulled
        .json()
        .events.filter((e: ComplaintEvent) => e.type === 'extension.decided')
        .map((e: ComplaintEvent) => e.id),
    ).toEqual([decision.id])
    const queue = (await app.inject({ url: '/api/desk/queue', headers: as('zhao') })).json().items
    expect(queue.map((i: { kind: string }) => i.kind)).toEqual(['escalation'])
  })

  it('lets only a superior office’s or head-office approver approve past 30 days (Art. 18)', async () => {
    const [asked] = events(
      'b1',
      li,
      [{ type: 'extension.requested', payload: { reason: '特别复杂，需境外协查', newDueDate: inDays(45) } }],
      newId(),
    )
    const complaint = events('b1', li, [recorded(daysAgo(3)), toldOfDelay(daysAgo(2.9))], asked!.complaintId)
    await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, [...complaint, asked] as never)
    const queue = (await app.inject({ url: '/api/desk/queue', headers: as('zhao') })).json().items
    expect(queue.find((i: { requestId?: string }) => i.requestId === asked!.id)).toMatchObject({ needs: 'superior' })
    const decide = (actor: Actor, level: 'supervisor' | 'superior') =>
      events(
        'b1',
        actor,
        [
          {
            type: 'extension.decided',
            payload: {
              requestId: asked!.id,
              approved: true,
              comment: '同意',
              supervisor: { staffId: actor.staffId, staffName: actor.staffName },
              level,
            },
          },
        ],
        asked!.complaintId,
      )[0]!
    tokens.qian = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.3.0.9',
        payload: { username: 'qian', password: PASSWORD },
      })
    ).json().token
    // The supervisor's own level does not allow it, and claiming the superior's is refused too.
    const asSupervisor = await app.inject({
      method: 'POST',
      url: '/api/desk/events',
      headers: as('zhao'),
      payload: { event: decide(zhao, 'supervisor') },
    })
    expect([asSupervisor.statusCode, asSupervisor.json().message]).toEqual([409, 'approvalNeedsSuperior'])
    const claimed = await app.inject({
      method: 'POST',
      url: '/api/desk/events',
      headers: as('zhao'),
      payload: { event: decide(zhao, 'superior') },
    })
    expect([claimed.statusCode, claimed.json().message]).toEqual([409, 'approvalNeedsSuperior'])
    // Pushed from a tablet in the supervisor's name with the superior's level: the centre knows better.
    const [pushed] = await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, [
      { ...decide(zhao, 'superior'), actor: { ...zhao, deviceId: 'tab-b1' } },
    ] as never)
    expect(pushed).toMatchObject({ status: 'rejected', reason: 'forbidden' })
    const ok = await app.inject({
      method: 'POST',
      url: '/api/desk/events',
      headers: as('qian'),
      payload: { event: decide(qian, 'superior') },
    })
    expect(ok.statusCode).toBe(200)
  })

  it('rejects a decision pushed by a tablet in a lobby manager’s name', async () => {
    const [e] = events(
      'b1',
      li,
      [{ type: 'extension.requested', payload: { reason: '另一项', newDueDate: '2030-01-01' } }],
      newId(),
    )
    const [d] = events(
      'b1',
      li,
      [
        {
          type: 'extension.decided',
          payload: {
            requestId: e!.id,
            approved: true,
            comment: '自批',
            supervisor: { staffId: 'li', staffName: '李经理' },
          },
        },
      ],
      request.complaintId,
    )
    const [result] = await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, [d] as never)
    expect(result).toMatchObject({ status: 'rejected', reason: 'forbidden' })
  })

  it('answers bad desk input with 400, never 500', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/desk/events',
          headers: as('zhao'),
          payload: { event: { type: 'nope' } },
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (await app.inject({ method: 'POST', url: '/api/desk/events', headers: as('zhao'), payload: { event: 'x' } }))
        .statusCode,
    ).toBe(400)
    // Stamped before the request it would answer: folded before it, it would be lost.
    const stale = {
      ...events('b1', zhao, [{ type: 'note.added', payload: { text: '主管已阅' } }], request.complaintId)[0]!,
      hlc: encodeHlc({ wall: hlcWallMs(request.hlc) - 1, counter: 0, node: 'desk-zhao' }),
    }
    const refused = await app.inject({
      method: 'POST',
      url: '/api/desk/events',
      headers: as('zhao'),
      payload: { event: stale },
    })
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'stale_clock'])
    expect(
      (await app.inject({ url: '/api/desk/complaints?branch=b1&after=garbage', headers: as('zhao') })).statusCode,
    ).toBe(400)
  })

  it('follows a change of the deadline policy at once: the desk and the report move for open complaints', async () => {
    const root = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.3.0.9',
        payload: { username: 'root', password: PASSWORD },
      })
    ).json().token as string
    const b2 = async () =>
      (await app.inject({ url: '/api/desk/overview', headers: as('zhao') }))
        .json()
        .branches.find((b: { branchId: string }) => b.branchId === 'b2')
    const reportOverdue = async () =>
      (
        await answer(app, reportSummaryRoute, {
          query: { from: '2020-01-01', to: '2100-12-31', branch: 'b2' },
          headers: as('zhao'),
        })
      ).overdue.count
    expect([(await b2()).overdue, await reportOverdue()]).toEqual([0, 0])
    // The bank tightens the first response from 24 hours to 1: the complaint received 2.4 hours ago is now late.
    const current = (await app.inject({ url: '/api/settings', headers: as('zhao') })).json().policy ?? {}
    const policy = { ...DEFAULT_POLICY, ...current, firstResponseHours: 1 }
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/settings/policy',
          headers: { authorization: `Bearer ${root}` },
          payload: policy,
        })
      ).statusCode,
    ).toBe(200)
    await expect.poll(async () => (await b2()).overdue, { timeout: 20_000 }).toBe(1)
    expect(await reportOverdue()).toBe(1)
    await app.inject({
      method: 'PUT',
      url: '/api/settings/policy',
      headers: { authorization: `Bearer ${root}` },
      payload: { ...policy, firstResponseHours: 24 },
    })
    await expect.poll(async () => (await b2()).overdue, { timeout: 20_000 }).toBe(0)
  })
})
