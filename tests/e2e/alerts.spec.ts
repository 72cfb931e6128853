import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { SMTPServer } from 'smtp-server'
import { act, enrolTablet, fillIntake, openControlled, saveAction } from './helpers'

const SUPERVISOR = { username: 'zhao', name: '赵敏', password: 'e2e-demo-password', pin: '135790' }
/** serve.ts points the centre's SMTP at this port. */
const SMTP_PORT = Number(process.env.E2E_PORT ?? 4317) + 20_000

interface Mail {
  to: string
  subject: string
  text: string
}

function decode(raw: string, to: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const unfolded = head!.replace(/\r?\n[ \t]+/g, ' ')
  const subject = (/^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '').replace(
    /=\?UTF-8\?B\?([^?]*)\?=\s*/gi,
    (_, b: string) => Buffer.from(b, 'base64').toString('utf8'),
  )
  return { to, subject, text: Buffer.from(rest.join('\n\n').replace(/\s+/g, ''), 'base64').toString('utf8') }
}

test('an escalation recorded on a branch tablet reaches the supervisor as one e-mail with the case number only', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const mails: Mail[] = []
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (c: string) => (raw += c))
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) mails.push(decode(raw, r.address))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve))
  expect((smtp.server.address() as AddressInfo).port).toBe(SMTP_PORT)
  const address = `zhao.${Date.now()}@bank.test`
  try {
    // The supervisor chooses immediate alerts at the desk, signed in at the centre.
    const deskContext = await browser.newContext()
    const desk = await deskContext.newPage()
    await desk.goto('/')
    await enrolTablet(desk, SUPERVISOR)
    await desk.getByTestId('nav-desk').click()
    await desk.getByTestId('central-username').fill(SUPERVISOR.username)
    await desk.getByTestId('central-password').fill(SUPERVISOR.password)
    await desk.getByTestId('central-submit').click()
    await desk.getByTestId('alert-mode').selectOption('immediate')
    await desk.getByTestId('alert-email').fill(address)
    await desk.getByTestId('alert-save').click()
    await expect(desk.getByTestId('alert-preference').getByRole('status')).toHaveText('提醒设置已保存')

    // 中山路支行's tablet records a complaint and escalates it.
    const branchContext = await browser.newContext()
    const branch = await branchContext.newPage()
    await openControlled(branch)
    await branch.getByTestId('new-complaint').click()
    await fillIntake(branch, {
      name: '冯静',
      phone: '13600002222',
      description: '理财产品到期未按约定兑付，经理电话不接。',
      demand: '按约定兑付',
    })
    await branch.getByTestId('submit-complaint').click()
    await expect(branch.getByTestId('detail-name')).toHaveText('冯静')
    const caseNumber = (await branch.getByTestId('detail-case-number').first().textContent())!.trim()
    await act(branch, 'complaint.escalated', { reason: '客户情绪激动，要求主管出面' })
    await saveAction(branch, 'complaint.escalated')
    await expect(branch.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })

    // The centre's alert round runs every minute (every 5 s for these tests, tests/e2e/serve.ts). The new complaint's first response falls due within a day, so a
    // deadline alert comes too: one mail each, never a second escalation.
    const escalations = () => mails.filter((m) => m.to === address && m.text.includes('升级'))
    await expect.poll(() => escalations().length, { timeout: 160_000, intervals: [2_000] }).toBe(1)
    const mail = escalations()[0]!
    expect(mail.text).toContain(caseNumber)
    expect(mail.text).toContain('升级')
    for (const m of mails.filter((x) => x.to === address)) {
      for (const personal of ['冯静', '13600002222', '理财产品', '客户情绪激动'])
        expect(`${m.subject}\n${m.text}`).not.toContain(personal)
    }
    await deskContext.close()
    await branchContext.close()
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
  }
})
