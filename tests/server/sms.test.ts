import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fold, nextStep } from '@/domain'
import type { ComplaintEvent, PulledEvent } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { httpGateway } from '../../src/server/sms/smsGateway'
import type { SmsSettings } from '../../src/server/sms/smsGateway'
import { runSmsJobs } from '../../src/server/sms/smsJobs'
import { eventFactory, RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const PHONE = RECORDED.customer.phone!
const TEXT = '王芳您好：您反映的排队问题经核实，处理决定如下，如有异议可于30日内申请核查。'
const SECRET = 'callback-secret-0123456789'

type Mode = 'accept' | 'delay' | 'refuse' | 'unavailable'

/** A local HTTP server that plays the bank's SMS gateway: it takes, delays, refuses or is down, as the test says. */
async function startGateway() {
  const gw = {
    mode: 'accept' as Mode,
    delayMs: 400,
    requests: [] as { auth?: string; body: Record<string, string> }[],
    onRequest: () => {},
    url: '',
    server: undefined as unknown as Server,
  }
  const read = async (req: IncomingMessage) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    return JSON.parse(raw) as Record<string, string>
  }
  gw.server = createServer((req, res) => {
    void read(req).then(async (body) => {
      gw.requests.push({ auth: req.headers.authorization, body })
      gw.onRequest()
      const answer = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
      // The gateway's message id is its own; a second send of the same reference is the same message to it.
      const messageId = `GW-${body.reference}`
      switch (gw.mode) {
        case 'accept':
          return answer(200, { messageId })
        case 'delay':
          await new Promise((r) => setTimeout(r, gw.delayMs))
          return answer(200, { messageId })
        case 'refuse':
          return answer(400, { code: 'INVALID_NUMBER', message: `号码 ${body.to} 为空号` })
        case 'unavailable':
          return answer(503, { code: 'BUSY', message: 'try later' })
      }
    })
  })
  await new Promise<void>((r) => gw.server.listen(0, '127.0.0.1', r))
  gw.url = `http://127.0.0.1:${(gw.server.address() as AddressInfo).port}/sms/send`
  return gw
}

