import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { newId } from '@/domain'
import { ComplaintDb } from '@/db'
import App from '@/ui/App.vue'
import { LOCK_SCREEN_KEY } from '@/ui/auth/lockScreenCopy'
import { hashPin } from '@/ui/auth/pinHash'
import { writeUsers } from '@/ui/auth/session'
import type { TabletUser } from '@/ui/auth/session'
import { IDLE_LOCK_MS, LOCKOUT_MS, MAX_PIN_ATTEMPTS, useSessionStore } from '@/ui/auth/useSessionStore'
import { useScriptIdleLock } from '@/ui/composables/useScriptIdleLock'
import { formatDateTime } from '@/ui/format'
import { createAppRouter } from '@/ui/router'
import { setDatabase } from '@/ui/services/database'
import { createTestI18n } from '../../support/testI18n'

/**
 * The tablet's lock as the person at the counter meets it: the lock screen instead of any page, five wrong PINs and a
 * wait, the lock after five quiet minutes, a reload that always asks for the PIN (the keys live only in memory: issue 17,
 * see also sealedSession.test.ts). Time is faked: only
 * `Date` where IndexedDB must keep running (fake-indexeddb schedules with setImmediate), timers too where the idle lock counts.
 */

// Sync starts a second after the first screen; it is not what these tests are about, and would outlive their database.
vi.mock('@/sync', () => ({
  createHttpTransport: () => ({}),
  createSyncEngine: () => ({ start: async () => undefined, requestSync: async () => undefined }),
}))

const DEVICE = {
  id: 'tab-1',
  name: '大堂 1',
  branchId: 'b9',
  branchName: '解放路支行',
  token: 'device-token-000000000000',
}
const PIN = '135790'
const MIN = 60_000
const UNLOCKED_KEY = 'complaint-desk.unlocked'
/** A low iteration count: these tests are about the lock, not about the hash's cost. */
const user = async (staffId: string, name: string, pin: string): Promise<TabletUser> => ({
  staffId,
  name,
  role: 'manager',
  pin: await hashPin(pin, 1000),
  failedAttempts: 0,
  lockedUntil: 0,
})

let db: ComplaintDb
let unmount: (() => void) | null = null

async function enrolledTablet(users?: TabletUser[]): Promise<void> {
  await db.meta.put({ key: 'device', value: DEVICE })
  await writeUsers(db, users ?? [await user('chen', '陈静', PIN)])
}

/** The app as main.ts builds it: App, the app's router with its guard, the session store, on `path` (`pin`: unlocked as 陈静 first). */
async function startApp(path: string, pin?: string) {
  const router = createAppRouter(createTestI18n('zh-CN'))
  const pinia = createPinia()
  setActivePinia(pinia)
  if (pin) {
    const session = useSessionStore(pinia)
    await session.load()
    expect(await session.unlock('chen', pin)).toEqual({ ok: true })
    // A lazy page of the test before may finish loading during those awaits and make its own Pinia the active one:
    // the guard (useSessionStore() without a Pinia) must read this app's.
    setActivePinia(pinia)
  }
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, router, createTestI18n('zh-CN')] } })
  unmount = () => wrapper.unmount()
  await flushPromises()
  return { wrapper, router, session: useSessionStore(pinia) }
}

/**
 * Waits for what a tap started (a PIN check, a navigation) to show. Not `vi.waitFor`: with faked timers it moves the
 * clock on by its polling interval, and these tests need the time to stand still.
 */
async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  // performance.now() is not faked: a lazy page's first import takes real time on a loaded machine.
  const deadline = performance.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (e) {
      if (performance.now() > deadline) throw e
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}

beforeEach(() => {
  db = new ComplaintDb(`lock-${newId()}`)
  setDatabase(db)
  sessionStorage.clear()
})

afterEach(async () => {
  unmount?.()
  unmount = null
  vi.useRealTimers()
  document.body.innerHTML = ''
  await db.delete()
})

