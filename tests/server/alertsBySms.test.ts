import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chinaDate, encodeHlc, newId } from '@/domain'
import type { Actor, ComplaintEvent, EventDraft } from '@/domain'
import { smsParts } from '@/ui/admin/smsParts'
import { buildApp } from '../../src/server/app'
import { dispatchAlerts } from '../../src/server/alerts/dispatchAlerts'
import type { AlertChannel, AlertMessage } from '../../src/server/alerts/mailer'
import { smsAlertChannel } from '../../src/server/alerts/smsAlertChannel'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { MIGRATIONS } from '../../src/server/db/migrations'
import { httpGateway } from '../../src/server/sms/smsGateway'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

const li: Actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const ZHAO_MOBILE = '13800138000'
const QIAN_MOBILE = '13912345678'

type Mode = 'accept' | 'refuse' | 'unavailable'

/** A local HTTP server that plays the bank's SMS gateway (as in sms.test.ts): it takes, refuses or is down. */
async function startGateway() {
  const gw = {
    mode: 'accept' as Mode,
    requests: [] as Record<string, string>[],
    url: '',
    server: undefined as unknown as Server,
  }
  const read = async (req: IncomingMessage) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    return JSON.parse(raw) as Record<string, string>
  }
  gw.server = createServer((req, res) => {
    void read(req).then((body) => {
      gw.requests.push(body)
      const answer = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
      if (gw.mode === 'accept') return answer(200, { messageId: `GW-${body.reference}` })
      if (gw.mode === 'refuse') return answer(400, { code: 'INVALID_NUMBER', message: `号码 ${body.to} 为空号` })
      return answer(503, { code: 'BUSY', message: 'try later' })
    })
  })
  await new Promise<void>((r) => gw.server.listen(0, '127.0.0.1', r))
  gw.url = `http://127.0.0.1:${(gw.server.address() as AddressInfo).port}/sms/send`
  return gw
}

let wall = Date.now() - 3_600_000
let seq = 0
const receivedAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
function escalation(supervisor?: string): ComplaintEvent[] {
  const complaintId = newId()
  const drafts: EventDraft[] = [
    {
      type: 'complaint.recorded',
      payload: {
        ...RECORDED,
        receivedAt,
        caseNumber: `RM-${chinaDate(receivedAt).slice(2).replaceAll('-', '')}-A${String(++seq).padStart(2, '0')}`,
      },
    },
    {
      type: 'complaint.escalated',
      payload: {
        reason: '客户要求赔偿',
        ...(supervisor ? { supervisor: { staffId: supervisor, staffName: '主管' } } : {}),
      },
    },
  ]
  return drafts.map(
    (d) =>
      ({
        id: newId(),
        complaintId,
        branchId: 'b1',
        v: 1,
        hlc: encodeHlc({ wall: (wall += 1000), counter: 0, node: li.deviceId }),
        actor: li,
        ...d,
      }) as ComplaintEvent,
  )
}
const caseNumberOf = (batch: ComplaintEvent[]) =>
  (batch[0] as ComplaintEvent & { payload: { caseNumber: string } }).payload.caseNumber

const PERSONAL = [
  RECORDED.customer.name,
  RECORDED.customer.phone!,
  RECORDED.description,
  RECORDED.demand!,
  '客户要求赔偿',
]

