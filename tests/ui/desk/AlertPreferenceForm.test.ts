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

describe('a supervisor’s own e-mail alerts', () => {
  it('shows what the centre holds and saves a daily digest to the address typed', async () => {
    signedIn()
    const fetch = vi.fn(
      async (_url: string, init?: RequestInit) =>
        new Response(
          init?.method === 'PUT'
            ? (init.body as string)
            : JSON.stringify({ mode: 'immediate', email: 'zhao@bank.test' }),
          { status: 200 },
        ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(AlertPreferenceForm)
    await vi.waitFor(() =>
      expect((wrapper.find('[data-testid="alert-email"]').element as HTMLInputElement).value).toBe('zhao@bank.test'),
    )
    expect(wrapper.text()).toContain('邮件只写投诉编号')
    await wrapper.find('[data-testid="alert-mode"]').setValue('digest')
    await wrapper.find('[data-testid="alert-email"]').setValue('zhao.min@bank.test')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('提醒设置已保存'))
    expect(fetch).toHaveBeenLastCalledWith(
      '/api/alerts/preference',
      expect.objectContaining({ method: 'PUT', body: JSON.stringify({ mode: 'digest', email: 'zhao.min@bank.test' }) }),
    )
  })

  it('asks for an address before saving alerts that need one, and sends nothing', async () => {
    signedIn()
    const fetch = vi.fn(async () => new Response(JSON.stringify({ mode: 'off' }), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(AlertPreferenceForm)
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1))
    await wrapper.find('[data-testid="alert-mode"]').setValue('immediate')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('请填写接收提醒的邮箱'))
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
