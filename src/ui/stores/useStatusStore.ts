import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { countDueSoon } from '@/db/dueSoon'
import { checkStorage } from '@/db/storageHealth'
import type { StorageHealth } from '@/db/storageHealth'
import type { SyncStatus } from '@/sync'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDueSoonUntil } from '@/ui/composables/useDueSoonUntil'
import { useNow } from '@/ui/composables/useNow'
import { useDatabase } from '@/ui/services/database'

/** What the manager reads at a glance in the header: network, unsynced events, storage. */
export const useStatusStore = defineStore('status', () => {
  /**
   * Whether the centre can be reached. The browser's `navigator.onLine` only knows that some network is there — a
   * banking hall's Wi-Fi with no route to the centre reads as online — so what the last sync found counts too
   * (`noteSync`): whichever was learnt last wins.
   */
  const online = ref(globalThis.navigator?.onLine ?? true)
  const storage = ref<StorageHealth>({ persisted: null, usage: null, quota: null, low: false })
  const db = useDatabase()
  const { data: outboxCount } = useLiveQuery({ query: () => db.outbox.count(), initial: 0 })
  // Events the server refused for good: they stay on the tablet and are shown, never silently dropped.
  const { data: rejectedCount } = useLiveQuery({
    query: () => db.outbox.filter((r) => !!r.rejected).count(),
    initial: 0,
  })
  const now = useNow({ intervalMs: 60_000 })
  // Due soon or overdue, as the book's 待办 counts it (before the end of the next working day). The calendar it needs
  // is loaded after the first screen.
  // Nobody unlocked: the count is shown to no one (the app's badge keeps its last figure), and its calendar, settings
  // and codes would load in the middle of the lock screen's first paint (docs/benchmarks.md, cold start).
  const session = useSessionStore()
  const until = useDueSoonUntil(db, now, () => session.unlocked)
  const { data: dueSoonCount } = useLiveQuery({
    query: () => (until.value === null ? 0 : countDueSoon(db, until.value)),
    initial: 0,
    deps: [until],
  })
  // The installed app's icon shows that count where the platform has the Badging API.
  watch(
    dueSoonCount,
    (n) => {
      const nav = globalThis.navigator as Navigator & {
        setAppBadge?: (n?: number) => Promise<void>
        clearAppBadge?: () => Promise<void>
      }
      if (!nav?.setAppBadge) return
      void (n > 0 ? nav.setAppBadge(n) : nav.clearAppBadge?.())?.catch(() => undefined)
    },
    { immediate: true },
  )

  const update = () => {
    online.value = navigator.onLine
  }
  globalThis.addEventListener?.('online', update)
  globalThis.addEventListener?.('offline', update)

  function noteSync(s: Pick<SyncStatus, 'state' | 'lastErrorKind'>): void {
    if (s.state === 'idle' && !online.value) online.value = true
    else if ((s.state === 'error' && s.lastErrorKind === 'network') || s.state === 'offline') online.value = false
  }

  async function refreshStorage(): Promise<void> {
    storage.value = await checkStorage()
  }

  return { online, noteSync, outboxCount, rejectedCount, dueSoonCount, storage, refreshStorage }
})
