import { defineStore } from 'pinia'
import { ref } from 'vue'
import { checkStorage } from '@/db'
import type { StorageHealth } from '@/db'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/** What the manager reads at a glance in the header: network, unsynced events, storage. */
export const useStatusStore = defineStore('status', () => {
  const online = ref(globalThis.navigator?.onLine ?? true)
  const storage = ref<StorageHealth>({ persisted: null, usage: null, quota: null, low: false })
  const db = useDatabase()
  const { data: outboxCount } = useLiveQuery({ query: () => db.outbox.count(), initial: 0 })

  const update = () => {
    online.value = navigator.onLine
  }
  globalThis.addEventListener?.('online', update)
  globalThis.addEventListener?.('offline', update)

  async function refreshStorage(): Promise<void> {
    storage.value = await checkStorage()
  }

  return { online, outboxCount, storage, refreshStorage }
})