describe.each(BACKENDS)('SMS through the gateway on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let gw: Awaited<ReturnType<typeof startGateway>>
  let settings: SmsSettings
  const lines: string[] = []
  const smsLog = {
    info: (f: object, m: string) => lines.push(JSON.stringify({ ...f, m })),
    warn: (f: object, m: string) => lines.push(JSON.stringify({ ...f, m })),
  }
  const limits = { perMinute: 100, perBranchPerMinute: 100 }
  const send = () => runSmsJobs(db, httpGateway(settings), limits, smsLog)

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    gw = await startGateway()
    settings = {
      url: gw.url,
      key: 'gw-key-1',
      senderId: 'BANKCS',
      callbackSecret: SECRET,
      perMinute: 100,
      perBranchPerMinute: 100,
    }
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    app = await buildApp({ db, distDir: '/nonexistent', logger: { level: 'trace', stream }, sms: { settings } })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
    await new Promise((r) => gw.server.close(r))
  })
  beforeEach(() => {
    gw.mode = 'accept'
    gw.requests.length = 0
    gw.onRequest = () => {}
  })

  const push = (events: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: { protocol: 1, events },
    })
  const pullAll = async (): Promise<PulledEvent[]> =>
    (
      await app.inject({ url: '/api/sync/pull?protocol=1&after=0&limit=1000', headers: bank.auth(bank.tokens.b1) })
    ).json().events
  const report = (receipt: object, secret = SECRET) => {
    const raw = JSON.stringify(receipt)
    const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`
    return app.inject({
      method: 'POST',
      url: '/api/sms/receipts',
      headers: { 'content-type': 'application/json', 'x-sms-signature': signature },
      payload: raw,
    })
  }

  /** A complaint of branch b1 told its decision by SMS through the centre: the tablet's events. */
  function decisionBySms(branchId = 'b1', actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }) {
    const f = eventFactory({ branchId, actor })
    const notice = f.make(
      {
        type: 'decision.notified',
        payload: {
          channel: 'sms',
          notifiedAt: '2026-03-02T09:32:00+08:00',
          decision: '致歉并改进',
          findings: '属实',
          basis: '服务规范',
          remedies: ['review', 'mediation', 'arbitration', 'litigation'],
          content: TEXT,
        },
      },
      { wall: Date.parse('2026-03-02T01:33:00Z') },
    )
    const events = [
      f.make({ type: 'complaint.recorded', payload: RECORDED }, { wall: Date.parse('2026-03-02T01:31:00Z') }),
      f.make(
        { type: 'validity.judged', payload: { verdict: 'invalid', reason: '按规定办理' } },
        { wall: Date.parse('2026-03-02T01:32:00Z') },
      ),
      notice,
      f.make(
        {
          type: 'sms.requested',
          payload: { recipientPhone: PHONE, messageText: TEXT, purpose: 'decision', aboutEventId: notice.id },
        },
        { wall: Date.parse('2026-03-02T01:34:00Z') },
      ),
    ]
    return { events, request: events[3]!, complaintId: f.complaintId }
  }
  const complaintOf = async (complaintId: string) => (await pullAll()).filter((e) => e.complaintId === complaintId)

  it('sends once per request: a retried push queues nothing more, and the gateway’s answer comes back as the centre’s event', async () => {
    const { events, request, complaintId } = decisionBySms()
    expect((await push(events)).json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ])
    expect((await push(events)).json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true)
    expect(await send()).toBe(1)
    expect(await send()).toBe(0)
    expect(gw.requests).toEqual([
      { auth: 'Bearer gw-key-1', body: { senderId: 'BANKCS', to: PHONE, text: TEXT, reference: request.id } },
    ])
    const answers = (await complaintOf(complaintId)).filter((e) => e.type.startsWith('sms.') && e.id !== request.id)
    expect(answers).toEqual([
      expect.objectContaining({
        type: 'sms.accepted',
        actor: { staffId: 'centre', staffName: 'centre', deviceId: 'centre' },
        payload: { requestId: request.id, messageId: `GW-${request.id}` },
      }),
    ])
    expect(answers[0]!.hlc > request.hlc).toBe(true)
    expect(fold(await complaintOf(complaintId))!.sms![0]).toMatchObject({ status: 'accepted' })
  })

  it('records a delivery reported late and twice once, and refuses an unsigned report', async () => {
    const { events, request, complaintId } = decisionBySms()
    await push(events)
    await send()
    expect(
      (
        await report(
          { messageId: `GW-${request.id}`, status: 'delivered', deliveredAt: '2026-03-02T09:35:10+08:00' },
          'wrong-secret-0123456789',
        )
      ).statusCode,
    ).toBe(401)
    const first = await report({
      messageId: `GW-${request.id}`,
      status: 'delivered',
      deliveredAt: '2026-03-02T09:35:10+08:00',
    })
    expect(first.json()).toEqual({ results: ['recorded'] })
    const again = await report({
      receipts: [
        { messageId: `GW-${request.id}`, status: 'delivered' },
        { messageId: `GW-${request.id}`, status: 'failed', reason: 'late' },
      ],
    })
    expect(again.json()).toEqual({ results: ['duplicate', 'duplicate'] })
    const all = await complaintOf(complaintId)
    expect(all.filter((e) => e.type === 'sms.delivered')).toHaveLength(1)
    const s = fold(all)!
    expect(s.sms![0]).toMatchObject({ status: 'delivered', deliveredAt: '2026-03-02T01:35:10.000Z' })
    expect(s.notices).toHaveLength(1)
    const row = (await db.query<{ status: string }>('select status from complaints where id = $1', [complaintId]))
      .rows[0]
    expect(row).toBeDefined()
  })

  it('a refused SMS comes back as a failure, without the number, and the notice as the manager’s action again', async () => {
    gw.mode = 'refuse'
    const { events, complaintId } = decisionBySms()
    await push(events)
    await send()
    const all = await complaintOf(complaintId)
    const failed = all.find((e) => e.type === 'sms.failed') as Extract<ComplaintEvent, { type: 'sms.failed' }>
    expect(failed.payload.reason).toContain('INVALID_NUMBER')
    expect(failed.payload.reason).not.toContain(PHONE)
    const s = fold(all)!
    expect(s.notices).toHaveLength(0)
    expect(nextStep(s)).toBe('decision.notified')
  })

  it('tries an unreachable gateway again later with the same reference, and a failure report after acceptance turns the notice back', async () => {
    gw.mode = 'unavailable'
    const { events, request, complaintId } = decisionBySms()
    await push(events)
    expect(await send()).toBe(1)
    expect((await complaintOf(complaintId)).some((e) => e.type === 'sms.failed' || e.type === 'sms.accepted')).toBe(
      false,
    )
    // Not due yet: the job waits its back-off.
    expect(await send()).toBe(0)
    await db.query('update sms_jobs set next_attempt_at = now() where request_id = $1', [request.id])
    gw.mode = 'accept'
    expect(await send()).toBe(1)
    expect(gw.requests.map((r) => r.body.reference)).toEqual([request.id, request.id])
    expect((await report({ reference: request.id, status: 'failed', reason: `UNDELIVERED ${PHONE}` })).json()).toEqual({
      results: ['recorded'],
    })
    const s = fold(await complaintOf(complaintId))!
    expect(s.sms![0]).toMatchObject({ status: 'failed', reason: 'UNDELIVERED …' })
    expect(nextStep(s)).toBe('decision.notified')
  })

  it('a receipt that arrives while the gateway is still answering the send is kept and recorded after the acceptance', async () => {
    gw.mode = 'delay'
    const { events, request, complaintId } = decisionBySms()
    await push(events)
    const reported = new Promise<unknown>((resolve) => {
      gw.onRequest = () => void report({ reference: request.id, status: 'delivered' }).then((r) => resolve(r.json()))
    })
    await send()
    expect(await reported).toEqual({ results: ['early'] })
    const answers = (await complaintOf(complaintId)).filter(
      (e) => e.type === 'sms.accepted' || e.type === 'sms.delivered',
    )
    expect(answers.map((e) => e.type)).toEqual(['sms.accepted', 'sms.delivered'])
    expect(answers[1]!.hlc > answers[0]!.hlc).toBe(true)
    expect(fold(await complaintOf(complaintId))!.sms![0]).toMatchObject({
      status: 'delivered',
      messageId: `GW-${request.id}`,
    })
  })

  it('keeps to the per-branch and overall limits per minute; the rest waits its turn', async () => {
    // Earlier tests' sends are out of this minute.
    await db.query("update sms_jobs set sent_at = sent_at - interval '2 minutes'")
    const b1 = [decisionBySms(), decisionBySms(), decisionBySms()]
    const b2 = decisionBySms('b2', { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' })
    for (const c of b1) await push(c.events)
    await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b2),
      payload: { protocol: 1, events: b2.events },
    })
    expect(await runSmsJobs(db, httpGateway(settings), { perMinute: 10, perBranchPerMinute: 2 }, smsLog)).toBe(3)
    expect(gw.requests.map((r) => r.body.reference).sort()).toEqual(
      [b1[0]!.request.id, b1[1]!.request.id, b2.request.id].sort(),
    )
    expect(await runSmsJobs(db, httpGateway(settings), { perMinute: 10, perBranchPerMinute: 2 }, smsLog)).toBe(0)
    await db.query("update sms_jobs set sent_at = sent_at - interval '2 minutes'")
    expect(await runSmsJobs(db, httpGateway(settings), { perMinute: 1, perBranchPerMinute: 2 }, smsLog)).toBe(1)
    expect(gw.requests.at(-1)!.body.reference).toBe(b1[2]!.request.id)
  })

  it('tells tablets that the centre sends SMS, and the console how it is configured', async () => {
    const pull = (
      await app.inject({ url: '/api/sync/pull?protocol=1&after=0&limit=1', headers: bank.auth(bank.tokens.b1) })
    ).json()
    expect(pull.smsGateway).toBe(true)
    expect((await app.inject({ url: '/api/sms/status' })).statusCode).toBe(401)
    // The receipts' route is the one public route an SMS gateway adds, and it answers only a signed body.
    expect(
      (await app.inject({ method: 'POST', url: '/api/sms/receipts', payload: { reference: 'x', status: 'delivered' } }))
        .statusCode,
    ).toBe(401)
  })

  it('logs no phone number and no text of any message', () => {
    const log = lines.join('\n')
    expect(log).toContain('sms accepted by the gateway')
    expect(log).not.toContain(PHONE)
    expect(log).not.toContain(TEXT)
    expect(log).not.toContain(TEXT.slice(0, 8))
  })
})
