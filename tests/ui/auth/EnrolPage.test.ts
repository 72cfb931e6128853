import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import EnrolPage from '@/ui/auth/EnrolPage.vue'
import { mountWithApp } from '../../support/mountWithApp'

type Call = { path: string; body: Record<string, unknown> | undefined; token: string | undefined }

/** A central endpoint that knows li with a one-time password (an administrator's reset). */
function centre() {
  const calls: Call[] = []
  let password = 'one-time-pw-1234'
  let mustChange = true
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const fetch = vi.fn(async (path: string, init: RequestInit) => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined
    calls.push({ path, body, token: (init.headers as Record<string, string>).authorization?.slice(7) })
    if (path === '/api/auth/sign-in') {
      if (body?.password !== password)
        return json(401, { error: 'bad_credentials', message: 'Wrong username or password' })
      return json(200, {
        token: 'session-token-0000000000',
        expiresAt: '2099-01-01T00:00:00Z',
        mustChangePassword: mustChange,
        staff: { id: 'li', name: '李娜', role: 'manager', branchId: 'b1' },
      })
    }
    if (path === '/api/auth/password') {
      if (String(body?.newPassword).length < 10) return json(400, { error: 'password_tooShort', message: 'short' })
      if (body?.newPassword === 'qwertyuiop123') return json(400, { error: 'password_tooCommon', message: 'common' })
      password = String(body?.newPassword)
      mustChange = false
      return json(200, { ok: true })
    }
    if (path === '/api/devices/enrol') {
      if (mustChange)
        return json(403, { error: 'password_change_required', message: 'Change your one-time password first' })
      return json(200, {
        deviceToken: 'device-token-000000000000',
        device: { id: 'tab-1', name: '大堂 1', branchId: 'b1', branchName: '人民路支行' },
      })
    }
    if (path === '/api/auth/sign-out') return json(200, { ok: true })
    return json(404, { error: 'not_found' })
  })
  return { fetch, calls }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

async function fill(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper'], fields: Record<string, string>) {
  for (const [testid, value] of Object.entries(fields)) await wrapper.find(`[data-testid="${testid}"]`).setValue(value)
}

describe('enrolling with a one-time password', () => {
  it('asks for a new password, refuses a common one in the manager’s language, then enrols with the new one', async () => {
    const server = centre()
    vi.stubGlobal('fetch', server.fetch)
    const { wrapper, db } = await mountWithApp(EnrolPage, { path: '/enrol' })
    await fill(wrapper, {
      'enrol-username': 'li',
      'enrol-password': 'one-time-pw-1234',
      'enrol-tablet-name': '大堂 1',
      'enrol-pin': '135790',
      'enrol-pin-again': '135790',
    })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="new-password"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="enrol-error"]').text()).toContain('一次性密码')
    // Nothing was enrolled, and the session opened to find out was closed again.
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/sign-in', '/api/auth/sign-out'])

    await fill(wrapper, { 'new-password-1': 'qwertyuiop123', 'new-password-2': 'qwertyuiop123' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="enrol-error"]').text()).toContain('太常见'))

    await fill(wrapper, { 'new-password-1': '人民路的梧桐树下等雨停', 'new-password-2': '人民路的梧桐树下等雨停' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(async () =>
      expect((await db.meta.get('device'))?.value).toMatchObject({ token: 'device-token-000000000000' }),
    )
    const change = server.calls.filter((c) => c.path === '/api/auth/password').at(-1)!
    expect(change.body).toEqual({ currentPassword: 'one-time-pw-1234', newPassword: '人民路的梧桐树下等雨停' })
    // The session used to enrol does not outlive the enrolment.
    // (The form's own calls: the sync engine, started by the enrolment, may pull after the sign-out.)
    await vi.waitFor(() =>
      expect(server.calls.filter((c) => c.path.startsWith('/api/auth/')).at(-1)!.path).toBe('/api/auth/sign-out'),
    )
  })

  it('says when the new passwords differ, before asking the centre', async () => {
    const server = centre()
    vi.stubGlobal('fetch', server.fetch)
    const { wrapper } = await mountWithApp(EnrolPage, { path: '/enrol' })
    await fill(wrapper, {
      'enrol-username': 'li',
      'enrol-password': 'one-time-pw-1234',
      'enrol-tablet-name': '大堂 1',
      'enrol-pin': '135790',
      'enrol-pin-again': '135790',
    })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="new-password"]').exists()).toBe(true))
    // The session opened to find out is closed in the background; count the sign-in calls from after that (the
    // tablet's sync may call the centre meanwhile, on its own schedule: not what this form does).
    await vi.waitFor(() => expect(server.calls.some((c) => c.path === '/api/auth/sign-out')).toBe(true))
    const authCalls = () => server.calls.filter((c) => c.path.startsWith('/api/auth/')).length
    const before = authCalls()
    await fill(wrapper, { 'new-password-1': '人民路的梧桐树下等雨停', 'new-password-2': '人民路的梧桐树下' })
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="new-password"]').text()).toContain('不一致')
    expect(authCalls()).toBe(before)
  })
})
