import { afterEach, describe, expect, it, vi } from 'vitest'
import EnrolPage from '@/ui/auth/EnrolPage.vue'
import { hashPin } from '@/ui/auth/pinHash'
import { writeUsers } from '@/ui/auth/session'
import type { TabletUser } from '@/ui/auth/session'
import UnlockPage from '@/ui/auth/UnlockPage.vue'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { mountWithApp } from '../../support/mountWithApp'

const DEVICE = {
  id: 'tab-1',
  name: '大堂 1',
  branchId: 'b9',
  branchName: '解放路支行',
  token: 'device-token-000000000000',
}
/** A low iteration count: these tests are about who may unlock, not about the hash's cost. */
const user = async (staffId: string, name: string, pin: string): Promise<TabletUser> => ({
  staffId,
  name,
  role: 'manager',
  pin: await hashPin(pin, 1000),
  failedAttempts: 0,
  lockedUntil: 0,
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('who may unlock a branch tablet, as the centre says with each pull', () => {
  it('refuses the PIN of someone the centre no longer lists, locks them out if they are using it, and lets them back once listed again', async () => {
    const { db } = await mountWithApp(UnlockPage, { path: '/unlock' })
    await db.meta.put({ key: 'device', value: DEVICE })
    await writeUsers(db, [await user('chen', '陈静', '135790'), await user('wang', '王强', '246810')])
    const session = useSessionStore()
    await session.load()
    expect(await session.unlock('chen', '135790')).toEqual({ ok: true })

    await session.keepActive(['wang'])
    expect(session.current).toBeNull()
    expect(await session.unlock('chen', '135790')).toEqual({ ok: false, reason: 'inactive' })
    // Remembered on the tablet: a reload refuses them too.
    expect(((await db.meta.get('users'))?.value as TabletUser[]).map((u) => [u.staffId, u.inactive])).toEqual([
      ['chen', true],
      ['wang', false],
    ])
    expect(await session.unlock('wang', '246810')).toEqual({ ok: true })

    await session.keepActive(['chen', 'wang'])
    expect(session.current?.staffId).toBe('wang')
    expect(await session.unlock('chen', '135790')).toEqual({ ok: true })
  })

  it('says on the lock screen why a disabled colleague’s PIN is refused', async () => {
    const { db } = await mountWithApp({ template: '<div />' }, { path: '/unlock' })
    await db.meta.put({ key: 'device', value: DEVICE })
    await writeUsers(db, [{ ...(await user('chen', '陈静', '135790')), inactive: true }])
    await useSessionStore().load()
    const { wrapper } = await mountWithApp(UnlockPage, { path: '/unlock', db })
    await useSessionStore().load()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="unlock-user-chen"]').text()).toContain('已停用'))
    await wrapper.find('[data-testid="unlock-user-chen"]').trigger('click')
    await wrapper.find('[data-testid="unlock-pin"]').setValue('135790')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="unlock-error"]').text()).toContain('已被管理员停用'))
  })
})

describe('enrolling a tablet with a code from the administrator', () => {
  it('binds the tablet to the code’s branch with nobody on it yet, and explains a wrong code', async () => {
    const calls: { path: string; body: Record<string, unknown> }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init: RequestInit) => {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>
        calls.push({ path, body })
        const ok = body.code === 'ABCD-EFGH-JKMN'
        return new Response(
          JSON.stringify(
            ok
              ? {
                  deviceToken: 'device-token-111111111111',
                  device: { id: body.deviceId, name: body.name, branchId: 'b9', branchName: '解放路支行' },
                }
              : { error: 'bad_code', message: 'wrong' },
          ),
          { status: ok ? 200 : 401, headers: { 'content-type': 'application/json' } },
        )
      }),
    )
    const { wrapper, db } = await mountWithApp(EnrolPage, { path: '/enrol' })
    await wrapper.find('[data-testid="enrol-mode-code"]').trigger('click')
    await wrapper.find('[data-testid="enrol-code"]').setValue('abcd efgh jkm')
    await wrapper.find('[data-testid="enrol-code-tablet-name"]').setValue('大堂 2 号')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('12 位字母和数字'))
    expect(calls).toEqual([])

    await wrapper.find('[data-testid="enrol-code"]').setValue('abcd efgh jkmp')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="enrol-error"]').text()).toContain('启用码不正确'))
    expect(calls[0]!.body.code).toBe('ABCD-EFGH-JKMP')

    await wrapper.find('[data-testid="enrol-code"]').setValue('abcdefghjkmn')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(async () =>
      expect((await db.meta.get('device'))?.value).toMatchObject({
        branchId: 'b9',
        name: '大堂 2 号',
        token: 'device-token-111111111111',
      }),
    )
    expect(calls.at(-1)).toMatchObject({
      path: '/api/devices/enrol-with-code',
      body: { code: 'ABCD-EFGH-JKMN', name: '大堂 2 号' },
    })
    expect(useSessionStore().users).toEqual([])
  })
})