describe('the router guard: nothing behind the lock', () => {
  it('sends an unenrolled tablet to enrolment, whatever address is opened', async () => {
    const router = createAppRouter(createTestI18n('zh-CN'))
    setActivePinia(createPinia())
    await router.push('/complaints/0190a0b2-0000-7000-8000-000000000001')
    expect(router.currentRoute.value.name).toBe('enrol')
    await router.push('/unlock')
    expect(router.currentRoute.value.name).toBe('enrol')
  })

  it('sends a locked tablet to the lock screen and, once unlocked, back to the page that was asked for', async () => {
    await enrolledTablet()
    const { wrapper, router } = await startApp('/print')
    expect(router.currentRoute.value.name).toBe('unlock')
    expect(router.currentRoute.value.query.next).toBe('/print')
    expect(wrapper.text()).toContain('请选择您的账号并输入 PIN')
    // Enrolment is done: its page is not offered again.
    await router.push('/enrol')
    expect(router.currentRoute.value.name).toBe('unlock')
    await router.push('/unlock?next=/print')

    await wrapper.get('[data-testid="unlock-pin"]').setValue(PIN)
    await wrapper.get('form').trigger('submit')
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/print'))
    await router.push('/enrol')
    expect(router.currentRoute.value.name).toBe('book')
    // The book, empty: its reads are done before the database goes.
    await eventually(() => expect(wrapper.find('.empty').exists()).toBe(true))
    await flushPromises()
  })

  it('lets the administrator’s console open on a computer that is no tablet', async () => {
    const router = createAppRouter(createTestI18n('zh-CN'))
    setActivePinia(createPinia())
    await router.push('/admin')
    expect(router.currentRoute.value.name).toBe('admin')
  })

  it('asks for the PIN again after a reload, however recent, and the old session flag opens nothing', async () => {
    await enrolledTablet()
    const first = await startApp('/unlock')
    await first.wrapper.get('[data-testid="unlock-pin"]').setValue(PIN)
    await first.wrapper.get('form').trigger('submit')
    await eventually(() => expect(first.router.currentRoute.value.name).toBe('book'))
    unmount!()

    // A reload a moment later, with the flag older builds trusted written by hand: the lock screen, nobody unlocked.
    sessionStorage.setItem(UNLOCKED_KEY, JSON.stringify({ staffId: 'chen', lastActive: Date.now() }))
    const reloaded = await startApp('/print')
    expect(reloaded.router.currentRoute.value.name).toBe('unlock')
    expect(reloaded.session.current).toBeNull()
    expect(reloaded.wrapper.find('[data-testid="unlock-pin"]').exists()).toBe(true)
  })

  it('never keeps a user the centre disabled, however recently they touched the tablet', async () => {
    await enrolledTablet([{ ...(await user('chen', '陈静', PIN)), inactive: true }])
    sessionStorage.setItem(UNLOCKED_KEY, JSON.stringify({ staffId: 'chen', lastActive: Date.now() }))
    const { router, session } = await startApp('/print')
    expect(router.currentRoute.value.name).toBe('unlock')
    expect(session.current).toBeNull()
  })
})

