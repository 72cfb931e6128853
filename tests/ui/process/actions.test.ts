import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { chinaDate, fromChinaLocalInput, toChinaLocalInput } from '@/domain'
import type { EventDraft, EventType } from '@/domain'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import {
  alerts,
  choose,
  cleanUp,
  CLOSED_HISTORY,
  fill,
  open,
  PLAN,
  q,
  qa,
  NOTICE,
  RESOLVED,
  save,
  settle,
  setup,
  tap,
  VALID,
} from './processHarness'

afterEach(cleanUp)

const DAY = 86_400_000
const inDays = (n: number) => chinaDate(new Date(Date.now() + n * DAY))
/** Received an hour ago, so that every time limit is still ahead. */
const RECENT = { receivedAt: new Date(Date.now() - 3_600_000).toISOString() }
/** Now, to the minute, as the time inputs take it. */
const NOW = toChinaLocalInput(new Date())
const TOLD_NOW: EventDraft = {
  type: 'decision.notified',
  payload: {
    channel: 'phone',
    notifiedAt: new Date(Date.now() - 1_800_000).toISOString(),
    decision: '退费',
    findings: '扣费有误',
    basis: '合同第 5 条',
    remedies: ['review', 'mediation', 'arbitration', 'litigation'],
    content: '电话告知',
  },
}
const ESCALATED: EventDraft = {
  type: 'complaint.escalated',
  payload: { reason: '需协调清算中心', supervisor: { staffId: 'staff-zhao', staffName: '赵主管' } },
}

interface Case {
  type: EventType
  history?: EventDraft[]
  recent?: boolean
  /** Required inputs, cleared first: saving then shows "required" under each and writes nothing. */
  required: string[]
  /** Required choices with no default: also "required" until chosen. */
  requiredChoices?: number
  fill?: Record<string, string>
  choose?: Record<string, string>
  payload: Record<string, unknown>
}

