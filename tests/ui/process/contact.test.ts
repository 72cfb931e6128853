import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SMS_TEMPLATES, fromChinaLocalInput, toChinaLocalInput } from '@/domain'
import { SMS_TEMPLATES_KEY } from '@/ui/process/useSmsTemplates'
import { alerts, choose, cleanUp, field, fill, open, PLAN, q, save, settle, setup, tap, VALID } from './processHarness'

afterEach(cleanUp)

const content = () => field<HTMLTextAreaElement>('content').value
const submitLabel = () => q('[data-testid="action-submit"]')!.textContent!.trim()
async function confirmDialog(answer: 'confirm' | 'cancel') {
  await vi.waitFor(() => expect(q(`.van-dialog__${answer}`)).not.toBeNull())
  q(`.van-dialog__${answer}`)!.click()
  await flushPromises()
}

describe('reply to / contact the customer', () => {
  it('requires what was said, writes nothing without it, then logs the contact as proof of notice', async () => {
    const { types, written } = await setup([VALID])
    await open('customer.contacted')
    await choose('channel', 'inPerson')
    await save()
    expect(alerts()).toContain('此项必填')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
    await choose('purpose', 'progress')
    await fill('content', '当面告知正在调取监控录像，明天答复')
    await fill('contactedAt', '2026-03-02T14:30')
    await save()
    expect(await written('customer.contacted')).toEqual({
      channel: 'inPerson', purpose: 'progress', content: '当面告知正在调取监控录像，明天答复', contactedAt: '2026-03-02T14:30:00+08:00',
    })
  })

  it('defaults the time to now, in China time, and refuses a time in the future', async () => {
    const { types } = await setup([VALID])
    await open('customer.contacted')
    const shown = Date.parse(fromChinaLocalInput(field('contactedAt').value)!)
    expect(Math.abs(shown - Date.now())).toBeLessThan(120_000)
    await fill('content', '已答复')
    await fill('contactedAt', toChinaLocalInput(new Date(Date.now() + 3 * 3_600_000)))
    await save()
    expect(alerts()).toContain('时间不能晚于现在')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
  })

  it('writes an SMS from a template filled in for the complaint, opens the messaging app, and logs it once confirmed sent', async () => {
    const { written } = await setup([VALID, PLAN])
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-reply')
    expect(content()).toContain('王芳您好')
    expect(content()).toContain('2026年3月2日')
    expect(content()).toContain('增开窗口并致歉')
    expect(q<HTMLInputElement>('[data-testid="action-field-purpose-reply"]')!.checked).toBe(true)
    // The manager edits the text before sending; the link carries the edited text.
    await fill('content', `${content()}（网点电话 12345）`)
    expect(q('[data-testid="sms-link"]')!.getAttribute('href')).toBe(`sms:13812345678?body=${encodeURIComponent(content())}`)
    expect(submitLabel()).toBe('已发送，记录')
    const sent = content()
    await save()
    expect(await written('customer.contacted')).toMatchObject({ channel: 'sms', purpose: 'reply', content: sent })
  })

  it('will not log an SMS that still has a blank placeholder', async () => {
    const { types, written } = await setup([VALID])
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-reply')
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
    const ext = { type: 'complaint.extended', payload: { reason: '需调取监控录像', newDueDate: '2026-03-20', noticeChannel: 'sms', noticeAt: '2026-03-02T12:00:00+08:00' } } as const
    await setup([VALID, ext])
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
    const text = q<HTMLTextAreaElement>('[data-testid="sms-template-text-reply"]')!
    expect(text.value).toBe(DEFAULT_SMS_TEMPLATES['zh-CN'][0]!.text)
    text.value = '{name}，您好！您的问题已处理：{result}。中山路支行'
    text.dispatchEvent(new Event('input'))
    await tap('sms-templates-save')
    await vi.waitFor(async () => {
      expect((await db.meta.get(SMS_TEMPLATES_KEY))?.value).toEqual({ 'zh-CN': [{ id: 'reply', text: '{name}，您好！您的问题已处理：{result}。中山路支行' }] })
    })
    await vi.waitFor(async () => {
      await tap('sms-template-reply')
      expect(content()).toBe('王芳，您好！您的问题已处理：增开窗口并致歉。中山路支行')
    })
  })

  // A page opened later (another complaint) starts from the saved wording, and can go back to the default.
  it('starts from the saved wording and restores a template’s default text', async () => {
    const { db } = await setup([VALID, PLAN])
    await db.meta.put({ key: SMS_TEMPLATES_KEY, value: { 'zh-CN': [{ id: 'reply', text: '旧的措辞 {name}' }] } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-reply')
    await vi.waitFor(async () => {
      await tap('sms-template-reply')
      expect(content()).toBe('旧的措辞 王芳')
    })
    await tap('sms-edit-templates')
    await tap('sms-template-reset-reply')
    await tap('sms-templates-save')
    await vi.waitFor(async () => expect((await db.meta.get(SMS_TEMPLATES_KEY))?.value).toEqual({ 'zh-CN': [] }))
  })

  it('starts from the bank’s wording once the centre has sent one, under the manager’s own edits', async () => {
    const { db } = await setup([VALID, PLAN])
    await db.meta.put({ key: 'settings', value: { sms: { 'zh-CN': [{ id: 'reply', text: '{name}您好，本行已处理：{result}。' }, { id: 'progress', text: '进展：{result}' }] }, version: 3 } })
    await db.meta.put({ key: SMS_TEMPLATES_KEY, value: { 'zh-CN': [{ id: 'progress', text: '我的措辞 {name}' }] } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await vi.waitFor(async () => {
      await tap('sms-template-reply')
      expect(content()).toBe('王芳您好，本行已处理：增开窗口并致歉。')
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
    expect(q('[data-testid="tel-link"]')!.getAttribute('href')).toBe('tel:13812345678')
    expect(q('[data-testid="sms-link"]')).toBeNull()
    expect(submitLabel()).toBe('已通话，记录')
    await fill('content', '电话告知已退费，客户表示认可')
    await save()
    expect(await written('customer.contacted')).toMatchObject({ channel: 'phone', content: '电话告知已退费，客户表示认可' })
  })

  it('warns before logging an SMS the customer did not agree to, and logs it only when the manager confirms', async () => {
    const { types, written } = await setup([VALID], { recorded: { customer: { name: '王芳', phone: '13812345678', consentSms: false, consentPhone: true } } })
    await open('customer.contacted')
    await choose('channel', 'sms')
    expect(q('[data-testid="consent-warning"]')!.textContent).toContain('客户未同意短信联系')
    await fill('content', '您好，已处理')
    await save()
    await confirmDialog('cancel')
    await settle()
    expect(await types()).not.toContain('customer.contacted')
    await save()
    await confirmDialog('confirm')
    expect(await written('customer.contacted')).toMatchObject({ channel: 'sms' })
  })

  it('warns before logging a call the customer did not agree to', async () => {
    await setup([VALID], { recorded: { customer: { name: '王芳', phone: '13812345678', consentSms: true, consentPhone: false } } })
    await open('customer.contacted')
    await choose('channel', 'phone')
    expect(q('[data-testid="consent-warning"]')!.textContent).toContain('客户未同意电话联系')
    await fill('content', '电话答复')
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
    await tap('sms-template-reply')
    expect(content()).toMatch(/^Dear 王芳, about the matter you raised on 2026-03-02/)
    expect(submitLabel()).toBe('Sent, log it')
  })
})
