import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { setDatabase } from '@/ui/services/database'
import { useStatusStore } from '@/ui/stores/useStatusStore'
import { RECORDED } from '../../support/eventFactory'

let db: ComplaintDb | null = null
afterEach(async () => {
  delete (navigator as { setAppBadge?: unknown }).setAppBadge
  await db?.delete()
  db = null
})

it('puts the complaints due soon on the app icon’s badge once someone has unlocked, and works nothing out on the lock screen', async () => {
  db = new ComplaintDb(`status-${newId()}`)
  setDatabase(db)
  setActivePinia(createPinia())
  // Recorded now: its answer is due within a day, before the end of the next working day.
  await commit(db, newId(), [{ type: 'complaint.recorded', payload: RECORDED }])
  const setAppBadge = vi.fn(async (_n?: number) => undefined)
  Object.defineProperty(navigator, 'setAppBadge', { value: setAppBadge, configurable: true })

  const status = useStatusStore()
  await new Promise((resolve) => setTimeout(resolve, 300))
  await flushPromises()
  expect(status.dueSoonCount).toBe(0)
  expect(setAppBadge).not.toHaveBeenCalled()

  useSessionStore().current = { staffId: 'staff-li', name: '李经理', role: 'manager', approvalLevel: null }
  await vi.waitFor(() => expect(status.dueSoonCount).toBe(1))
  expect(setAppBadge).toHaveBeenLastCalledWith(1)
})
