import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { DEFAULT_POLICY } from '@/domain'
import ClocksPanel from '@/ui/complaint/clocks/ClocksPanel.vue'
import { usePolicyT } from '@/ui/composables/usePolicyT'
import { createTestI18n } from '../support/testI18n'
import { mountWithApp } from '../support/mountWithApp'
import { cnIso, history } from '../support/timeline'

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('counts in English read singular for one, plural otherwise; Chinese has one form', () => {
  const en = createTestI18n('en').global
  const zh = createTestI18n('zh-CN').global
  it.each([
    ['auth.wrongPin', 'Wrong PIN: 1 attempt left', 'Wrong PIN: 3 attempts left', 'PIN 错误，还可尝试 1 次'],
    ['script.summary.pendingCount', '1 step not done yet', '3 steps not done yet', '还有 1 个步骤未完成'],
    ['sync.rejected', '1 record refused by the server', '3 records refused by the server', '1 条记录被服务器拒绝'],
    ['intake.repeat', 'This number has 1 earlier complaint', 'This number has 3 earlier complaints', null],
    ['print.count', '1 complaint', '3 complaints', null],
    ['admin.staff.count', '1 person', '3 people', '共 1 人'],
    ['clocks.limitDays', 'Limit 1 day', 'Limit 3 days', '时限 1 日'],
    ['clocks.excluded', '1 paused day excluded', '3 paused days excluded', '已扣除暂停计时 1 天'],
  ])('%s', (key, one, many, chinese) => {
    expect(en.t(key, { n: 1 })).toBe(one)
    expect(en.t(key, { n: 3 })).toBe(many)
    if (chinese) expect(zh.t(key, { n: 1 })).toBe(chinese)
  })
})

describe('the clocks state the limits the centre’s policy sets', () => {
  async function panel(locale: 'zh-CN' | 'en', policy?: Partial<typeof DEFAULT_POLICY>) {
    vi.useFakeTimers({ now: new Date(cnIso('2026-03-03 10:00')), toFake: ['Date'] })
    const { wrapper, db } = await mountWithApp(ClocksPanel, {
      locale,
      props: { complaint: history('2026-03-02 09:00', []).state },
    })
    if (policy) await db.meta.put({ key: 'settings', value: { policy: { ...DEFAULT_POLICY, ...policy }, version: 2 } })
    return wrapper
  }

  it('reads the built-in limits before any sync', async () => {
    const wrapper = await panel('en')
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="clock-reply"]').text()).toContain(
        "The bank's reply (15 working days; extended, 45 at most)",
      ),
    )
    expect(wrapper.get('[data-testid="clock-regulatory"]').text()).toContain(
      'Regulatory limit (15 days; 30 / 60 if extended)',
    )
  })

  it('changes with the policy: another reply limit and cap read in both languages', async () => {
    const en = await panel('en', { replyWorkingDays: 10, extensionCapWorkingDays: 40 })
    await vi.waitFor(() =>
      expect(en.get('[data-testid="clock-reply"]').text()).toContain(
        "The bank's reply (10 working days; extended, 40 at most)",
      ),
    )
    en.unmount()
    const zh = await panel('zh-CN', { replyWorkingDays: 10, extensionCapWorkingDays: 40, firstResponseHours: 12 })
    await vi.waitFor(() =>
      expect(zh.get('[data-testid="clock-reply"]').text()).toContain(
        '行内答复时限（10 个工作日，延期至多 40 个工作日）',
      ),
    )
    expect(zh.text()).toContain('首次响应（12 小时）')
  })
})

describe('the process states the extension and review limits the centre’s policy sets', () => {
  const Said = defineComponent({
    setup() {
      const pt = usePolicyT()
      return () =>
        [
          'refusals.extensionPastCap',
          'process.needs.superior',
          'refusals.reviewWindowClosed',
          'refusals.extensionInReview',
        ].map((key) => h('p', { 'data-key': key }, pt(key)))
    },
  })
  const said = (wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper']) =>
    wrapper.findAll('p').map((p) => p.text())

  it('reads the built-in limits (Art. 18, 20) before any sync', async () => {
    const { wrapper } = await mountWithApp(Said, { locale: 'zh-CN' })
    expect(said(wrapper)).toEqual([
      '延长后的日期超过了最长期限（受理后 60 日且不超过 45 个工作日）',
      '超过 30 日：须上级机构或总行高级管理人员审批（第十八条）',
      '已超过收到处理决定后 30 日，不能再申请核查（第二十条）',
      '核查的 30 日时限不能延长',
    ])
  })

  it('changes with the policy, in both languages', async () => {
    const policy = {
      ...DEFAULT_POLICY,
      regulatoryExtendedDays: 25,
      regulatoryMaxDays: 50,
      extensionCapWorkingDays: 40,
      reviewWindowDays: 20,
      reviewDays: 21,
    }
    const zh = await mountWithApp(Said, { locale: 'zh-CN' })
    await zh.db.meta.put({ key: 'settings', value: { policy, version: 2 } })
    await vi.waitFor(() =>
      expect(said(zh.wrapper)[0]).toBe('延长后的日期超过了最长期限（受理后 50 日且不超过 40 个工作日）'),
    )
    expect(said(zh.wrapper).slice(1)).toEqual([
      '超过 25 日：须上级机构或总行高级管理人员审批（第十八条）',
      '已超过收到处理决定后 20 日，不能再申请核查（第二十条）',
      '核查的 21 日时限不能延长',
    ])
    zh.wrapper.unmount()
    const en = await mountWithApp(Said, { locale: 'en' })
    await en.db.meta.put({ key: 'settings', value: { policy, version: 2 } })
    await vi.waitFor(() =>
      expect(said(en.wrapper)[0]).toBe(
        'The date is past the longest limit (50 days from receipt, and no more than 40 working days)',
      ),
    )
    expect(said(en.wrapper)[3]).toBe('The 21 days of a review cannot be extended')
  })
})
