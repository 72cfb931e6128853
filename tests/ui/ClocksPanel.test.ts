import { afterEach, describe, expect, it, vi } from 'vitest'
import { fold } from '@/domain'
import ClocksPanel from '@/ui/clocks/ClocksPanel.vue'
import { eventFactory, RECORDED } from '../support/eventFactory'
import { mountWithApp } from '../support/mountWithApp'

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function state(receivedAt: string) {
  const f = eventFactory({ start: Date.parse(receivedAt) })
  return fold([f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt } })])!
}

describe('ClocksPanel', () => {
  it('shows the overdue first response first, in Chinese', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-04T10:00:00+08:00'), toFake: ['Date'] })
    const { wrapper } = await mountWithApp(ClocksPanel, { props: { complaint: state('2026-03-02T09:00:00+08:00') } })
    expect(wrapper.get('[data-testid="clock-binding"]').text()).toContain('首次响应（24 小时内）')
    expect(wrapper.get('[data-testid="clock-binding"]').text()).toContain('已超时')
    expect(wrapper.get('[data-testid="clock-reply"]').text()).toContain('2026/03/23')
  })

  it('warns in English that a deadline in an unpublished year is provisional', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-21T10:00:00+08:00'), toFake: ['Date'] })
    const { wrapper } = await mountWithApp(ClocksPanel, { locale: 'en', props: { complaint: state('2026-12-20T09:00:00+08:00') } })
    expect(wrapper.get('[data-testid="clock-provisional"]').text()).toContain('not yet published')
  })
})
