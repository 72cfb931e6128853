import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId, PROTOCOL_VERSION, pulledEventSchema } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import {
  adminBranchesRoute,
  adminDevicesRoute,
  adminStaffRoute,
  auditRoute,
  settingsHistoryRoute,
} from '@/domain/api/adminApi'
import { complaintRecordRoute, deskComplaintsRoute, deskOverviewRoute, deskQueueRoute } from '@/domain/api/deskApi'
import { reportCodesRoute, reportRegisterRoute, reportSummaryRoute } from '@/domain/api/reportApi'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { answer } from './contract'
import { PASSWORD, seedBank } from './fixtures'

/**
 * Every route of the contract (`src/domain/api/`) that a screen reads, called as the tablet calls it and its answer
 * parsed with the contract's response schema: what the tablet reads as typed is what the server sends.
 */
describe.each(BACKENDS)('the API contract on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  const complaintId = newId()
  const headers: Record<string, Record<string, string>> = {}

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    const receivedAt = new Date(Date.now() - 2 * 86_400_000).toISOString()
    const actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
    const events = [
      {
        id: newId(),
        complaintId,
        branchId: 'b1',
        v: 1,
        hlc: encodeHlc({ wall: Date.now() - 60_000, counter: 0, node: 'tab-b1' }),
        actor,
        type: 'complaint.recorded',
        payload: { ...RECORDED, receivedAt },
      },
      {
        id: newId(),
        complaintId,
        branchId: 'b1',
        v: 1,
        hlc: encodeHlc({ wall: Date.now() - 30_000, counter: 0, node: 'tab-b1' }),
        actor,
        type: 'complaint.escalated',
        payload: { reason: '客户要求赔偿' },
      },
    ] as ComplaintEvent[]
    const results = await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, events as never)
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted'])
    app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
    for (const [i, who] of ['zhao', 'root'].entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: `10.9.0.${i}`,
        payload: { username: who, password: PASSWORD },
      })
      headers[who] = { authorization: `Bearer ${res.json().token}` }
    }
    // A version of a setting, for its history.
    await app.inject({
      method: 'PUT',
      url: '/api/settings/sms',
      headers: headers.root,
      payload: { 'zh-CN': [], en: [] },
    })
  }, 180_000)
  afterAll(async () => {
    await app?.close()
    await db?.close()
  })

  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  const range = { from: '2020-01-01', to: today }

  it('the desk and a complaint’s record', async () => {
    const zhao = headers.zhao!
    expect((await answer(app, deskOverviewRoute, { headers: zhao })).branches.map((b) => b.branchId)).toEqual([
      'b1',
      'b2',
    ])
    expect((await answer(app, deskQueueRoute, { headers: zhao })).items.map((i) => i.complaintId)).toEqual([
      complaintId,
    ])
    expect(
      (await answer(app, deskComplaintsRoute, { query: { branch: 'b1' }, headers: zhao })).complaints.map((c) => c.id),
    ).toEqual([complaintId])
    expect((await answer(app, complaintRecordRoute, { params: { id: complaintId }, headers: zhao })).complaint.id).toBe(
      complaintId,
    )
  })

  it('the reports', async () => {
    const zhao = headers.zhao!
    expect(
      (await answer(app, reportSummaryRoute, { query: { ...range, branch: ['b1', 'b2'] }, headers: zhao })).total,
    ).toBe(1)
    expect((await answer(app, reportRegisterRoute, { query: range, headers: zhao })).complaints).toHaveLength(1)
    expect((await answer(app, reportCodesRoute, { query: { ...range, branch: 'b1' }, headers: zhao })).total).toBe(1)
  })

  it('the console', async () => {
    const root = headers.root!
    expect((await answer(app, adminBranchesRoute, { headers: root })).branches.map((b) => b.id)).toEqual(['b1', 'b2'])
    expect((await answer(app, adminStaffRoute, { headers: root })).staff.find((s) => s.id === 'qian')).toMatchObject({
      approvalLevel: 'superior',
      coveredBranchIds: ['b1', 'b2'],
    })
    expect((await answer(app, adminDevicesRoute, { headers: root })).devices).toHaveLength(2)
    expect((await answer(app, auditRoute, { query: { action: 'settings' }, headers: root })).entries).toHaveLength(1)
    expect((await answer(app, settingsHistoryRoute, { params: { key: 'sms' }, headers: root })).versions).toHaveLength(
      1,
    )
  })

  it('the tablet’s pull: every event is one the shared event schema reads', async () => {
    const res = await app.inject({
      url: `/api/sync/pull?protocol=${PROTOCOL_VERSION}&after=0`,
      headers: bank.auth(bank.tokens.b1),
    })
    expect(res.statusCode).toBe(200)
    const events = pulledEventSchema.array().parse(res.json().events)
    expect(events.map((e) => e.type)).toEqual(['complaint.recorded', 'complaint.escalated'])
  })
})
