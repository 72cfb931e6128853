import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { Actor, ComplaintEvent, EventDraft } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { deskOverview } from '../../src/server/desk/deskOverview'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { PROJECTION_VERSION } from '../../src/server/sync/projectComplaints'
import { reprojectStale } from '../../src/server/sync/reprojectComplaints'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

const li: Actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const cn = (t: string) => Date.parse(`${t.replace(' ', 'T')}:00+08:00`)
function complaint(received: string, later: [string, EventDraft][] = []): ComplaintEvent[] {
  const complaintId = newId()
  const at = (t: string, d: EventDraft) =>
    ({
      id: newId(),
      complaintId,
      branchId: 'b1',
      v: 1,
      hlc: encodeHlc({ wall: cn(t), counter: 0, node: li.deviceId }),
      actor: li,
      ...d,
    }) as ComplaintEvent
  return [
    at(received, {
      type: 'complaint.recorded',
      payload: { ...RECORDED, receivedAt: new Date(cn(received)).toISOString() },
    }),
    ...later.map(([t, d]) => at(t, d)),
  ]
}
const toldOfDelay = (t: string): [string, EventDraft] => [
  t,
  {
    type: 'customer.contacted',
    payload: {
      channel: 'phone',
      purpose: 'extensionNotice',
      content: '需核查',
      contactedAt: new Date(cn(t)).toISOString(),
    },
  },
]

describe.each(BACKENDS)('the server’s clocks on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  // Received 23 September: its 15 days end on 8 October, the first working day after National Day.
  const beforeHoliday = complaint('2026-09-23 10:00', [toldOfDelay('2026-09-23 11:00')])
  const id = beforeHoliday[0]!.complaintId
  const push = (events: ComplaintEvent[]) =>
    ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, events as unknown as Record<string, unknown>[])
  const row = async () =>
    (
      await db.query<{
        due_at: Date | null
        due_clock: string | null
        regulatory_due: Date | null
        projection_version: number
      }>('select due_at, due_clock, regulatory_due, projection_version from complaints where id = $1', [id])
    ).rows[0]!

  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    await push(beforeHoliday)
    app = await buildApp({ db, distDir: '/nonexistent' })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('stores the binding deadline with its clock, by the same domain function the tablets use', async () => {
    const r = await row()
    expect(r.due_clock).toBe('regulatory')
    expect(new Date(r.due_at!).toISOString()).toBe(new Date(cn('2026-10-08 23:59') + 59_999).toISOString())
    expect(r.projection_version).toBe(PROJECTION_VERSION)
  })

  it('counts as due soon on 30 September a deadline on 8 October, the next working day (not 72 hours)', async () => {
    const [b1] = await deskOverview(db, [{ id: 'b1', name: '人民路支行' }], { now: new Date(cn('2026-09-30 10:00')) })
    expect(b1).toMatchObject({ open: 1, overdue: 0, dueSoon: 1 })
    const [later] = await deskOverview(db, [{ id: 'b1', name: '人民路支行' }], {
      now: new Date(cn('2026-10-09 00:01')),
    })
    expect(later).toMatchObject({ overdue: 1, dueSoon: 0 })
  })

  it('recomputes rows an older server projected, once, at start', async () => {
    await db.query(
      'update complaints set projection_version = 0, due_clock = null, regulatory_due = null where id = $1',
      [id],
    )
    expect(await reprojectStale(db)).toBe(1)
    expect(await row()).toMatchObject({ due_clock: 'regulatory', projection_version: PROJECTION_VERSION })
    expect(await reprojectStale(db)).toBe(0)
  })

  it('moves the open complaints’ deadlines when the centre changes the calendar', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.9.0.1',
      payload: { username: 'root', password: PASSWORD },
    })
    const res = await app.inject({
      method: 'PUT',
      url: '/api/settings/calendar',
      headers: { authorization: `Bearer ${signIn.json().token}` },
      payload: { entries: [{ date: '2026-10-08', kind: 'holiday', name: '地方假日' }], publishedYears: [] },
    })
    expect(res.statusCode).toBe(200)
    expect(new Date((await row()).regulatory_due!).toISOString()).toBe(
      new Date(cn('2026-10-09 23:59') + 59_999).toISOString(),
    )
  })

  it('gives the superior approval level centrally, and a tablet learns it with the staff member', async () => {
    const admin = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.9.0.2',
        payload: { username: 'root', password: PASSWORD },
      })
    ).json().token
    const zhao = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.9.0.3',
        payload: { username: 'zhao', password: PASSWORD },
      })
    ).json().token
    // In the console's staff form: the approval level beside the role and branches.
    const set = (token: string, approvalLevel: string, id = 'zhao') =>
      app.inject({
        method: 'PATCH',
        url: `/api/staff/${id}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { name: '赵主管', role: 'supervisor', branchId: 'b1', coveredBranchIds: ['b2'], approvalLevel },
      })
    expect((await set(zhao, 'superior')).statusCode).toBe(403)
    expect((await set(admin, 'superior')).json()).toMatchObject({ staff: { id: 'zhao', approvalLevel: 'superior' } })
    const verified = await app.inject({
      method: 'POST',
      url: '/api/auth/verify-staff',
      remoteAddress: '10.9.0.4',
      headers: { authorization: 'Bearer tablet-token-b1-aaaaaaaaaaaaaaaa' },
      payload: { username: 'zhao', password: PASSWORD },
    })
    expect(verified.json()).toMatchObject({ staff: { id: 'zhao', role: 'supervisor', approvalLevel: 'superior' } })
    expect((await set(admin, 'none')).json()).toMatchObject({ staff: { approvalLevel: 'none' } })
    expect((await set(admin, 'none', 'nobody')).statusCode).toBe(404)
    expect((await set(admin, 'king')).statusCode).toBe(400)
  })
})
