import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

let clock = Date.parse('2026-03-02T02:00:00Z')
const recorded = (): ComplaintEvent =>
  ({
    id: newId(),
    complaintId: newId(),
    branchId: 'b1',
    v: 1,
    hlc: encodeHlc({ wall: clock++, counter: 0, node: 'tab-b1' }),
    actor: { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' },
    type: 'complaint.recorded',
    payload: { ...RECORDED, customer: { name: '王芳', consentSms: false, consentPhone: false }, customerPresent: true },
  }) as ComplaintEvent

/**
 * Issue 17 (4): a tablet revoked with a wipe delivers what it has not sent, acknowledges, and is refused everything
 * after; revoked without a wipe it is refused at once, as before.
 */
describe.each(BACKENDS)('remote wipe on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let root = ''

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
    root = (
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'root', password: PASSWORD } })
    ).json().token as string
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const push = (token: string, events: unknown[]) =>
    app.inject({ method: 'POST', url: '/api/sync/push', headers: bank.auth(token), payload: { protocol: 1, events } })
  const pull = (token: string) =>
    app.inject({ url: '/api/sync/pull?protocol=1&after=0&limit=10', headers: bank.auth(token) })
  const wiped = (token: string, undelivered = 0) =>
    app.inject({ method: 'POST', url: '/api/sync/wiped', headers: bank.auth(token), payload: { undelivered } })
  const revoke = (device: string, wipe: boolean) =>
    app.inject({ method: 'POST', url: `/api/devices/${device}/revoke`, headers: bank.auth(root), payload: { wipe } })
  const deviceRow = async (id: string) =>
    (
      await db.query<{ wipe_acknowledged_at: Date | null; wipe_undelivered: number | null; revoked_by: string | null }>(
        'select wipe_acknowledged_at, wipe_undelivered, revoked_by from devices where id = $1',
        [id],
      )
    ).rows[0]!

  it('takes the last push of a tablet revoked with a wipe, never a pull, records the acknowledgement, then refuses everything', async () => {
    // The tablet says it can erase itself (with its pull), then is lost.
    expect(
      (
        await app.inject({
          url: '/api/sync/pull?protocol=1&pending=1&app=0.2.0&wipe=1',
          headers: bank.auth(bank.tokens.b1),
        })
      ).statusCode,
    ).toBe(200)
    // A tablet not told to wipe has nothing to acknowledge.
    expect([(await wiped(bank.tokens.b1)).statusCode, (await wiped(bank.tokens.b1)).json().error]).toEqual([
      409,
      'no_wipe_ordered',
    ])
    expect((await revoke('tab-b1', true)).statusCode).toBe(200)

    // Its next contact: the unsent complaint is taken…
    const last = recorded()
    const pushed = await push(bank.tokens.b1, [last])
    expect(pushed.statusCode, pushed.body).toBe(200)
    expect(pushed.json().results[0]).toMatchObject({ status: 'accepted' })
    expect((await db.query('select 1 from events where event_id = $1', [last.id])).rows).toHaveLength(1)
    // …but nothing comes down: the pull is refused with who revoked it and when.
    const refused = await pull(bank.tokens.b1)
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toMatchObject({ error: 'device_wipe', revokedBy: '管理员' })
    expect(Date.parse(refused.json().revokedAt)).toBeGreaterThan(Date.now() - 60_000)
    // Nor anything else a tablet may call.
    const verify = await app.inject({
      method: 'POST',
      url: '/api/auth/verify-staff',
      headers: bank.auth(bank.tokens.b1),
      payload: { username: 'li', password: 'whatever-it-is' },
    })
    expect([verify.statusCode, verify.json().error]).toEqual([401, 'device_wipe'])
    expect((await deviceRow('tab-b1')).revoked_by).toBe('root')

    // The acknowledgement, with what the tablet could not deliver.
    expect((await wiped(bank.tokens.b1, 2)).statusCode).toBe(200)
    const row = await deviceRow('tab-b1')
    expect(row.wipe_acknowledged_at).toBeInstanceOf(Date)
    expect(row.wipe_undelivered).toBe(2)
    const audited = (
      await db.query<{ actor_id: string; target: string; after: unknown }>(
        `select actor_id, target, after from audit_log where action = 'device.wipe_acknowledged'`,
      )
    ).rows
    expect(audited).toEqual([{ actor_id: 'root', target: 'tab-b1', after: { undelivered: 2 } }])
    const listed = (await app.inject({ url: '/api/devices', headers: bank.auth(root) }))
      .json()
      .devices.find((d: { id: string }) => d.id === 'tab-b1')
    expect(listed).toMatchObject({ wipe: true, wipeUndelivered: 2 })
    expect(listed.wipeAcknowledgedAt).toBeTruthy()

    // After it, everything is refused (still as a wipe order: a tablet whose erasing was cut short erases again).
    const late = recorded()
    const after = await push(bank.tokens.b1, [late])
    expect([after.statusCode, after.json().error]).toEqual([401, 'device_wipe'])
    expect((await db.query('select 1 from events where event_id = $1', [late.id])).rows).toHaveLength(0)
    expect((await wiped(bank.tokens.b1)).statusCode).toBe(401)
    expect((await pull(bank.tokens.b1)).statusCode).toBe(401)
    // A second acknowledgement recorded nothing.
    expect((await db.query(`select 1 from audit_log where action = 'device.wipe_acknowledged'`)).rows).toHaveLength(1)
  })

  it('keeps today’s behaviour for a revoke without a wipe: refused at once, push included', async () => {
    expect((await revoke('tab-b2', false)).statusCode).toBe(200)
    const e = { ...recorded(), branchId: 'b2', actor: { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' } }
    const refused = await push(bank.tokens.b2, [e])
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'device_revoked'])
    expect((await wiped(bank.tokens.b2)).json().error).toBe('device_revoked')
    expect((await db.query('select 1 from events where event_id = $1', [e.id])).rows).toHaveLength(0)
  })

  it('forgets the wipe when the tablet is enrolled again', async () => {
    const signIn = (
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'li', password: PASSWORD } })
    ).json().token as string
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      headers: bank.auth(signIn),
      payload: { deviceId: 'tab-b1', name: '大堂 1' },
    })
    expect(enrolled.statusCode, enrolled.body).toBe(200)
    expect(await deviceRow('tab-b1')).toEqual({ wipe_acknowledged_at: null, wipe_undelivered: null, revoked_by: null })
    expect((await pull(enrolled.json().deviceToken)).statusCode).toBe(200)
  })
})
