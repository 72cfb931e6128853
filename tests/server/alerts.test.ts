import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { chinaDate, encodeHlc, newId } from '@/domain'
import type { Actor, ComplaintEvent, EventDraft } from '@/domain'
import { buildApp } from '../../src/server/app'
import { dispatchAlerts, runAlertRound } from '../../src/server/alerts/dispatchAlerts'
import { emailChannel } from '../../src/server/alerts/mailer'
import type { AlertChannel } from '../../src/server/alerts/mailer'
import type { Database } from '../../src/server/db/Database'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

const li: Actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const wang: Actor = { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' }

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
const receivedAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
let seq = 0
/** A numbered record on tablet A of branch RM (b1); b2 has no code, so its records carry none. */
const recorded = (extra: Record<string, unknown> = {}, numbered = true): EventDraft => ({
  type: 'complaint.recorded',
  payload: {
    ...RECORDED,
    receivedAt,
    ...(numbered
      ? { caseNumber: `RM-${chinaDate(receivedAt).slice(2).replaceAll('-', '')}-A${String(++seq).padStart(2, '0')}` }
      : {}),
    ...extra,
  },
})

interface Mail {
  to: string
  subject: string
  text: string
  raw: string
}

/** Decodes what nodemailer sent (base64 body, RFC 2047 subject) as a mail client would show it. */
function parse(raw: string, to: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const unfolded = head!.replace(/\r?\n[ \t]+/g, ' ')
  const subject = (/^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '').replace(
    /=\?UTF-8\?B\?([^?]*)\?=\s*/gi,
    (_, b: string) => Buffer.from(b, 'base64').toString('utf8'),
  )
  return { to, subject, text: Buffer.from(rest.join('\n\n').replace(/\s+/g, ''), 'base64').toString('utf8'), raw }
}

/** The next instant after now at this China-time hour (digests go out from ALERT_DIGEST_HOUR, China time). */
function nextChinaHour(hour: number, after = Date.now()): Date {
  const china = new Date(after + 8 * 3_600_000)
  let t = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), hour) - 8 * 3_600_000
  while (t <= after) t += 86_400_000
  return new Date(t)
}

