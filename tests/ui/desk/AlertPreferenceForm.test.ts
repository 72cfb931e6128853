import { afterEach, describe, expect, it, vi } from 'vitest'
import AlertPreferenceForm from '@/ui/desk/AlertPreferenceForm.vue'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
})

function signedIn() {
  sessionStorage.setItem(
    'complaint-desk.central',
    JSON.stringify({
      token: 'session-token-000000000000',
      expiresAt: '2099-01-01T00:00:00Z',
      staff: { id: 'zhao', name: '赵敏', role: 'supervisor', branchId: 'b1' },
    }),
  )
}

describe('a supervisor’s own alerts', () => {
  it('shows what the centre holds and saves a daily digest to the address typed', async () => {
    signedIn()
    const fetch = vi.fn(
      async (_url: string, init?: RequestInit) =>
        new Response(
          init?.method === 'PUT'
            ? (init.body as string)
            : String(_url).endsWith('/channels')
              ? JSON.stringify({ sms: true })
              : JSON.stringify({ mode: 'immediate', email: 'zhao@bank.test' }),
          { status: 200 },
        ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(AlertPreferenceForm)
    await vi.waitFor(() =>
      expect((wrapper.find('[data-testid="alert-email"]').element as HTMLInputElement).value).toBe('zhao@bank.test'),
    )
    expect(wrapper.text()).toContain('只写投诉编号和事由')
    await wrapper.find('[data-testid="alert-mode"]').setValue('digest')
    await wrapper.find('[data-testid="alert-email"]').setValue('zhao.min@bank.test')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('提醒设置已保存'))
    expect(fetch).toHaveBeenLastCalledWith(
      '/api/alerts/preference',
      expect.objectContaining({
        method: 'PUT',
        body: JSON.stringify({ mode: 'digest', channels: ['email'], email: 'zhao.min@bank.test' }),
      }),
    )
  })

  it('asks for an address before saving alerts that need one, and sends nothing', async () => {
    signedIn()
    const fetch = vi.fn(async () => new Response(JSON.stringify({ mode: 'off' }), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(AlertPreferenceForm)
    await vi.waitFor(() => expect(wrapper.find('form').attributes('aria-busy')).toBe('false'))
    expect(fetch).toHaveBeenCalledTimes(2)
    await wrapper.find('[data-testid="alert-mode"]').setValue('immediate')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('请填写接收提醒的邮箱'))
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('texts alerts to a mobile as well when both are chosen, and refuses a landline', async () => {
    signedIn()
    const fetch = vi.fn(async (url: string, init?: RequestInit) =>
      init?.method === 'PUT'
        ? new Response(init.body as string, { status: 200 })
        : new Response(
            JSON.stringify(url.endsWith('/channels') ? { sms: true } : { mode: 'digest', email: 'z@bank.test' }),
            {
              status: 200,
            },
          ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(AlertPreferenceForm)
    await vi.waitFor(() =>
      expect((wrapper.find('[data-testid="alert-email"]').element as HTMLInputElement).value).toBe('z@bank.test'),
    )
    expect(wrapper.find('[data-testid="alert-mobile"]').exists()).toBe(false)
    await wrapper.find('[data-testid="alert-channel-sms"]').setValue(true)
    // A gateway is configured: no word of SMS waiting.
    expect(wrapper.find('[data-testid="alert-sms-queued"]').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('请填写接收短信的手机号'))
    await wrapper.find('[data-testid="alert-mobile"]').setValue('0755-88889999')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toContain('11 位手机号码'))
    await wrapper.find('[data-testid="alert-mobile"]').setValue('+86 139 1234 5678')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('提醒设置已保存'))
    expect(fetch).toHaveBeenLastCalledWith(
      '/api/alerts/preference',
      expect.objectContaining({
        method: 'PUT',
        body: JSON.stringify({
          mode: 'digest',
          channels: ['email', 'sms'],
          email: 'z@bank.test',
          mobile: '13912345678',
        }),
      }),
    )
  })
})
