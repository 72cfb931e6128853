import { flushPromises } from '@vue/test-utils'
import { closeDialog } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import type { EventDraft, EventType } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import ProcessPanel from '@/ui/process/ProcessPanel.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  // Vant's dialog is a singleton mounted once in <body>: close it rather than wiping the body.
  closeDialog()
  await flushPromises()
})

/** A complaint in the given history, and the panel mounted on its current state. */
async function setup(history: EventDraft[] = [], locale: 'zh-CN' | 'en' = 'zh-CN') {
  const db = new ComplaintDb(`process-${newId()}`)
  const id = newId()
  const { state } = await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }, ...history])
  const app = await mountWithApp(ProcessPanel, { db, locale, props: { complaint: state } })
  cleanups.push(async () => {
    app.wrapper.unmount()
    await db.delete()
  })
  const types = async () => (await db.events.where('complaintId').equals(id).toArray()).map((e) => e.type)
  return { ...app, db, id, types }
}

const body = () => document.body
const q = (sel: string) => body().querySelector<HTMLElement>(sel)
async function open(type: EventType) {
  const button = q(`[data-testid="action-${type.replace('.', '-')}"]`) ?? q(`[data-testid="next-step"][data-action="${type}"]`)
  expect(button, `button for ${type}`).not.toBeNull()
  button!.click()
  await flushPromises()
}
async function fill(name: string, value: string) {
  const el = q(`[data-testid="action-field-${name}"]`) as HTMLInputElement | HTMLTextAreaElement
  expect(el, `field ${name}`).not.toBeNull()
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
async function choose(name: string, value: string) {
  const el = q(`[data-testid="action-field-${name}-${value}"]`) as HTMLInputElement
  el.checked = true
  el.dispatchEvent(new Event('change'))
  await flushPromises()
}
async function save() {
  q('[data-testid="action-submit"]')!.click()
  await flushPromises()
}

const VALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }
const REPLY: EventDraft = { type: 'customer.contacted', payload: { channel: 'sms', purpose: 'reply', content: '已处理', contactedAt: '2026-03-02T10:00:00+08:00' } }
const RESOLVED: EventDraft = { type: 'complaint.resolved', payload: { summary: '已退费' } }
/** Actions whose form has a required text field (the opinion's choice is preset, its words optional). */
const ACTIONS_WITH_REQUIRED_TEXT = new Set<EventType>(['validity.judged', 'plan.proposed', 'owner.handedOff', 'complaint.escalated', 'clock.paused', 'complaint.resolved', 'complaint.withdrawn', 'field.corrected', 'supervisor.planRecorded', 'followUp.scheduled', 'followUp.done', 'complaint.reopened'])
const CLOSED_HISTORY: EventDraft[] = [VALID, REPLY, RESOLVED, { type: 'complaint.closed', payload: {} }]