const CASES: Case[] = [
  {
    type: 'complaint.acknowledged',
    required: [],
    fill: { note: '已安抚客户，承诺今日答复' },
    payload: { note: '已安抚客户，承诺今日答复' },
  },
  {
    type: 'validity.judged',
    required: ['reason'],
    choose: { verdict: 'invalid' },
    fill: { reason: '按收费标准执行' },
    payload: { verdict: 'invalid', reason: '按收费标准执行' },
  },
  {
    type: 'plan.proposed',
    required: ['cause', 'plan', 'responsible'],
    fill: { cause: '高峰期窗口不足', plan: '增开窗口', responsible: '张伟', promisedDate: inDays(3) },
    payload: {
      cause: '高峰期窗口不足',
      plan: '增开窗口',
      responsible: { staffId: 'name:张伟', staffName: '张伟' },
      promisedDate: inDays(3),
    },
  },
  {
    type: 'owner.handedOff',
    required: ['toName', 'reason'],
    fill: { toName: '张伟', reason: '轮班交接' },
    payload: { to: { staffId: 'name:张伟', staffName: '张伟' }, reason: '轮班交接' },
  },
  {
    type: 'complaint.escalated',
    required: ['reason'],
    fill: { reason: '涉及其他网点' },
    payload: { reason: '涉及其他网点', supervisor: undefined },
  },
  {
    type: 'supervisor.planRecorded',
    history: [ESCALATED],
    required: ['plan', 'supervisorName'],
    fill: { plan: '由主管协调退费', supervisorName: '赵主管' },
    payload: { plan: '由主管协调退费', supervisor: { staffId: 'staff-zhao', staffName: '赵主管' } },
  },
  {
    type: 'complaint.extended',
    recent: true,
    required: ['reason', 'newDueDate', 'noticeAt'],
    fill: { reason: '需调取监控录像', newDueDate: inDays(20), noticeAt: NOW },
    choose: { noticeChannel: 'phone' },
    payload: {
      reason: '需调取监控录像',
      newDueDate: inDays(20),
      noticeChannel: 'phone',
      noticeAt: fromChinaLocalInput(NOW),
    },
  },
  {
    type: 'decision.notified',
    history: [VALID],
    required: ['findings', 'decision', 'basis', 'content', 'notifiedAt'],
    choose: { channel: 'letter' },
    fill: {
      findings: '叫号记录显示等候 70 分钟',
      decision: '致歉并增开窗口',
      basis: '服务规范',
      content: '书面告知',
      notifiedAt: '2026-03-03T10:00',
    },
    payload: {
      channel: 'letter',
      findings: '叫号记录显示等候 70 分钟',
      decision: '致歉并增开窗口',
      basis: '服务规范',
      content: '书面告知',
      notifiedAt: '2026-03-03T02:00:00.000Z',
      remedies: ['review', 'mediation', 'arbitration', 'litigation'],
    },
  },
  {
    type: 'customer.unreachable',
    history: [VALID],
    required: ['reason'],
    fill: { reason: '电话三次无人接听，未留地址' },
    payload: { reason: '电话三次无人接听，未留地址' },
  },
  {
    type: 'review.requested',
    recent: true,
    history: [VALID, TOLD_NOW, { type: 'complaint.closed', payload: {} }],
    required: ['reason', 'requestedAt'],
    fill: { reason: '不认可处理决定', requestedAt: NOW },
    payload: { reason: '不认可处理决定', requestedAt: fromChinaLocalInput(NOW) },
  },
  { type: 'clock.paused', required: ['reason'], fill: { reason: '等待司法鉴定' }, payload: { reason: '等待司法鉴定' } },
  {
    type: 'clock.resumed',
    history: [{ type: 'clock.paused', payload: { reason: '鉴定' } }],
    required: [],
    fill: { note: '鉴定结果已出' },
    payload: { note: '鉴定结果已出' },
  },
  {
    type: 'complaint.resolved',
    required: ['summary'],
    fill: { summary: '已退还年费 200 元' },
    payload: { summary: '已退还年费 200 元' },
  },
  {
    type: 'opinion.recorded',
    history: [VALID, NOTICE, RESOLVED],
    required: [],
    choose: { opinion: 'partly' },
    fill: { words: '基本满意，希望以后快一点' },
    payload: { opinion: 'partly', words: '基本满意，希望以后快一点' },
  },
  {
    type: 'complaint.closed',
    history: [VALID, PLAN, NOTICE, RESOLVED],
    required: [],
    fill: { note: '客户满意' },
    payload: { note: '客户满意' },
  },
  {
    type: 'followUp.scheduled',
    history: CLOSED_HISTORY,
    required: ['dueDate'],
    fill: { dueDate: inDays(7) },
    payload: { dueDate: inDays(7) },
  },
  {
    type: 'followUp.done',
    history: CLOSED_HISTORY,
    required: ['content'],
    requiredChoices: 1,
    choose: { channel: 'inPerson', satisfaction: 'satisfied' },
    fill: { content: '客户来网点时回访，表示满意' },
    payload: { channel: 'inPerson', content: '客户来网点时回访，表示满意', satisfaction: 'satisfied' },
  },
  {
    type: 'complaint.reopened',
    history: CLOSED_HISTORY,
    required: ['reason'],
    fill: { reason: '客户反映新情况' },
    payload: { reason: '客户反映新情况' },
  },
  {
    type: 'complaint.withdrawn',
    required: ['reason'],
    fill: { reason: '客户自行撤回' },
    payload: { reason: '客户自行撤回' },
  },
]

describe('each action validates its form and writes its one event', () => {
  it.each(CASES.map((c) => [c.type, c] as const))('%s', async (type, c) => {
    const { types, written } = await setup(c.history ?? [], { recorded: c.recent ? RECENT : undefined })
    const before = (await types()).length
    await open(type)
    if (c.required.length) {
      for (const name of c.required) await fill(name, '')
      await save()
      expect(alerts().filter((a) => a === '此项必填')).toHaveLength(c.required.length + (c.requiredChoices ?? 0))
      await settle()
      expect(await types()).toHaveLength(before)
      expect(q(`[data-testid="sheet-${type.replace('.', '-')}"]`), 'the sheet stays open').not.toBeNull()
    }
    for (const [name, value] of Object.entries(c.choose ?? {})) await choose(name, value)
    for (const [name, value] of Object.entries(c.fill ?? {})) await fill(name, value)
    await save()
    const payload = await written(type)
    expect(payload).toMatchObject(JSON.parse(JSON.stringify(c.payload)) as object)
    for (const [k, v] of Object.entries(c.payload))
      if (v === undefined) expect((payload as Record<string, unknown>)[k]).toBeUndefined()
    expect(await types()).toHaveLength(before + 1)
    // Saved: the sheet closes with a toast.
    expect(document.body.textContent).toContain('已记录')
  })
})