describe.each(BACKENDS)('alerts by e-mail on $name', (backend) => {
  let db: Database
  let smtp: SMTPServer
  let channel: AlertChannel
  let down: AlertChannel
  let mails: Mail[] = []
  const to = (address: string) => mails.filter((m) => m.to === address)

  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    await db.query(`update branches set code = 'RM' where id = 'b1'`)
    await db.query(`update devices set case_letter = 'A' where id = 'tab-b1'`)
    // A supervisor of b2 who wants no mail.
    await db.query(
      `insert into staff (id, username, name, role, branch_id, password_hash) select 'sun', 'sun', '孙主管', 'supervisor', 'b2', password_hash from staff where id = 'zhao'`,
    )
    await db.query(
      `insert into alert_preferences (staff_id, mode, email) values ('zhao', 'immediate', 'zhao@bank.test'), ('qian', 'digest', 'qian@bank.test'), ('sun', 'off', 'sun@bank.test')`,
    )
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = ''
        stream.setEncoding('utf8')
        stream.on('data', (c: string) => (raw += c))
        stream.on('end', () => {
          for (const r of session.envelope.rcptTo) mails.push(parse(raw, r.address))
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const port = (smtp.server.address() as AddressInfo).port
    channel = emailChannel({ SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_FROM: 'desk@bank.test' })!
    // Nothing listens there: the bank's mail server is down.
    down = emailChannel({ SMTP_HOST: '127.0.0.1', SMTP_PORT: 1, SMTP_FROM: 'desk@bank.test' })!
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await db.close()
  })

  it('sends the supervisor an escalation once, with its case number and nothing of the customer, even when the push is retried', async () => {
    mails = []
    const batch = events('b1', li, [
      recorded(),
      {
        type: 'complaint.escalated',
        payload: { reason: '客户要求赔偿', supervisor: { staffId: 'zhao', staffName: '赵主管' } },
      },
    ])
    const caseNumber = (batch[0] as ComplaintEvent & { payload: { caseNumber: string } }).payload.caseNumber
    expect(
      (await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, batch as never)).map((r) => r.status),
    ).toEqual(['accepted', 'accepted'])
    // The tablet did not hear the answer and sends the same batch again.
    await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, batch as never)
    await dispatchAlerts(db, { channel, digestHour: 8 })
    await dispatchAlerts(db, { channel, digestHour: 8 })
    expect(to('zhao@bank.test')).toHaveLength(1)
    const mail = to('zhao@bank.test')[0]!
    expect(mail.subject).toContain(caseNumber)
    expect(mail.text).toContain(caseNumber)
    expect(mail.text).toContain('升级')
    for (const personal of [
      RECORDED.customer.name,
      RECORDED.customer.phone!,
      RECORDED.description,
      RECORDED.demand!,
      '客户要求赔偿',
    ]) {
      expect(mail.text).not.toContain(personal)
      expect(mail.subject).not.toContain(personal)
      expect(mail.raw).not.toContain(personal)
    }
    // Named to zhao: the other supervisor of the branch is not told of it.
    expect((await db.query(`select staff_id from alerts where reason = 'escalated'`)).rows).toEqual([
      { staff_id: 'zhao' },
    ])
  })

  it('gathers a digest reader’s alerts into one mail at the digest hour, and tells someone who chose off nothing', async () => {
    mails = []
    await ingestEvents(
      db,
      { deviceId: 'tab-b1', branchId: 'b1' },
      events('b1', li, [recorded({ group: { size: 25, representatives: ['甲', '乙', '丙', '丁', '戊'] } })]) as never,
    )
    await ingestEvents(
      db,
      { deviceId: 'tab-b2', branchId: 'b2' },
      events('b2', wang, [recorded({ group: { size: 3, representatives: [] } }, false)]) as never,
    )
    await ingestEvents(
      db,
      { deviceId: 'tab-b1', branchId: 'b1' },
      events('b1', li, [
        recorded(),
        {
          type: 'extension.requested',
          payload: { reason: '需总行核查', newDueDate: chinaDate(Date.now() + 20 * 86_400_000) },
        },
      ]) as never,
    )
    const before = nextChinaHour(7)
    const at = nextChinaHour(8, before.getTime())
    await dispatchAlerts(db, { channel, digestHour: 8, now: before })
    expect(to('qian@bank.test')).toHaveLength(0)
    // zhao covers both branches and reads each at once: major (b1), group (b2), extension (b1).
    expect(to('zhao@bank.test').map((m) => m.text)).toEqual([
      expect.stringContaining('重大投诉'),
      expect.stringContaining('群体投诉'),
      expect.stringContaining('延期申请'),
    ])
    await dispatchAlerts(db, { channel, digestHour: 8, now: at })
    await dispatchAlerts(db, { channel, digestHour: 8, now: new Date(at.getTime() + 3_600_000) })
    expect(to('qian@bank.test')).toHaveLength(1)
    const digest = to('qian@bank.test')[0]!
    expect(digest.subject).toContain('3 项')
    expect(digest.text).toMatch(/1\. .*重大投诉[\s\S]*2\. .*群体投诉[\s\S]*3\. .*延期申请/)
    expect(digest.text).not.toContain(RECORDED.customer.name)
    expect(digest.text).not.toContain(RECORDED.customer.phone!)
    // sun (off) had an alert for the group complaint of b2, and no mail.
    expect(to('sun@bank.test')).toHaveLength(0)
    expect((await db.query(`select state from alerts where staff_id = 'sun'`)).rows).toEqual([{ state: 'skipped' }])
  })

  it('keeps an alert the mail server could not take and sends it on a later round, once', async () => {
    mails = []
    await ingestEvents(
      db,
      { deviceId: 'tab-b1', branchId: 'b1' },
      events('b1', li, [recorded(), { type: 'complaint.escalated', payload: { reason: '再次投诉' } }]) as never,
    )
    const first = await dispatchAlerts(db, { channel: down, digestHour: 8 })
    expect(first.failed).toBe(1)
    expect(mails).toHaveLength(0)
    // Back up at once, but the retry waits its turn; a minute later it goes.
    expect((await dispatchAlerts(db, { channel, digestHour: 8 })).sent).toBe(0)
    expect((await dispatchAlerts(db, { channel, digestHour: 8, now: new Date(Date.now() + 61_000) })).sent).toBe(1)
    await dispatchAlerts(db, { channel, digestHour: 8, now: new Date(Date.now() + 3_600_000) })
    expect(to('zhao@bank.test')).toHaveLength(1)
    expect(to('zhao@bank.test')[0]!.text).toContain('升级')
  })

  it('alerts the branch’s supervisors once of a deadline falling due before the end of the next working day', async () => {
    mails = []
    const fresh = events('b2', wang, [recorded({}, false)])
    await ingestEvents(db, { deviceId: 'tab-b2', branchId: 'b2' }, fresh as never)
    const round = await runAlertRound(db, { channel, digestHour: 8 })
    expect(round.deadlines).toBeGreaterThan(0)
    expect((await runAlertRound(db, { channel, digestHour: 8 })).deadlines).toBe(0)
    const forFresh = (
      await db.query<{ staff_id: string }>(
        `select staff_id from alerts where reason = 'deadline' and complaint_id = $1 order by staff_id`,
        [fresh[0]!.complaintId],
      )
    ).rows
    expect(forFresh.map((r) => r.staff_id)).toEqual(['qian', 'sun', 'zhao'])
    expect(to('zhao@bank.test').some((m) => m.text.includes('时限'))).toBe(true)
  })

  it('lets a person choose their alerts, and an administrator set anyone’s', async () => {
    const app = await buildApp({ db, distDir: '/nonexistent' })
    try {
      const token = async (u: string, i: number) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            remoteAddress: `10.9.0.${i}`,
            payload: { username: u, password: PASSWORD },
          })
        ).json().token as string
      const zhao = { authorization: `Bearer ${await token('zhao', 1)}` }
      const root = { authorization: `Bearer ${await token('root', 2)}` }
      expect((await app.inject({ url: '/api/alerts/preference', headers: zhao })).json()).toEqual({
        mode: 'immediate',
        channels: ['email'],
        email: 'zhao@bank.test',
      })
      expect(
        (await app.inject({ method: 'PUT', url: '/api/alerts/preference', headers: zhao, payload: { mode: 'digest' } }))
          .statusCode,
      ).toBe(400)
      expect(
        (
          await app.inject({
            method: 'PUT',
            url: '/api/alerts/preference',
            headers: zhao,
            payload: { mode: 'digest', email: 'z@bank.test' },
          })
        ).json(),
      ).toEqual({ mode: 'digest', channels: ['email'], email: 'z@bank.test' })
      expect(
        (await app.inject({ method: 'PUT', url: '/api/staff/qian/alerts', headers: zhao, payload: { mode: 'off' } }))
          .statusCode,
      ).toBe(403)
      expect(
        (
          await app.inject({ method: 'PUT', url: '/api/staff/zhao/alerts', headers: root, payload: { mode: 'off' } })
        ).json(),
      ).toEqual({ mode: 'off', channels: ['email'] })
      expect(
        (await db.query(`select action from audit_log where target = 'zhao' and action = 'staff.alerts'`)).rows,
      ).toHaveLength(1)
    } finally {
      await app.close()
    }
  })
})