describe.each(BACKENDS)('alerts by SMS on $name', (backend) => {
  let db: Database
  let gw: Awaited<ReturnType<typeof startGateway>>
  let sms: AlertChannel
  const mails: AlertMessage[] = []
  /** E-mail as the dispatcher sees it: taken at once (the SMTP path is tested in alerts.test.ts). */
  const email: AlertChannel = { name: 'email', send: async (m) => void mails.push(m) }
  const push = (batch: ComplaintEvent[]) => ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, batch as never)
  const smsTo = (mobile: string) => gw.requests.filter((r) => r.to === mobile)

  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    await db.query(`update branches set code = 'RM' where id = 'b1'`)
    await db.query(`update devices set case_letter = 'A' where id = 'tab-b1'`)
    gw = await startGateway()
    sms = smsAlertChannel(httpGateway({ url: gw.url, key: 'gw-key-1', senderId: 'BANKCS' }))!
  })
  afterAll(async () => {
    await db.close()
    await new Promise((r) => gw.server.close(r))
  })
  beforeEach(async () => {
    gw.mode = 'accept'
    gw.requests.length = 0
    mails.length = 0
    await db.query(`delete from alerts`)
    await db.query(`delete from alert_preferences`)
  })

  it('texts an escalation once to a supervisor who chose SMS: case number and reason only, in at most two parts, outside the timeline', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, channels, mobile) values ('zhao', 'immediate', '{sms}', $1)`,
      [ZHAO_MOBILE],
    )
    const batch = escalation('zhao')
    await push(batch)
    await push(batch)
    const eventsBefore = (await db.query(`select count(*)::int as n from events`)).rows[0]
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    expect(smsTo(ZHAO_MOBILE)).toHaveLength(1)
    const text = smsTo(ZHAO_MOBILE)[0]!.text!
    expect(text).toContain(caseNumberOf(batch))
    expect(text).toContain('升级')
    for (const personal of PERSONAL) expect(text).not.toContain(personal)
    expect(text).not.toContain('人民路支行')
    expect(smsParts(text).parts).toBeLessThanOrEqual(2)
    // No e-mail: zhao chose SMS only.
    expect(mails).toHaveLength(0)
    // Not a complaint event, not a customer SMS job.
    expect((await db.query(`select count(*)::int as n from events`)).rows[0]).toEqual(eventsBefore)
    expect((await db.query(`select count(*)::int as n from sms_jobs`)).rows[0]).toEqual({ n: 0 })
    expect((await db.query(`select sms_state, state from alerts`)).rows).toEqual([
      { sms_state: 'sent', state: 'skipped' },
    ])
  })

  it('sends on both channels to a supervisor who chose both, each once', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, channels, email, mobile) values ('zhao', 'immediate', '{email,sms}', 'zhao@bank.test', $1)`,
      [ZHAO_MOBILE],
    )
    await push(escalation('zhao'))
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    expect(smsTo(ZHAO_MOBILE)).toHaveLength(1)
    expect(mails.map((m) => m.to)).toEqual(['zhao@bank.test'])
  })

  it('keeps SMS alerts queued while no gateway is configured, and sends them once one is', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, channels, email, mobile) values ('zhao', 'immediate', '{email,sms}', 'zhao@bank.test', $1)`,
      [ZHAO_MOBILE],
    )
    await push(escalation('zhao'))
    await dispatchAlerts(db, { channel: email, sms: undefined, digestHour: 8 })
    // The e-mail went; the SMS waits.
    expect(mails).toHaveLength(1)
    expect((await db.query(`select sms_state from alerts`)).rows).toEqual([{ sms_state: 'pending' }])
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    expect(smsTo(ZHAO_MOBILE)).toHaveLength(1)
    expect(mails).toHaveLength(1)
  })

  it('retries an SMS the gateway could not take, and gives up on a number it refuses without keeping the number', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, channels, mobile) values ('zhao', 'immediate', '{sms}', $1)`,
      [ZHAO_MOBILE],
    )
    await push(escalation('zhao'))
    gw.mode = 'unavailable'
    expect((await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })).failed).toBe(1)
    gw.mode = 'accept'
    expect((await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })).sent).toBe(0)
    expect(
      (await dispatchAlerts(db, { channel: email, sms, digestHour: 8, now: new Date(Date.now() + 61_000) })).sent,
    ).toBe(1)
    // The same reference both times: the gateway drops a second send of one message.
    expect(new Set(gw.requests.map((r) => r.reference)).size).toBe(1)

    await push(escalation('zhao'))
    gw.mode = 'refuse'
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8 })
    await dispatchAlerts(db, { channel: email, sms, digestHour: 8, now: new Date(Date.now() + 3_600_000) })
    const refused = (
      await db.query<{ sms_state: string; sms_last_error: string }>(
        `select sms_state, sms_last_error from alerts where sms_state <> 'sent'`,
      )
    ).rows
    expect(refused).toHaveLength(1)
    expect(refused[0]!.sms_state).toBe('failed')
    expect(refused[0]!.sms_last_error).toContain('INVALID_NUMBER')
    expect(refused[0]!.sms_last_error).not.toContain(ZHAO_MOBILE)
  })

  it('texts a digest reader one SMS a day that counts everything and stays within two parts', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, channels, mobile) values ('qian', 'digest', '{sms}', $1)`,
      [QIAN_MOBILE],
    )
    const numbers: string[] = []
    for (let i = 0; i < 12; i++) {
      const batch = escalation()
      numbers.push(caseNumberOf(batch))
      await push(batch)
    }
    const china = new Date(Date.now() + 8 * 3_600_000)
    let at = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), 9) - 8 * 3_600_000
    while (at <= Date.now()) at += 86_400_000
    await dispatchAlerts(db, { channel: email, sms, digestHour: 9, now: new Date(at - 3_600_000) })
    expect(smsTo(QIAN_MOBILE)).toHaveLength(0)
    await dispatchAlerts(db, { channel: email, sms, digestHour: 9, now: new Date(at) })
    await dispatchAlerts(db, { channel: email, sms, digestHour: 9, now: new Date(at + 3_600_000) })
    expect(smsTo(QIAN_MOBILE)).toHaveLength(1)
    const text = smsTo(QIAN_MOBILE)[0]!.text!
    expect(text).toContain('12项')
    expect(text).toContain(numbers[0]!)
    expect(smsParts(text).parts).toBeLessThanOrEqual(2)
    for (const personal of PERSONAL) expect(text).not.toContain(personal)
  })

  it('reads a preference stored before SMS alerts as e-mail, checks the mobile, and lets only an administrator set another’s', async () => {
    await db.query(
      `insert into alert_preferences (staff_id, mode, email) values ('zhao', 'immediate', 'zhao@bank.test')`,
    )
    const app = await buildApp({ db, distDir: '/nonexistent' })
    try {
      const token = async (u: string, i: number) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            remoteAddress: `10.9.1.${i}`,
            payload: { username: u, password: PASSWORD },
          })
        ).json().token as string
      const zhao = { authorization: `Bearer ${await token('zhao', 1)}` }
      const qian = { authorization: `Bearer ${await token('qian', 2)}` }
      const li = { authorization: `Bearer ${await token('li', 3)}` }
      const root = { authorization: `Bearer ${await token('root', 4)}` }
      expect((await app.inject({ url: '/api/alerts/preference', headers: zhao })).json()).toEqual({
        mode: 'immediate',
        channels: ['email'],
        email: 'zhao@bank.test',
      })
      expect((await app.inject({ url: '/api/alerts/channels', headers: zhao })).json()).toEqual({ sms: false })
      const put = (url: string, headers: Record<string, string>, payload: object) =>
        app.inject({ method: 'PUT', url, headers, payload })
      // A landline cannot take an SMS; SMS chosen without a number is refused too.
      expect(
        (await put('/api/alerts/preference', zhao, { mode: 'immediate', channels: ['sms'], mobile: '010-62345678' }))
          .statusCode,
      ).toBe(400)
      expect((await put('/api/alerts/preference', zhao, { mode: 'digest', channels: ['sms'] })).statusCode).toBe(400)
      expect(
        (
          await put('/api/staff/zhao/alerts', zhao, {
            mode: 'immediate',
            channels: ['email', 'sms'],
            email: 'zhao@bank.test',
            mobile: '+86 138-0013-8000',
          })
        ).json(),
      ).toEqual({ mode: 'immediate', channels: ['email', 'sms'], email: 'zhao@bank.test', mobile: ZHAO_MOBILE })
      // A supervisor only their own; a lobby manager not even that way; nobody signed out.
      expect((await put('/api/staff/zhao/alerts', qian, { mode: 'off' })).statusCode).toBe(403)
      expect((await app.inject({ url: '/api/staff/zhao/alerts', headers: qian })).statusCode).toBe(403)
      expect((await put('/api/staff/zhao/alerts', li, { mode: 'off' })).statusCode).toBe(403)
      expect((await put('/api/staff/li/alerts', li, { mode: 'off' })).statusCode).toBe(403)
      expect((await put('/api/staff/zhao/alerts', {}, { mode: 'off' })).statusCode).toBe(401)
      expect(
        (await put('/api/staff/qian/alerts', root, { mode: 'digest', channels: ['sms'], mobile: QIAN_MOBILE })).json(),
      ).toEqual({ mode: 'digest', channels: ['sms'], mobile: QIAN_MOBILE })
      const log = (
        await db.query<{ actor_id: string; target: string; after: unknown }>(
          `select actor_id, target, after from audit_log where action = 'staff.alerts' order by id`,
        )
      ).rows
      expect(log.map((r) => [r.actor_id, r.target])).toEqual([
        ['zhao', 'zhao'],
        ['root', 'qian'],
      ])
      // The audit log tells a change of number without keeping the number.
      expect(JSON.stringify(log)).not.toContain(QIAN_MOBILE)
      expect(JSON.stringify(log)).not.toContain(ZHAO_MOBILE)
      expect(JSON.stringify(log[1]!.after)).toContain('139****5678')
    } finally {
      await app.close()
    }
    const withGateway = await buildApp({
      db,
      distDir: '/nonexistent',
      sms: {
        settings: {
          url: gw.url,
          key: 'k',
          senderId: 'BANKCS',
          callbackSecret: 'callback-secret-0123456789',
          perMinute: 10,
          perBranchPerMinute: 10,
        },
      },
    })
    try {
      const t = (
        await withGateway.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '10.9.1.9',
          payload: { username: 'zhao', password: PASSWORD },
        })
      ).json().token as string
      expect(
        (await withGateway.inject({ url: '/api/alerts/channels', headers: { authorization: `Bearer ${t}` } })).json(),
      ).toEqual({ sms: true })
    } finally {
      await withGateway.close()
    }
  })
})

describe.each(BACKENDS)('a centre upgraded to SMS alerts on $name', (backend) => {
  it('reads the e-mail preferences and the alerts queued before as e-mail, and texts nobody', async () => {
    const db = await backend.open({ migrate: false })
    try {
      // The centre as it was before migration 33: an e-mail reader and an alert waiting for them.
      await db.transaction(async (tx) => {
        await tx.exec(`create table schema_migrations (
          id int primary key, name text not null, applied_at timestamptz not null default now())`)
        for (const m of MIGRATIONS.filter((m) => m.id < 33)) {
          await tx.exec(m.sql)
          await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name])
        }
      })
      await seedBank(db)
      await db.query(
        `insert into alert_preferences (staff_id, mode, email) values ('zhao', 'immediate', 'zhao@bank.test')`,
      )
      await db.query(
        `insert into alerts (staff_id, complaint_id, branch_id, reason) values ('zhao', '0199bbbb-0000-7000-8000-000000000001', 'b1', 'major')`,
      )
      expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.id >= 33).map((m) => m.id))
      expect((await db.query(`select channels, mobile from alert_preferences`)).rows).toEqual([
        { channels: ['email'], mobile: null },
      ])
      const mails: AlertMessage[] = []
      const texts: AlertMessage[] = []
      await dispatchAlerts(db, {
        channel: { name: 'email', send: async (m) => void mails.push(m) },
        sms: { name: 'sms', send: async (m) => void texts.push(m) },
        digestHour: 8,
      })
      expect(mails.map((m) => m.to)).toEqual(['zhao@bank.test'])
      expect(texts).toEqual([])
      expect((await db.query(`select state, sms_state from alerts`)).rows).toEqual([
        { state: 'sent', sms_state: 'skipped' },
      ])
    } finally {
      await db.close()
    }
  })
})
