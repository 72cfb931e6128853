import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { fillIntake, act, gotoUnlocked, openControlled } from './helpers'
import { servedDist } from './paths'

/**
 * SMS through the bank's gateway, end to end: a centre of its own (the shared e2e server has no gateway, as the other
 * specs expect the tablet's sms: link) configured with a local HTTP server that plays the gateway — it takes the SMS,
 * then reports the delivery late, and twice.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SECRET = 'e2e-sms-callback-secret'
const PHONE = '13755556666'
/** A number the gateway takes, then reports undeliverable (the customer's phone is off the network, or the number is void). */
const PHONE_FAILS = '13755550000'

let gateway: Server
const sent: { to: string; text: string; reference: string }[] = []
let centre: ChildProcess
let centreUrl = ''
let data = ''

function startGateway(): Promise<string> {
  gateway = createServer((req, res) => {
    let raw = ''
    req.on('data', (d) => (raw += String(d)))
    req.on('end', () => {
      const body = JSON.parse(raw) as { to: string; text: string; reference: string }
      sent.push(body)
      const messageId = `E2E-${body.reference}`
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId }))
      // The delivery receipt comes later, and the gateway sends it twice.
      const receipt = JSON.stringify(
        body.to === PHONE_FAILS
          ? { messageId, status: 'failed', reason: 'UNDELIV 空号' }
          : { messageId, status: 'delivered', deliveredAt: new Date().toISOString() },
      )
      const signature = `sha256=${createHmac('sha256', SECRET).update(receipt).digest('hex')}`
      for (const delay of [1500, 2500]) {
        setTimeout(
          () =>
            void fetch(`${centreUrl}/api/sms/receipts`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-sms-signature': signature },
              body: receipt,
            }),
          delay,
        )
      }
    })
  })
  return new Promise((done) =>
    gateway.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`)),
  )
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  const gatewayUrl = await startGateway()
  data = mkdtempSync(join(tmpdir(), 'complaint-desk-sms-'))
  const env = {
    ...process.env,
    DATA_DIR: data,
    DATABASE_URL: '',
    DEMO_PASSWORD: 'e2e-demo-password',
    ADMIN_PASSWORD: 'e2e-admin-password',
    PORT: '0',
    HOST: '127.0.0.1',
    DIST_DIR: servedDist(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SMS_GATEWAY_URL: gatewayUrl,
    SMS_GATEWAY_KEY: 'e2e-key',
    SMS_SENDER_ID: 'E2EBANK',
    SMS_CALLBACK_SECRET: SECRET,
  }
  const seeded = spawnSync(process.execPath, [join(root, 'dist-server/seed-demo.js')], {
    cwd: root,
    env,
    stdio: 'ignore',
  })
  expect(seeded.status).toBe(0)
  centre = spawn(process.execPath, [join(root, 'dist-server/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  centreUrl = await new Promise<string>((done, fail) => {
    let out = ''
    centre.stdout!.on('data', (d) => {
      out += String(d)
      const m = /on this computer:\s+(http:\/\/\S+)/.exec(out)
      if (m) done(m[1]!.replace('localhost', '127.0.0.1'))
    })
    centre.on('exit', () => fail(new Error(`centre exited: ${out}`)))
  })
})

test.afterAll(async () => {
  centre?.kill('SIGTERM')
  await new Promise((r) => gateway?.close(r))
  rmSync(data, { recursive: true, force: true })
})

async function reconnect(context: BrowserContext) {
  await context.setOffline(true)
  await context.setOffline(false)
}

/** Syncs until the notice log shows the SMS delivered (the receipt lands at the centre after the tablet's push). */
async function seeDelivered(page: Page, context: BrowserContext) {
  await expect(async () => {
    await reconnect(context)
    await expect(page.getByTestId('sms-proof')).toHaveAttribute('data-status', 'delivered', { timeout: 3000 })
  }).toPass({ timeout: 45_000 })
  await expect(page.getByTestId('sms-proof')).toContainText('已送达')
}

test('an SMS decision recorded offline is sent once when the tablet is back online, and both tablets show it delivered', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const contextA = await browser.newContext({ baseURL: centreUrl })
  const contextB = await browser.newContext({ baseURL: centreUrl })
  const a = await contextA.newPage()
  const b = await contextB.newPage()
  await openControlled(a)
  await openControlled(b)

  await a.getByTestId('new-complaint').click()
  await fillIntake(a, {
    name: '郑洁',
    phone: PHONE,
    description: '手机银行转账显示成功但对方未收到。',
    demand: '查明去向',
  })
  await a.getByTestId('field-consent-sms').check()
  await a.getByTestId('submit-complaint').click()
  await expect(a.getByTestId('detail-name')).toHaveText('郑洁')
  const url = new URL(a.url()).pathname
  await act(a, 'validity.judged', { reason: '转账已按指令完成，对方账户已入账' }, { verdict: 'invalid' })
  await a.getByTestId('sheet-validity-judged').getByTestId('action-submit').click()
  await expect(a.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })

  // Offline, the decision is told by SMS: the tablet only queues it for the centre.
  await contextA.setOffline(true)
  const sheet = await act(
    a,
    'decision.notified',
    {
      findings: '调取转账流水，对方账户当日已入账',
      decision: '投诉不成立',
      basis: '转账按客户指令完成',
      content:
        '郑女士您好：经核实，您的转账已于当日到账，投诉不成立。如有异议可于30日内申请核查，亦可申请调解、仲裁或提起诉讼。',
    },
    { channel: 'sms' },
  )
  await expect(sheet.getByTestId('sms-via-centre')).toContainText(PHONE)
  await expect(sheet.getByTestId('sms-link')).toHaveCount(0)
  await sheet.getByTestId('action-submit').click()
  await expect(sheet).toBeHidden()
  await expect(a.locator('[data-testid="timeline-event"][data-type="sms.requested"]')).toHaveCount(1)
  await expect(a.getByTestId('sms-proof')).toHaveAttribute('data-status', 'requested')
  expect(sent).toHaveLength(0)

  // Online: pushed, sent by the centre, delivered (reported twice), pulled back.
  await contextA.setOffline(false)
  await seeDelivered(a, contextA)
  await expect(a.locator('[data-testid="timeline-event"][data-type="sms.delivered"]')).toHaveCount(1)
  await reconnect(contextA)
  expect(sent).toHaveLength(1)
  expect(sent[0]!.to).toBe(PHONE)

  // The other tablet of the branch sees the same proof.
  // A navigation is a reload: the tablet asks for the PIN first (issue 17).
  await gotoUnlocked(b, url)
  await seeDelivered(b, contextB)
  expect(sent).toHaveLength(1)
  await contextA.close()
  await contextB.close()
})

test('an SMS decision the gateway cannot deliver comes back to the manager as the decision still to tell', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const context = await browser.newContext({ baseURL: centreUrl })
  const page = await context.newPage()
  await openControlled(page)
  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '冯敏',
    phone: PHONE_FAILS,
    description: '网银登录提示密码错误被锁定。',
    demand: '解锁',
  })
  await page.getByTestId('field-consent-sms').check()
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('冯敏')
  await act(page, 'validity.judged', { reason: '客户连续输错密码，系统按规定锁定' }, { verdict: 'invalid' })
  await page.getByTestId('sheet-validity-judged').getByTestId('action-submit').click()
  const sheet = await act(
    page,
    'decision.notified',
    {
      findings: '系统日志显示连续五次密码错误',
      decision: '投诉不成立',
      basis: '按网银安全规定锁定',
      content:
        '冯女士您好：经核实，网银因连续输错密码被锁定，投诉不成立。如有异议可于30日内申请核查，亦可申请调解、仲裁或提起诉讼。',
    },
    { channel: 'sms' },
  )
  await sheet.getByTestId('action-submit').click()
  await expect(sheet).toBeHidden()
  // While the SMS is on its way, the decision counts as told; the gateway's report of failure takes that back.
  await expect(async () => {
    await reconnect(context)
    await expect(page.getByTestId('sms-proof')).toHaveAttribute('data-status', 'failed', { timeout: 3000 })
  }).toPass({ timeout: 45_000 })
  await expect(page.getByTestId('sms-proof')).toContainText('发送失败')
  await expect(page.getByTestId('sms-proof')).toContainText('请重新告知')
  await expect(page.locator('[data-testid="timeline-event"][data-type="sms.failed"]')).toHaveCount(1)
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-action', 'decision.notified')
  expect(sent.filter((m) => m.to === PHONE_FAILS)).toHaveLength(1)
  await context.close()
})
