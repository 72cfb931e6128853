import { afterEach, describe, expect, it, vi } from 'vitest'
import EnrolmentCodeButton from '@/ui/admin/EnrolmentCodeButton.vue'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
})

/** A supervisor signed in at the centre (the desk's session, kept for this tab). */
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

describe('an enrolment code for a branch’s new tablet', () => {
  it('is asked of the centre with the signed-in session and shown once, with how to use it', async () => {
    signedIn()
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            code: 'ABCD-EFGH-JKMN',
            expiresAt: '2026-12-02T10:00:00Z',
            branch: { id: 'b2', name: '中山路支行' },
          }),
          { status: 200 },
        ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountWithApp(EnrolmentCodeButton, { props: { branchId: 'b2', branchName: '中山路支行' } })
    await wrapper.find('[data-testid="make-enrolment-code"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="enrolment-code-value"]').text()).toBe('ABCD-EFGH-JKMN'))
    expect(wrapper.text()).toContain('中山路支行 的平板启用码')
    expect(wrapper.text()).toContain('使用启用码')
    expect(fetch).toHaveBeenCalledWith(
      '/api/branches/b2/enrolment-codes',
      expect.objectContaining({
        method: 'POST',
        headers: expect.objectContaining({ authorization: 'Bearer session-token-000000000000' }),
      }),
    )
    await wrapper.find('[data-testid="enrolment-code-close"]').trigger('click')
    expect(wrapper.find('[data-testid="enrolment-code-value"]').exists()).toBe(false)
  })

  it('says why the centre refused, in the supervisor’s language', async () => {
    signedIn()
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: 'other_branch', message: 'no' }), { status: 403 })),
    )
    const { wrapper } = await mountWithApp(EnrolmentCodeButton, { props: { branchId: 'b9', branchName: '城东支行' } })
    await wrapper.find('[data-testid="make-enrolment-code"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toContain('只能为您分管的网点生成启用码'))
  })
})
