import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { commit, localDeskQueue } from '@/db'
import { countAwaiting } from '@/db/countAwaiting'
import { syncErrorKind, SyncHttpError } from '@/sync'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import UnlockPage from '@/ui/auth/UnlockPage.vue'
import AppHeader from '@/ui/components/AppHeader.vue'
import StorageBanner from '@/ui/components/StorageBanner.vue'
import { useStatusStore } from '@/ui/stores/useStatusStore'
import { useSyncStore } from '@/ui/stores/useSyncStore'
import { chinaDate, newId } from '@/domain'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('a sync failure in the screen’s language', () => {
  it('classifies what the browser threw', () => {
    expect(syncErrorKind(new TypeError('Failed to fetch'))).toBe('network')
    expect(syncErrorKind(new DOMException('signal timed out', 'TimeoutError'))).toBe('timeout')
    expect(syncErrorKind(new SyncHttpError(503, 'unavailable', 'Service Unavailable'))).toBe('server')
    expect(syncErrorKind(new Error('boom'))).toBe('unknown')
  })

  it.each([
    ['zh-CN', '连不上总行服务器，将自动重试'],
    ['en', 'Cannot reach the central server: retrying automatically'],
  ] as const)('%s: says the server cannot be reached, never "Failed to fetch"', async (locale, text) => {
    const { wrapper } = await mountWithApp(AppHeader, { locale })
    useSessionStore().current = { staffId: 'li', name: '李娜', role: 'manager' }
    const sync = useSyncStore()
    sync.status = {
      ...sync.status,
      state: 'error',
      lastError: 'Failed to fetch',
      lastErrorKind: 'network',
      failures: 1,
    }
    await nextTick()
    const line = wrapper.get('[data-testid="sync-line"]').text()
    expect(line).toContain(text)
    expect(line).not.toContain('Failed to fetch')
  })
})

describe('the network chip says whether the centre can be reached', () => {
  it('reads 离线 when a sync finds no route to the centre though the browser says it is online, and 在线 after the next sync', async () => {
    const { wrapper } = await mountWithApp(AppHeader, { locale: 'zh-CN' })
    useSessionStore().current = { staffId: 'li', name: '李娜', role: 'manager' }
    const status = useStatusStore()
    const chip = () => wrapper.get('[data-testid="net-status"]').text()
    status.online = true
    await nextTick()
    expect(chip()).toContain('在线')
    status.noteSync({ state: 'error', lastErrorKind: 'network' })
    await nextTick()
    expect(chip()).toContain('离线')
    // A refusal by the centre is not a lost network.
    status.noteSync({ state: 'idle', lastErrorKind: null })
    status.noteSync({ state: 'error', lastErrorKind: 'server' })
    await nextTick()
    expect(chip()).toContain('在线')
  })
})

describe('the storage banner speaks only of a real problem', () => {
  it('says nothing when storage is fine, warns when space is low', async () => {
    const { wrapper } = await mountWithApp(StorageBanner)
    const status = useStatusStore()
    status.storage = { persisted: true, usage: 10e6, quota: 2e9, low: false }
    await nextTick()
    expect(wrapper.text()).toBe('')
    status.storage = { persisted: false, usage: 10e6, quota: 2e9, low: false }
    await nextTick()
    // Not persisted, but nothing unsynced that could be lost: still nothing to say.
    expect(wrapper.text()).toBe('')
    status.storage = { persisted: true, usage: 2e9 - 10e6, quota: 2e9, low: true }
    await nextTick()
    expect(wrapper.get('[data-testid="storage-warning"]').text()).toContain('存储空间不足')
  })
})

describe('the desk badge counts what the desk lists', () => {
  it('an escalated complaint with an extension request too is two items', async () => {
    const { db } = await mountWithApp({ template: '<div />' })
    const both = newId()
    const recorded = { ...RECORDED, receivedAt: new Date(Date.now() - 3_600_000).toISOString() }
    await commit(db, both, [{ type: 'complaint.recorded', payload: recorded }])
    await commit(db, both, [{ type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } }])
    await commit(db, both, [
      {
        type: 'extension.requested',
        payload: { reason: '需调取监控', newDueDate: chinaDate(Date.now() + 40 * 86_400_000) },
      },
    ])
    for (const id of [newId(), newId()]) {
      await commit(db, id, [{ type: 'complaint.recorded', payload: recorded }])
      await commit(db, id, [{ type: 'complaint.escalated', payload: { reason: '金额较大' } }])
    }
    const items = await localDeskQueue(db)
    expect(items).toHaveLength(4)
    expect(await countAwaiting(db)).toBe(items.length)
  })
})

describe('adding a colleague shows that it is checking', () => {
  it('the add button is busy and cannot be pressed twice while the centre checks the password', async () => {
    const { wrapper } = await mountWithApp(UnlockPage, { path: '/unlock' })
    const session = useSessionStore()
    let finish!: () => void
    const add = vi
      .spyOn(session, 'addColleague')
      .mockImplementation(() => new Promise<void>((resolve) => (finish = resolve)))
    // Nobody is on a freshly enrolled tablet yet: the form is open.
    await wrapper.find('[data-testid="colleague-username"]').setValue('zhao')
    await wrapper.find('[data-testid="colleague-password"]').setValue('secret-password')
    await wrapper.find('[data-testid="colleague-pin"]').setValue('246810')
    const form = wrapper.find('[data-testid="colleague-submit"]').element.closest('form')!
    form.dispatchEvent(new Event('submit'))
    await nextTick()
    const button = wrapper.get('[data-testid="colleague-submit"]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.text()).toContain('正在核对')
    form.dispatchEvent(new Event('submit'))
    expect(add).toHaveBeenCalledTimes(1)
    finish()
  })
})