describe('the lock screen of a starting tablet', () => {
  it('is painted from a copy of the staff names before IndexedDB answers, and the PIN is checked against IndexedDB', async () => {
    await enrolledTablet([await user('chen', '陈静', PIN), await user('wang', '王强', '246810')])
    await startApp('/unlock')
    // What the next start paints first: the branch and the names, never the tablet's token or anyone's key.
    const copy = localStorage.getItem(LOCK_SCREEN_KEY) ?? ''
    expect(JSON.parse(copy)).toEqual({
      branchName: '解放路支行',
      users: [
        { staffId: 'chen', name: '陈静', inactive: false },
        { staffId: 'wang', name: '王强', inactive: false },
      ],
    })
    expect(copy).not.toContain(DEVICE.token)
    unmount!()

    // The next start, with IndexedDB slow to answer.
    let answer!: () => void
    const held = new Promise<void>((resolve) => (answer = resolve))
    const getMetas = db.getMetas.bind(db)
    db.getMetas = (async (...args: Parameters<typeof getMetas>) => {
      await held
      return getMetas(...args)
    }) as typeof db.getMetas
    const { wrapper, router, session } = await startApp('/print')
    expect(router.currentRoute.value.fullPath).toBe('/unlock?next=/print')
    expect(session.loaded).toBe(false)
    await eventually(() => expect(wrapper.find('[data-testid="unlock-user-wang"]').text()).toContain('王强'))
    expect(wrapper.text()).toContain('解放路支行')
    await wrapper.get('[data-testid="unlock-user-chen"]').trigger('click')
    await wrapper.get('[data-testid="unlock-pin"]').setValue(PIN)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('unlock')
    answer()
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/print'))
    expect(session.current?.staffId).toBe('chen')
  })

  it('that outlived its enrolment (the browser cleared the database) leads to enrolment, and the copy goes', async () => {
    localStorage.setItem(
      LOCK_SCREEN_KEY,
      JSON.stringify({ branchName: '解放路支行', users: [{ staffId: 'chen', name: '陈静' }] }),
    )
    const { router } = await startApp('/')
    await eventually(() => expect(router.currentRoute.value.name).toBe('enrol'))
    expect(localStorage.getItem(LOCK_SCREEN_KEY)).toBeNull()
  })

  it('shows what IndexedDB says once it answers: a colleague the centre disabled since is marked so', async () => {
    await enrolledTablet([{ ...(await user('chen', '陈静', PIN)), inactive: true }])
    localStorage.setItem(
      LOCK_SCREEN_KEY,
      JSON.stringify({ branchName: '解放路支行', users: [{ staffId: 'chen', name: '陈静', inactive: false }] }),
    )
    const { wrapper } = await startApp('/')
    await eventually(() => expect(wrapper.get('[data-testid="unlock-user-chen"]').text()).toContain('已停用'))
    expect(JSON.parse(localStorage.getItem(LOCK_SCREEN_KEY)!).users[0].inactive).toBe(true)
  })
})

describe('five wrong PINs', () => {
  it('count down on the lock screen, then lock the user out for five minutes, even with the right PIN', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const start = Date.parse('2026-12-03T09:00:00+08:00')
    vi.setSystemTime(start)
    await enrolledTablet()
    const { wrapper, router, session } = await startApp('/unlock?next=/print')
    const tryPin = async (pin: string) => {
      await wrapper.get('[data-testid="unlock-pin"]').setValue(pin)
      await wrapper.get('form').trigger('submit')
      await eventually(() =>
        expect(wrapper.find('[data-testid="unlock-submit"]').classes()).not.toContain('van-button--loading'),
      )
      await flushPromises()
      return wrapper.find('[data-testid="unlock-error"]').text()
    }
    const said: string[] = []
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) said.push(await tryPin('000000'))
    expect(said).toEqual([
      'PIN 错误，还可尝试 4 次',
      'PIN 错误，还可尝试 3 次',
      'PIN 错误，还可尝试 2 次',
      'PIN 错误，还可尝试 1 次',
    ])
    const until = formatDateTime(new Date(start + LOCKOUT_MS).toISOString(), 'zh-CN')
    expect(await tryPin('000000')).toBe(`错误次数过多，已锁定至 ${until}`)
    // Locked out: the right PIN is refused too, and the wait is the same five minutes (not counted again).
    vi.setSystemTime(start + LOCKOUT_MS - 1000)
    expect(await tryPin(PIN)).toBe(`错误次数过多，已锁定至 ${until}`)
    expect(session.current).toBeNull()
    expect(router.currentRoute.value.name).toBe('unlock')
    // Kept in IndexedDB: a reload does not wipe the count.
    expect(((await db.meta.get('users'))?.value as TabletUser[])[0]).toMatchObject({
      failedAttempts: 5,
      lockedUntil: start + LOCKOUT_MS,
    })

    vi.setSystemTime(start + LOCKOUT_MS)
    await wrapper.get('[data-testid="unlock-pin"]').setValue(PIN)
    await wrapper.get('form').trigger('submit')
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/print'))
    // The count starts again from nothing.
    expect(((await db.meta.get('users'))?.value as TabletUser[])[0]).toMatchObject({
      failedAttempts: 0,
      lockedUntil: 0,
    })
  })

  it('locks out only the user who guessed: a colleague still unlocks', async () => {
    await enrolledTablet([await user('chen', '陈静', PIN), await user('wang', '王强', '246810')])
    const session = (setActivePinia(createPinia()), useSessionStore())
    await session.load()
    for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await session.unlock('chen', '000000')
    expect(await session.unlock('chen', PIN)).toMatchObject({ ok: false, reason: 'lockedOut' })
    expect(await session.unlock('wang', '246810')).toEqual({ ok: true })
    expect(session.current?.staffId).toBe('wang')
  })

  it('asks for six digits before checking anything', async () => {
    await enrolledTablet()
    const { wrapper } = await startApp('/unlock')
    await wrapper.get('[data-testid="unlock-pin"]').setValue('123')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid="unlock-error"]').text()).toBe('PIN 为 6 位数字')
    expect(((await db.meta.get('users'))?.value as TabletUser[])[0]!.failedAttempts).toBe(0)
  })
})