describe('ProcessPanel', () => {
  it('suggests the first response on a new complaint and records it', async () => {
    const { types } = await setup()
    expect(q('[data-testid="next-step"]')!.textContent).toContain('首次响应')
    await open('complaint.acknowledged')
    await save()
    await vi.waitFor(async () => expect(await types()).toContain('complaint.acknowledged'))
  })

  // Each action: required fields are refused with a message and nothing is written, then the event is written.
  it.each([
    ['validity.judged', [], [['reason', '核实属实']], []],
    ['plan.proposed', [], [['cause', '高峰期窗口不足'], ['plan', '增开窗口']], []],
    ['owner.handedOff', [], [['toName', '张伟'], ['reason', '轮班']], []],
    ['complaint.escalated', [], [['reason', '需协调其他部门']], []],
    ['clock.paused', [], [['reason', '司法鉴定']], []],
    ['complaint.resolved', [], [['summary', '已退还年费']], []],
    ['complaint.withdrawn', [], [['reason', '客户撤回']], []],
    ['field.corrected', [], [['value', '王芳芳'], ['reason', '笔误']], []],
    ['supervisor.planRecorded', [{ type: 'complaint.escalated', payload: { reason: '复杂' } }], [['plan', '由主管协调'], ['supervisorName', '赵主管']], []],
    ['opinion.recorded', [VALID, REPLY, RESOLVED], [['words', '还算满意']], []],
    ['followUp.scheduled', CLOSED_HISTORY, [['dueDate', '2099-01-10']], []],
    ['followUp.done', CLOSED_HISTORY, [['content', '回访客户表示满意']], []],
    ['complaint.reopened', CLOSED_HISTORY, [['reason', '客户反映新情况']], []],
  ] as [EventType, EventDraft[], [string, string][], string[]][])('%s validates and records', async (type, history, fields) => {
    const { types } = await setup(history)
    await open(type)
    if (ACTIONS_WITH_REQUIRED_TEXT.has(type)) {
      await save()
      expect(body().textContent).toContain('此项必填')
      expect(await types()).not.toContain(type)
    }
    for (const [name, value] of fields) await fill(name, value)
    await save()
    await vi.waitFor(async () => expect(await types()).toContain(type))
  })

  it('logs an SMS reply from a template, with a link that opens the messaging app', async () => {
    const { db, id, types } = await setup([VALID], 'zh-CN')
    await open('customer.contacted')
    await choose('channel', 'sms')
    q('[data-testid="sms-template-reply"]')!.click()
    await flushPromises()
    const content = (q('[data-testid="action-field-content"]') as HTMLTextAreaElement).value
    expect(content).toContain('王芳您好')
    expect(q('[data-testid="sms-link"]')!.getAttribute('href')).toBe(`sms:13812345678?body=${encodeURIComponent(content)}`)
    await save()
    await vi.waitFor(async () => expect(await types()).toContain('customer.contacted'))
    const [contact] = await db.events.where('complaintId').equals(id).filter((e) => e.type === 'customer.contacted').toArray()
    expect(contact!.payload).toMatchObject({ channel: 'sms', purpose: 'reply', content })
  })

  it('offers a tel: link for a phone reply', async () => {
    await setup([VALID])
    await open('customer.contacted')
    await choose('channel', 'phone')
    expect(q('[data-testid="tel-link"]')!.getAttribute('href')).toBe('tel:13812345678')
  })

  it('refuses to close a valid complaint that has had no reply, in Chinese, and writes nothing', async () => {
    const { types } = await setup([VALID])
    await open('complaint.closed')
    await save()
    await vi.waitFor(() => expect(body().textContent).toContain('投诉成立但尚未答复客户，不能办结：请先记录当面、短信或电话答复'))
    expect(await types()).not.toContain('complaint.closed')
  })

  it('refuses to close before validity is judged, in English', async () => {
    const { types } = await setup([], 'en')
    await open('complaint.closed')
    await save()
    await vi.waitFor(() => expect(body().textContent).toContain('Judge whether the complaint is valid before closing it'))
    expect(await types()).not.toContain('complaint.closed')
  })

  it('requires the reason, the new date and how and when the customer was told to extend', async () => {
    const { types } = await setup([VALID])
    await open('complaint.extended')
    await fill('noticeAt', '')
    await save()
    expect(body().querySelectorAll('[role="alert"]').length).toBeGreaterThanOrEqual(3)
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', '2099-01-01')
    await fill('noticeAt', '2026-03-02T11:00')
    await save()
    expect(body().textContent).toContain('45 个工作日')
    expect(await types()).not.toContain('complaint.extended')
  })

  it('offers only what a closed complaint allows', async () => {
    await setup(CLOSED_HISTORY)
    expect(q('[data-testid="action-complaint-escalated"]')).toBeNull()
    expect(q('[data-testid="action-complaint-reopened"]')).not.toBeNull()
    expect(q('[data-testid="next-step"]')!.textContent).toContain('安排回访')
  })
})