describe('details of particular actions', () => {
  it('writes the first response without a note when none is typed', async () => {
    const { written } = await setup()
    await open('complaint.acknowledged')
    await save()
    expect(await written('complaint.acknowledged')).toEqual({})
  })

  it('shows the current owner when handing off, and will not hand off to the same person', async () => {
    const { types } = await setup()
    await open('owner.handedOff')
    expect(q('[data-testid="current-owner"]')!.textContent).toContain('大堂经理')
    await fill('toName', '大堂经理')
    await fill('reason', '交接')
    await save()
    expect(alerts().join()).toContain('大堂经理 已经是当前责任人')
    await settle()
    expect(await types()).not.toContain('owner.handedOff')
  })

  it('hands off to a colleague picked from the tablet, with their staff id', async () => {
    const { written } = await setup()
    useSessionStore().users = [
      {
        staffId: 'staff-zhao',
        name: '赵敏',
        role: 'manager',
        pin: { salt: '', hash: '', iterations: 1 },
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ]
    await open('owner.handedOff')
    const chips = qa('[data-testid="person-toName"]')
    expect(chips.map((c) => c.textContent!.trim())).toEqual(['赵敏'])
    chips[0]!.click()
    await fill('reason', '下班交接')
    await save()
    expect(await written('owner.handedOff')).toEqual({
      to: { staffId: 'staff-zhao', staffName: '赵敏' },
      reason: '下班交接',
    })
  })

  it('names the supervisor of an escalation when one is given', async () => {
    const { written } = await setup()
    await open('complaint.escalated')
    await fill('reason', '金额较大')
    await fill('supervisorName', '赵主管')
    await save()
    expect(await written('complaint.escalated')).toEqual({
      reason: '金额较大',
      supervisor: { staffId: 'name:赵主管', staffName: '赵主管' },
    })
  })

  it('starts the supervisor’s plan with the supervisor named at escalation', async () => {
    await setup([ESCALATED])
    await open('supervisor.planRecorded')
    expect((q('[data-testid="action-field-supervisorName"]') as HTMLInputElement).value).toBe('赵主管')
  })

  it('starts the plan from the seven-step script’s root cause and plan, with the owner responsible', async () => {
    const gather: EventDraft = { type: 'script.stepDone', payload: { step: 'gather', rootCause: 'ATM 读卡故障' } }
    const propose: EventDraft = {
      type: 'script.stepDone',
      payload: { step: 'propose', plan: '当日取卡', promisedDate: '2026-03-03' },
    }
    await setup([gather, propose])
    await open('plan.proposed')
    expect((q('[data-testid="action-field-cause"]') as HTMLTextAreaElement).value).toBe('ATM 读卡故障')
    expect((q('[data-testid="action-field-plan"]') as HTMLTextAreaElement).value).toBe('当日取卡')
    expect((q('[data-testid="action-field-responsible"]') as HTMLInputElement).value).toBe('大堂经理')
  })

  it('a follow-up asks whether the customer is satisfied, and will not be recorded without the answer', async () => {
    const { types, written } = await setup(CLOSED_HISTORY)
    await open('followUp.done')
    expect(qa('[data-testid^="action-field-satisfaction-"]').map((e) => e.dataset.testid)).toEqual([
      'action-field-satisfaction-satisfied',
      'action-field-satisfaction-partly',
      'action-field-satisfaction-dissatisfied',
    ])
    expect(q('[data-testid="sheet-followUp-done"]')!.textContent).toContain('基本满意')
    await fill('content', '电话回访')
    await save()
    expect(alerts()).toEqual(['此项必填'])
    await settle()
    expect(await types()).not.toContain('followUp.done')
    await choose('satisfaction', 'dissatisfied')
    await save()
    expect(await written('followUp.done')).toMatchObject({ content: '电话回访', satisfaction: 'dissatisfied' })
  })

  it('the extension told by SMS opens the messaging app with the notice filled from the form', async () => {
    await setup([], { recorded: RECENT })
    await open('complaint.extended')
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', inDays(20))
    await choose('noticeChannel', 'sms')
    const text = q('[data-testid="extension-sms-text"]')!.textContent!
    expect(text).toContain('王芳您好')
    expect(text).toContain('因需调取监控录像需要延长处理时限')
    const [y, m, d] = inDays(20).split('-').map(Number)
    expect(text).toContain(`${y}年${m}月${d}日`)
    expect(q('[data-testid="sms-link"]')!.getAttribute('href')).toBe(`sms:13812345678?body=${encodeURIComponent(text)}`)
    await choose('noticeChannel', 'phone')
    expect(q('[data-testid="tel-link"]')).not.toBeNull()
    await choose('noticeChannel', 'inPerson')
    expect(q('[data-testid="sms-link"]')).toBeNull()
  })

  it('explains the 45-working-day cap and refuses a date past it', async () => {
    const { types } = await setup([], { recorded: RECENT })
    await open('complaint.extended')
    expect(q('[data-testid="extension-hint"]')!.textContent).toContain('45 个工作日')
    await fill('reason', '需调取录像')
    await fill('newDueDate', inDays(400))
    await save()
    expect(alerts().join()).toContain('不能晚于')
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('past 30 days asks for a superior’s approval first: no name typed on the form approves it', async () => {
    const { types } = await setup([], { recorded: RECENT })
    await open('complaint.extended')
    expect(q('[data-testid="action-field-approvedBy"]')).toBeNull()
    await fill('reason', '情况特别复杂')
    await fill('newDueDate', inDays(45))
    await save()
    expect(alerts().join()).toContain('须先申请延期，经上级机构或总行高级管理人员审批')
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('offers no extension once the deadline it would extend has passed: the breach stays recorded', async () => {
    await setup()
    expect(q('[data-testid="action-complaint-extended"]')).toBeNull()
    expect(q('[data-testid="action-extension-requested"]')).toBeNull()
    await cleanUp()
    await setup([], { recorded: RECENT })
    expect(q('[data-testid="action-complaint-extended"]')).not.toBeNull()
  })

  it('lets a superior approver approve a request past 30 days; a supervisor may only refuse it', async () => {
    const request: EventDraft = {
      type: 'extension.requested',
      payload: { reason: '需境外代理行协查', newDueDate: inDays(45) },
    }
    const { written } = await setup([request], { recorded: RECENT })
    const session = useSessionStore()
    session.current = { staffId: 'staff-zhao', name: '赵主管', role: 'supervisor', approvalLevel: null }
    await flushPromises()
    await open('extension.decided')
    expect(q('[data-testid="decision-needs"]')!.textContent).toContain('须上级机构或总行高级管理人员审批')
    await fill('comment', '同意')
    await save()
    expect(alerts().join()).toContain('您没有审批超过 30 日延期的权限')
    session.current = { staffId: 'staff-qian', name: '钱总', role: 'supervisor', approvalLevel: 'superior' }
    await flushPromises()
    await save()
    expect(await written('extension.decided')).toMatchObject({
      approved: true,
      level: 'superior',
      supervisor: { staffId: 'staff-qian', staffName: '钱总' },
    })
  })

  it('will not schedule a follow-up in the past', async () => {
    const { types } = await setup(CLOSED_HISTORY)
    await open('followUp.scheduled')
    await fill('dueDate', inDays(-2))
    await save()
    expect(alerts()).toContain('日期不能早于今天')
    await settle()
    expect(await types()).not.toContain('followUp.scheduled')
  })

  it('cancels without writing', async () => {
    const { types } = await setup()
    await open('complaint.resolved')
    await fill('summary', '已处理')
    const cancel = qa('.van-popup button').find((b) => b.textContent?.includes('取消'))!
    cancel.click()
    await settle()
    expect(await types()).toEqual(['complaint.recorded'])
  })

  it('shows its messages in English', async () => {
    await setup([], { locale: 'en' })
    await open('complaint.withdrawn')
    await save()
    expect(alerts()).toContain('Required')
    await tap('action-submit')
  })
})