describe('the idle lock', () => {
  /** Unlocked as 陈静 on `path`, with the clock and the timers faked from now on. */
  async function unlockedOn(path: string) {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    vi.setSystemTime(Date.parse('2026-12-03T09:00:00+08:00'))
    await enrolledTablet()
    const app = await startApp(path, PIN)
    expect(app.router.currentRoute.value.name).not.toBe('unlock')
    return app
  }

  it('locks after five quiet minutes: the page goes, the lock screen comes, and unlocking returns to the page', async () => {
    const { wrapper, router, session } = await unlockedOn('/principles')
    await eventually(() => expect(wrapper.text()).toContain('投诉处理七项原则'))
    await vi.advanceTimersByTimeAsync(IDLE_LOCK_MS - 1000)
    expect(session.unlocked).toBe(true)
    expect(wrapper.text()).toContain('投诉处理七项原则')

    await vi.advanceTimersByTimeAsync(1000)
    expect(session.unlocked).toBe(false)
    // Not merely covered: the page behind is gone at once, before the lock screen has even loaded.
    expect(wrapper.text()).not.toContain('投诉处理七项原则')
    await eventually(() => expect(router.currentRoute.value.name).toBe('unlock'))
    expect(router.currentRoute.value.query.next).toBe('/principles')
    await eventually(() => expect(wrapper.find('[data-testid="unlock-pin"]').exists()).toBe(true))
    expect(wrapper.text()).not.toContain('投诉处理七项原则')
  })

  it('counts the five minutes again from each touch', async () => {
    const { wrapper, session } = await unlockedOn('/principles')
    await vi.advanceTimersByTimeAsync(4 * MIN)
    window.dispatchEvent(new Event('pointerdown'))
    await vi.advanceTimersByTimeAsync(4 * MIN)
    expect(session.unlocked).toBe(true)
    await vi.advanceTimersByTimeAsync(MIN)
    expect(session.unlocked).toBe(false)
    expect(wrapper.find('[data-testid="still-there"]').exists()).toBe(false)
  })

  it('during the script waits longer, asking “still there?” a minute before it locks', async () => {
    const ScriptLike = defineComponent({
      setup() {
        useScriptIdleLock({ lockAfterMs: 15 * MIN, warnAfterMs: 14 * MIN })
        return () => h('p', '客户正在陈述')
      },
    })
    const { wrapper, router, session } = await unlockedOn('/principles')
    router.addRoute({ path: '/script-like', name: 'scriptLike', component: ScriptLike })
    await router.push('/script-like')
    await eventually(() => expect(wrapper.text()).toContain('客户正在陈述'))
    await vi.advanceTimersByTimeAsync(14 * MIN - 1000)
    expect(session.unlocked).toBe(true)
    expect(wrapper.find('[data-testid="still-there"]').exists()).toBe(false)
    await vi.advanceTimersByTimeAsync(1000)
    expect(wrapper.get('[data-testid="still-there"]').text()).toContain('一分钟后将自动锁屏')
    await vi.advanceTimersByTimeAsync(MIN)
    expect(session.unlocked).toBe(false)
    expect(wrapper.text()).not.toContain('客户正在陈述')
    expect(wrapper.find('[data-testid="still-there"]').exists()).toBe(false)
  })
})
