import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { checkStorage } from '@/db/storageHealth'
import type { StorageHealth } from '@/db/storageHealth'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useNow } from '@/ui/composables/useNow'
import { useDatabase } from '@/ui/services/database'

/** What the manager reads at a glance in the header: network, unsynced events, storage. */
export const useStatusStore = defineStore('status', () => {
  const online = ref(globalThis.navigator?.onLine ?? true)
  const storage = ref<StorageHealth>({ persisted: null, usage: null, quota: null, low: false })
  const db = useDatabase()
  const { data: outboxCount } = useLiveQuery({ query: () => db.outbox.count(), initial: 0 })
  // Events the server refused for good: they stay on the tablet and are shown, never silently dropped.
  const { data: rejectedCount } = useLiveQuery({ query: () => db.outbox.filter((r) => !!r.rejected).count(), initial: 0 })
  const now = useNow({ intervalMs: 60_000 })
  // Overdue: the binding deadline has passed ('0' keeps rows without a deadline out of the range).
  const { data: overdueCount } = useLiveQuery({
    query: () => db.complaints.where('dueAt').between('0', new Date(now.value).toISOString()).count(),
    initial: 0,
    deps: [now],
  })
  // The installed app's icon shows the overdue count where the platform has the Badging API.
  watch(overdueCount, (n) => {
    const nav = globalThis.navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> }
    if (!nav?.setAppBadge) return
    void (n > 0 ? nav.setAppBadge(n) : nav.clearAppBadge?.())?.catch(() => undefined)
  }, { immediate: true })

  const update = () => {
    online.value = navigator.onLine
  }
  globalThis.addEventListener?.('online', update)
  globalThis.addEventListener?.('offline', update)

  async function refreshStorage(): Promise<void> {
    storage.value = await checkStorage()
  }

  return { online, outboxCount, rejectedCount, overdueCount, storage, refreshStorage }
})
