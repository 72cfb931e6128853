import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { act, fillIntake, openControlled, pickCode, reloadUnlocked, saveAction as save } from './helpers'

const SHOTS = join('docs', 'screenshots', 'journey')

async function shot(page: Page, name: string) {
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

test('the lobby manager’s whole journey, offline, on a 10-inch tablet', async ({ page, context }) => {
  test.setTimeout(240_000) // each navigation now unlocks with the PIN (Argon2id)
  mkdirSync(SHOTS, { recursive: true })
  // The server's content security policy must not block anything the app does.
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
  })
  await openControlled(page)
  await context.setOffline(true)
  await reloadUnlocked(page)
  await expect(page.getByTestId('net-status')).toContainText('离线')

  // Intake.
  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '孙丽',
    phone: '13700001111',
    description: '在 ATM 取款时卡被吞，拨打客服电话等了半小时无人接听。',
    demand: '当天取回银行卡，并解释为什么没人处理',
  })
  await page.getByTestId('field-consent-sms').check()
  for (const code of ['A0102', 'B03P1', 'C03']) await pickCode(page, code)
  await shot(page, '1-intake')
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('孙丽')
  const detailUrl = page.url()

  // The seven steps, in front of the customer.
  await page.getByTestId('start-script').click()
  await expect(page.getByTestId('script-page')).toBeVisible()
  await page.getByTestId('script-mood-1').click()
  const steps = ['isolate', 'calm', 'apologise', 'gather', 'propose', 'ask', 'followUp'] as const
  for (const step of steps) {
    const view = page.getByTestId(`script-view-${step}`)
    await expect(view).toBeVisible()
    await view.locator('[data-testid^="script-check-"]').first().check()
    if (step === 'calm') await page.getByTestId('script-notes').fill('卡被吞\n客服无人接听')
    if (step === 'gather') {
      await page.getByTestId('script-real-demand').fill('今天拿回卡')
      await page.getByTestId('script-root-cause').fill('ATM 读卡故障，客服高峰占线')
    }
    if (step === 'propose') {
      await page.getByTestId('script-plan').fill('联系加钞员当日取卡，网点长致电说明')
      await page.getByTestId('script-promised-date').fill('2026-12-01')
    }
    if (step === 'followUp') await page.getByTestId('script-mood-4').click()
    if (step === 'apologise') await shot(page, '2-script-step')
    await page.getByTestId('script-next').click()
  }
  await expect(page.getByTestId('script-summary')).toBeVisible()
  await shot(page, '3-script-summary')
  await page.getByTestId('script-summary-back').click()
  await expect(page).toHaveURL(detailUrl)
  await expect(page.locator('[data-testid="timeline-event"][data-type="script.stepDone"]')).toHaveCount(7)

  // The process: validity, the decision told by SMS and logged as proof of notice, resolution, opinion, close, follow-up.
  await act(page, 'validity.judged', { reason: 'ATM 故障属实' }, { verdict: 'valid' })
  await save(page, 'validity.judged')
  await act(page, 'plan.proposed', { cause: 'ATM 读卡模块老化', plan: '当日取卡并更换读卡模块' })
  await save(page, 'plan.proposed')
  // The decision notice states what was verified, the decision, its basis and the remedies (Art. 19).
  const reply = await act(
    page,
    'decision.notified',
    { basis: '设备故障致卡被吞，属我行责任，按服务规范当日处理' },
    { channel: 'sms' },
  )
  await reply.getByTestId('sms-template-decision').click()
  await expect(reply.getByTestId('action-field-content')).toHaveValue(/申请核查.*调解、仲裁或提起诉讼/)
  await expect(reply.getByTestId('sms-link')).toHaveAttribute('href', /^sms:13700001111\?body=/)
  await shot(page, '4-sms-reply')
  await save(page, 'decision.notified')
  await act(page, 'complaint.resolved', { summary: '银行卡已当日取回，读卡模块已更换' })
  await save(page, 'complaint.resolved')
  await act(page, 'opinion.recorded', { words: '处理得很快，满意' }, { opinion: 'satisfied' })
  await save(page, 'opinion.recorded')
  await act(page, 'complaint.closed')
  await save(page, 'complaint.closed')
  // A week from today (China date): follow-ups cannot be scheduled in the past.
  await act(page, 'followUp.scheduled', {
    dueDate: new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10),
  })
  await save(page, 'followUp.scheduled')
  await act(
    page,
    'followUp.done',
    { content: '回访：新卡使用正常，客户满意' },
    { channel: 'phone', satisfaction: 'satisfied' },
  )
  await save(page, 'followUp.done')
  await shot(page, '5-closed')

  // Reload, still offline: the complete record is there.
  await reloadUnlocked(page)
  await expect(page.getByTestId('detail-name')).toHaveText('孙丽')
  await expect(page.getByText('已办结').first()).toBeVisible()
  const types = await page
    .getByTestId('timeline-event')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))
  expect(types).toEqual(
    expect.arrayContaining([
      'complaint.recorded',
      'script.moodRecorded',
      'script.stepDone',
      'validity.judged',
      'plan.proposed',
      'decision.notified',
      'complaint.resolved',
      'opinion.recorded',
      'complaint.closed',
      'followUp.scheduled',
      'followUp.done',
    ]),
  )
  await expect(page.getByTestId('contacts')).toContainText('短信')

  // The printable record.
  await page.getByTestId('print-one').click()
  const record = page.getByTestId('print-record')
  await expect(record).toContainText('孙丽')
  await expect(record).toContainText('ATM 故障属实')
  await expect(record).toContainText('银行卡已当日取回')
  await expect(record).toContainText('回访：新卡使用正常')
  await page.emulateMedia({ media: 'print' })
  await shot(page, '6-print')
  expect(violations).toEqual([])
})
