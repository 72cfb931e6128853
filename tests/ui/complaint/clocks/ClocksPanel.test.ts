import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ClocksPanel from '@/ui/complaint/clocks/ClocksPanel.vue'
import { mountWithApp } from '../../../support/mountWithApp'
import { cnIso, extension, history, notice, QIAN, VALID } from '../../../support/timeline'
import type { Step } from '../../../support/timeline'

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

async function panel(now: string, steps: Step[], locale: 'zh-CN' | 'en' = 'zh-CN') {
  vi.useFakeTimers({ now: new Date(cnIso(now)), toFake: ['Date'] })
  const { wrapper } = await mountWithApp(ClocksPanel, {
    locale,
    props: { complaint: history('2026-03-02 09:00', steps).state },
  })
  return (testid: string) => wrapper.find(`[data-testid="${testid}"]`)
}

describe('ClocksPanel', () => {
  it('shows the overdue first response first, and each clock with its source, in Chinese', async () => {
    const find = await panel('2026-03-04 10:00', [])
    expect(find('clock-binding').text()).toContain('首次响应（24 小时）')
    expect(find('clock-binding').text()).toContain('已超时')
    expect(find('clock-reply').text()).toContain('2026/03/23')
    expect(find('clock-regulatory').text()).toContain('《办法》第十八条')
    expect(find('clock-handling').text()).toContain('告知客户延期及原因')
  })

  it('counts an extension the moment it is saved, not at the next tick of the clock', async () => {
    vi.useFakeTimers({ now: new Date(cnIso('2026-03-03 10:00')), toFake: ['Date'] })
    const { wrapper } = await mountWithApp(ClocksPanel, { props: { complaint: history('2026-03-02 09:00', []).state } })
    expect(wrapper.get('[data-testid="clock-reply"]').text()).toContain('2026/03/23')
    // A minute later, before the panel's clock has ticked, the manager saves an extension: the page gets it.
    vi.setSystemTime(new Date(cnIso('2026-03-03 10:01')))
    const saved = history('2026-03-02 09:00', [['2026-03-03 10:01', extension('2026-03-31', '2026-03-03 10:01')]]).state
    await wrapper.setProps({ complaint: saved })
    await nextTick()
    expect(wrapper.get('[data-testid="clock-reply"]').text()).toContain('2026/03/31')
    // And how far it could still go: the 45-working-day cap.
    expect(wrapper.get('[data-testid="clock-extended"]').text()).toBe('已延长至 2026-03-31（最长至 2026-05-08）')
  })

  it('says in words that a clock is paused, on screen in both languages', async () => {
    const steps: Step[] = [['2026-03-04 10:00', { type: 'clock.paused', payload: { reason: '司法鉴定' } }]]
    const zh = await panel('2026-03-06 10:00', steps)
    expect(zh('clock-reply').attributes('data-state')).toBe('paused')
    expect(zh('clock-reply').text()).toContain('暂停计时')
    expect(zh('clock-reply').text()).not.toContain('clocks.states')
    document.body.innerHTML = ''
    const en = await panel('2026-03-06 10:00', steps, 'en')
    expect(en('clock-regulatory').text()).toContain('Paused')
  })

  it('keeps a breach visible: overdue since the deadline, and a late extension said not to count', async () => {
    const find = await panel('2026-03-20 11:00', [['2026-03-20 10:00', extension('2026-04-01', '2026-03-20 10:00')]])
    expect(find('clock-regulatory').attributes('data-state')).toBe('overdue')
    expect(find('clock-regulatory').text()).toContain('自 2026/03/17 23:59 起超时')
    expect(find('clock-regulatory').text()).toContain(
      '延期至 2026-04-01 的决定或告知晚于期限 2026/03/17 23:59，不予计入',
    )
  })

  it('shows an extension to 60 days with the superior’s approval and the notice to the customer', async () => {
    const steps: Step[] = [
      [
        '2026-03-09 10:00',
        { type: 'extension.requested', payload: { reason: '需境外查询', newDueDate: '2026-05-06' } },
      ],
    ]
    const { f, events } = history('2026-03-02 09:00', steps)
    events.push(
      f.make(
        {
          type: 'extension.decided',
          payload: {
            requestId: events[1]!.id,
            approved: true,
            comment: '同意',
            supervisor: { staffId: QIAN.staffId, staffName: QIAN.staffName },
            level: 'superior',
          },
        },
        { wall: Date.parse(cnIso('2026-03-10 09:00')), actor: QIAN },
      ),
    )
    events.push(f.make(extension('2026-05-06', '2026-03-10 10:00'), { wall: Date.parse(cnIso('2026-03-10 10:00')) }))
    vi.useFakeTimers({ now: new Date(cnIso('2026-04-10 10:00')), toFake: ['Date'] })
    const { fold } = await import('@/domain')
    const { wrapper } = await mountWithApp(ClocksPanel, { props: { complaint: fold(events)! } })
    const regulatory = wrapper.get('[data-testid="clock-regulatory"]').text()
    expect(regulatory).toContain('2026/05/06')
    expect(regulatory).toContain('时限 60 日')
    expect(regulatory).toContain('经 钱总（上级机构/总行）于 2026/03/10 09:00 审批延长')
    expect(regulatory).toContain('延期至 2026-05-06，已告知客户')
  })

  it('shows the round of new facts, and keeps the earlier round’s clocks', async () => {
    const find = await panel('2026-04-21 10:00', [
      ['2026-03-05 09:00', VALID],
      ['2026-03-05 10:00', notice('2026-03-05 10:00')],
      ['2026-03-05 11:00', { type: 'complaint.closed', payload: {} }],
      [
        '2026-04-20 11:00',
        { type: 'complaint.reopened', payload: { reason: '新的转账凭证', receivedAt: cnIso('2026-04-20 10:00') } },
      ],
    ])
    expect(find('clock-round').text()).toContain('第 2 轮 · 新情况，重新受理 · 2026/04/20 10:00 起算')
    expect(find('clock-regulatory').text()).toContain('2026/05/06')
    expect(find('clock-earlier').text()).toContain('原投诉')
    expect(find('clock-earlier').text()).toContain('按时完成')
  })

  it('shows a withdrawn complaint with no running clock', async () => {
    const find = await panel('2026-03-20 10:00', [
      ['2026-03-05 10:00', { type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }],
    ])
    expect(find('clock-binding').exists()).toBe(false)
    expect(find('clock-regulatory').attributes('data-state')).toBe('stopped')
  })

  it('warns in English that a deadline in an unpublished year is provisional', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-21T10:00:00+08:00'), toFake: ['Date'] })
    const { wrapper } = await mountWithApp(ClocksPanel, {
      locale: 'en',
      props: { complaint: history('2026-12-20 09:00').state },
    })
    expect(wrapper.get('[data-testid="clock-provisional"]').text()).toContain('not yet published')
    expect(wrapper.get('[data-testid="clock-reply"]').text()).toContain('01/11/2027')
  })
})
