import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import ReportsPage from '@/ui/reports/ReportsPage.vue'
import { mountWithApp } from '../../support/mountWithApp'

// Chart.js draws on a canvas happy-dom does not have: each chart shows its label and figures as text instead.
vi.mock('@/ui/reports/ReportChart.vue', () => ({
  default: defineComponent({
    props: { spec: { type: Object, required: true }, label: { type: String, required: true } },
    setup: (props) => () =>
      h(
        'figure',
        { 'data-testid': 'chart' },
        `${props.label}: ${JSON.stringify((props.spec as { data: { labels: unknown } }).data.labels)}`,
      ),
  }),
}))

const clock = (decided: number, onTime: number, source: 'bank' | 'rule') => ({
  source,
  decided,
  onTime,
  late: decided - onTime,
  rate: decided ? onTime / decided : null,
})
const SUMMARY = {
  branches: ['b1'],
  total: 8,
  complaints: 7,
  suggestions: 1,
  valid: 5,
  invalid: 2,
  clocks: {
    regulatory: clock(6, 6, 'rule'),
    review: clock(0, 0, 'rule'),
    firstResponse: clock(8, 7, 'bank'),
    handling: clock(6, 5, 'bank'),
    reply: clock(6, 4, 'bank'),
  },
  breached: { count: 1, rate: 0.125 },
  extended: { count: 2, rate: 0.25 },
  overdue: { count: 1, rate: 0.125 },
  reopened: 0,
  reviews: 0,
  medianFirstResponseHours: 3.5,
  medianClosureHours: 52,
  moodStartAvg: 2.1,
  moodEndAvg: 3.9,
  opinions: { satisfied: 4, dissatisfied: 1 },
  byCategoryAndCause: [{ category: 'cards', cause: 'process', n: 3 }],
  repeatComplainants: { phones: 1, complaints: 2 },
  groupComplaints: 0,
  majorComplaints: 0,
  byBranch: [{ branchId: 'b1', total: 8, overdue: 1, extended: 2, breached: 1 }],
}

function centre() {
  const asked: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url)
      const path = url.split('?')[0]
      const body =
        path === '/api/desk/overview'
          ? { branches: [{ branchId: 'b1', name: '解放路支行' }] }
          : path === '/api/reports/summary'
            ? SUMMARY
            : null
      return new Response(JSON.stringify(body ?? { error: 'not_found', message: path }), {
        status: body ? 200 : 404,
        headers: { 'content-type': 'application/json' },
      })
    }),
  )
  return asked
}

afterEach(() => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
  document.body.innerHTML = ''
})

describe('the reports', () => {
  it('ask for the centre’s sign-in when nobody is signed in', async () => {
    const asked = centre()
    const { wrapper } = await mountWithApp(ReportsPage, { path: '/reports' })
    expect(wrapper.find('[data-testid="report-controls"]').exists()).toBe(false)
    expect(wrapper.find('form').exists()).toBe(true)
    expect(asked).toEqual([])
  })

  it('show the period’s figures the 2020 rule asks for, as tiles, charts and a table, and refuse a backwards range', async () => {
    sessionStorage.setItem(
      'complaint-desk.central',
      JSON.stringify({
        token: 'session-token-000000000000',
        expiresAt: '2099-01-01T00:00:00Z',
        staff: { id: 'zhao', name: '赵敏', role: 'supervisor', branchId: 'b1' },
      }),
    )
    const asked = centre()
    const { wrapper } = await mountWithApp(ReportsPage, { path: '/reports' })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="report-total"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="report-total"]').text()).toBe('8')
    expect(wrapper.get('[data-testid="report-regulatory"]').text()).toContain('100.0%')
    expect(wrapper.get('[data-testid="report-reply"]').text()).toContain('66.7%')
    expect(wrapper.get('[data-testid="report-breached"]').text()).toBe('1')
    const charts = wrapper.findAll('[data-testid="chart"]').map((c) => c.text())
    expect(charts.some((c) => c.startsWith('按网点') && c.includes('解放路支行'))).toBe(true)
    expect(wrapper.get('[data-testid="report-figures"]').text()).toContain('8')
    expect(asked.find((u) => u.startsWith('/api/reports/summary'))).toMatch(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/)

    const summaries = () => asked.filter((u) => u.startsWith('/api/reports/summary')).length
    const before = summaries()
    await wrapper.get('[data-testid="report-from"]').setValue('2026-12-02')
    await wrapper.get('[data-testid="report-to"]').setValue('2026-12-01')
    await wrapper.get('[data-testid="report-controls"]').trigger('submit')
    expect(wrapper.get('[data-testid="report-error"]').text()).toBe('结束日期不能早于开始日期')
    expect(summaries()).toBe(before)
  })
})
