import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SMS_TEMPLATES, fromChinaLocalInput, toChinaLocalInput } from '@/domain'
import { SMS_TEMPLATES_KEY } from '@/ui/process/useSmsTemplates'
import {
  alerts,
  choose,
  cleanUp,
  field,
  fill,
  open,
  PLAN,
  q,
  qa,
  save,
  settle,
  setup,
  tap,
  VALID,
} from './processHarness'

afterEach(cleanUp)

const content = () => field<HTMLTextAreaElement>('content').value
const submitLabel = () => q('[data-testid="action-submit"]')!.textContent!.trim()
async function confirmDialog(answer: 'confirm' | 'cancel') {
  await vi.waitFor(() => expect(q(`.van-dialog__${answer}`)).not.toBeNull())
  q(`.van-dialog__${answer}`)!.click()
  await flushPromises()
}

describe('contact the customer (acknowledgement, progress, extension, follow-up)', () => {
  it('asks why the customer was contacted, choosing nothing for the manager, and offers no purpose that answers the complaint', async () => {
    const { types, written } = await setup([VALID])
    await open('customer.contacted')
    expect(qa('[data-testid^="action-field-purpose-"]').map((e) => e.dataset.testid)).toEqual([
      'action-field-purpose-acknowledgement',
      'action-field-purpose-progress',
      'action-field-purpose-extensionNotice',
      'action-field-purpose-followUp',
    ])
    expect(qa('[data-testid^="action-field-purpose-"]').some((e) => (e as HTMLInputElement).checked)).toBe(false)
    await choose('channel', 'inPerson')
    await save()
    expect(alerts().filter((a) => a === '此项必填')).toHaveLength(2)
    await settle()
    expect(await types()).not.toContain('customer.contacted')
    await choose('purpose', 'progress')
    await fill('content', '当面告知正在调取监控录像，明天答复')
    await fill('contactedAt', '2026-03-02T14:30')
    await save()
    expect(await written('customer.contacted')).toEqual({
      channel: 'inPerson',
      purpose: 'progress',
      content: '当面告知正在调取监控录像，明天答复',
      contactedAt: '2026-03-02T06:30:00.000Z',
    })
  })

  it('defaults the time to now, in China time, and refuses a time in the future or before the complaint was received', async () => {
    const { types } = await setup([VALID])
    await open('customer.contacted')
    const shown = Date.parse(fromChinaLocalInput(field('contactedAt').value)!)
    expect(Math.abs(shown - Date.now())).toBeLessThan(120_000)
    await choose('purpose', 'progress')
    await fill('content', '已联系')
    await fill('contactedAt', toChinaLocalInput(new Date(Date.now() + 3 * 3_600_000)))
    await save()
    expect(alerts()).toContain('时间不能晚于现在')
    // The complaint was received on 2 March at 09:30.
    await fill('contactedAt', '2026-03-02T09:00')
    await save()
    expect(alerts()).toContain('时间不能早于受理（或重新受理、申请核查）的时间')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
  })

  it('writes an SMS from a template filled in for the complaint, opens the messaging app, and logs it once confirmed sent', async () => {
    const { written } = await setup([VALID, PLAN])
    await open('customer.contacted')
    await choose('channel', 'sms')
    expect(qa('[data-testid^="sms-template-"]').map((e) => e.dataset.testid)).not.toContain('sms-template-decision')
    await tap('sms-template-progress')
    expect(content()).toContain('王芳您好')
    expect(content()).toContain('2026年3月2日')
    expect(content()).toContain('增开窗口并致歉')
    expect(q<HTMLInputElement>('[data-testid="action-field-purpose-progress"]')!.checked).toBe(true)
    // The manager edits the text before sending; the link carries the edited text.
    await fill('content', `${content()}（网点电话 12345）`)
    expect(q('[data-testid="sms-link"]')!.getAttribute('href')).toBe(
      `sms:13812345678?body=${encodeURIComponent(content())}`,
    )
    expect(submitLabel()).toBe('已发送，记录')
    const sent = content()
    await save()
    expect(await written('customer.contacted')).toMatchObject({ channel: 'sms', purpose: 'progress', content: sent })
  })

  it('will not log an SMS that still has a blank placeholder', async () => {
    const { types, written } = await setup([VALID])
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-progress')
    expect(content()).toContain('{result}')
    await save()
    expect(alerts().join()).toContain('短信中还有未填写的内容：{result}')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
    await fill('content', content().replace('{result}', '已为您办理退费'))
    await save()
    expect((await written('customer.contacted')).content).toContain('已为您办理退费')
  })

  it('fills the extension notice with the reason and the new date', async () => {
    const ext = {
      type: 'complaint.extended',
      payload: {
        reason: '需调取监控录像',
        newDueDate: '2026-03-20',
        noticeChannel: 'sms',
        noticeAt: '2026-03-02T12:00:00+08:00',
      },
    } as const
    await setup([VALID, ext], { at: '2026-03-02T05:00:00Z' })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-extensionNotice')
    expect(content()).toContain('因需调取监控录像需要延长')
    expect(content()).toContain('2026年3月20日')
    expect(q<HTMLInputElement>('[data-testid="action-field-purpose-extensionNotice"]')!.checked).toBe(true)
  })

  it('keeps the manager’s own wording of a template in IndexedDB (meta, smsTemplates) for the next complaint', async () => {
    const { db } = await setup([VALID, PLAN])
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-edit-templates')
    const text = q<HTMLTextAreaElement>('[data-testid="sms-template-text-progress"]')!
    expect(text.value).toBe(DEFAULT_SMS_TEMPLATES['zh-CN'].find((x) => x.id === 'progress')!.text)
    text.value = '{name}，您好！您的问题正在处理：{result}。中山路支行'
    text.dispatchEvent(new Event('input'))
    await tap('sms-templates-save')
    await vi.waitFor(async () => {
      expect((await db.meta.get(SMS_TEMPLATES_KEY))?.value).toEqual({
        'zh-CN': [{ id: 'progress', text: '{name}，您好！您的问题正在处理：{result}。中山路支行' }],
      })
    })
    await vi.waitFor(async () => {
      await tap('sms-template-progress')
      expect(content()).toBe('王芳，您好！您的问题正在处理：增开窗口并致歉。中山路支行')
    })
  })

  // A page opened later (another complaint) starts from the saved wording, and can go back to the default.
  it('starts from the saved wording and restores a template’s default text', async () => {
    const { db } = await setup([VALID, PLAN])
    await db.meta.put({ key: SMS_TEMPLATES_KEY, value: { 'zh-CN': [{ id: 'progress', text: '旧的措辞 {name}' }] } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-progress')
    await vi.waitFor(async () => {
      await tap('sms-template-progress')
      expect(content()).toBe('旧的措辞 王芳')
    })
    await tap('sms-edit-templates')
    await tap('sms-template-reset-progress')
    await tap('sms-templates-save')
    await vi.waitFor(async () => expect((await db.meta.get(SMS_TEMPLATES_KEY))?.value).toEqual({ 'zh-CN': [] }))
  })

  it('starts from the bank’s wording once the centre has sent one, under the manager’s own edits', async () => {
    const { db } = await setup([VALID, PLAN])
    await db.meta.put({
      key: 'settings',
      value: {
        sms: {
          'zh-CN': [
            { id: 'acknowledgement', text: '{name}您好，本行已受理：{result}。' },
            { id: 'progress', text: '进展：{result}' },
          ],
        },
        version: 3,
      },
    })
    await db.meta.put({ key: SMS_TEMPLATES_KEY, value: { 'zh-CN': [{ id: 'progress', text: '我的措辞 {name}' }] } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await vi.waitFor(async () => {
      await tap('sms-template-acknowledgement')
      expect(content()).toBe('王芳您好，本行已受理：增开窗口并致歉。')
    })
    await tap('sms-template-progress')
    expect(content()).toBe('我的措辞 王芳')
    // Going back to "the default" is going back to the bank's text.
    await tap('sms-edit-templates')
    await tap('sms-template-reset-progress')
    expect(q<HTMLTextAreaElement>('[data-testid="sms-template-text-progress"]')!.value).toBe('进展：{result}')
  })

  it('offers a tel: link for a phone reply and logs what was said', async () => {
    const { written } = await setup([VALID])
    await open('customer.contacted')
    await choose('channel', 'phone')
    await choose('purpose', 'progress')
    expect(q('[data-testid="tel-link"]')!.getAttribute('href')).toBe('tel:13812345678')
    expect(q('[data-testid="sms-link"]')).toBeNull()
    expect(submitLabel()).toBe('已通话，记录')
    await fill('content', '电话告知已退费，客户表示认可')
    await save()
    expect(await written('customer.contacted')).toMatchObject({
      channel: 'phone',
      content: '电话告知已退费，客户表示认可',
    })
  })

  it('warns before logging an SMS the customer did not agree to, and logs it only when the manager confirms', async () => {
    const { types, written } = await setup([VALID], {
      recorded: { customer: { name: '王芳', phone: '13812345678', consentSms: false, consentPhone: true } },
    })
    await open('customer.contacted')
    await choose('channel', 'sms')
    expect(q('[data-testid="consent-warning"]')!.textContent).toContain('客户未同意短信联系')
    await choose('purpose', 'acknowledgement')
    await fill('content', '您好，已受理')
    await save()
    await confirmDialog('cancel')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
    await save()
    await confirmDialog('confirm')
    expect(await written('customer.contacted')).toMatchObject({ channel: 'sms' })
  })

  it('warns before logging a call the customer did not agree to', async () => {
    await setup([VALID], {
      recorded: { customer: { name: '王芳', phone: '13812345678', consentSms: true, consentPhone: false } },
    })
    await open('customer.contacted')
    await choose('channel', 'phone')
    expect(q('[data-testid="consent-warning"]')!.textContent).toContain('客户未同意电话联系')
    await choose('purpose', 'progress')
    await fill('content', '电话告知进度')
    await save()
    await vi.waitFor(() => expect(document.body.textContent).toContain('客户未同意电话联系。仍然记录这次电话吗？'))
  })

  it('says when there is no number to text or call', async () => {
    await setup([VALID], { recorded: { customer: { name: '王芳', consentSms: false, consentPhone: false } } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    expect(q('[data-testid="sms-link"]')).toBeNull()
    expect(q('[data-testid="no-phone"]')!.textContent).toContain('客户未留电话')
  })

  it('uses English templates in English', async () => {
    await setup([VALID, PLAN], { locale: 'en' })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-acknowledgement')
    expect(content()).toMatch(/^Dear 王芳, we have received the matter you raised on 2026-03-02/)
    expect(submitLabel()).toBe('Sent, log it')
  })
})

describe('tell the decision (处理决定告知)', () => {
  it('states what was verified, the decision, its basis and the remedies, in the SMS it sends (Art. 19)', async () => {
    const { written } = await setup([VALID, PLAN])
    await open('decision.notified')
    expect(q('[data-testid="notice-hint"]')!.textContent).toContain('向本行申请核查、申请调解、申请仲裁、提起诉讼')
    // Started from what the complaint already says: the plan's cause and plan, the verdict's reason.
    expect(field<HTMLTextAreaElement>('findings').value).toBe('高峰期窗口不足')
    expect(field<HTMLTextAreaElement>('decision').value).toBe('增开窗口并致歉')
    expect(field<HTMLTextAreaElement>('basis').value).toBe('属实')
    await fill('basis', '营业网点应合理安排窗口（服务规范第 3 条）')
    await choose('channel', 'sms')
    expect(qa('[data-testid^="sms-template-"]').map((e) => e.dataset.testid)).toEqual(['sms-template-decision'])
    await tap('sms-template-decision')
    expect(content()).toContain('经核实：高峰期窗口不足')
    expect(content()).toContain('处理决定：增开窗口并致歉')
    expect(content()).toContain('依据和理由：营业网点应合理安排窗口（服务规范第 3 条）')
    expect(content()).toContain('申请核查')
    expect(content()).toContain('调解、仲裁或提起诉讼')
    expect(content()).not.toMatch(/\{\w+\}/)
    const sent = content()
    await save()
    expect(await written('decision.notified')).toMatchObject({
      channel: 'sms',
      findings: '高峰期窗口不足',
      decision: '增开窗口并致歉',
      basis: '营业网点应合理安排窗口（服务规范第 3 条）',
      remedies: ['review', 'mediation', 'arbitration', 'litigation'],
      content: sent,
    })
  })

  it('is told for a complaint that is not valid too, and is refused before validity is judged', async () => {
    const { written } = await setup([
      { type: 'validity.judged', payload: { verdict: 'invalid', reason: '系统扣费符合合同约定' } },
    ])
    await open('decision.notified')
    await choose('channel', 'phone')
    await fill('findings', '年费按合同第 5 条收取')
    await fill('decision', '投诉不成立，不予退费')
    await fill('content', '电话告知处理决定、依据及救济途径')
    await save()
    expect(await written('decision.notified')).toMatchObject({
      decision: '投诉不成立，不予退费',
      basis: '系统扣费符合合同约定',
    })
  })

  it('is not offered before validity is judged, and is offered once it is', async () => {
    await setup([])
    expect(q('[data-testid="action-decision-notified"]')).toBeNull()
    await cleanUp()
    await setup([VALID])
    expect(q('[data-testid="action-decision-notified"]')).not.toBeNull()
  })
})
