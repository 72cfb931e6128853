import { defineStore } from 'pinia'
import { ref } from 'vue'
import { keysUnlocked, onKeysChange } from '@/db/crypto/keyring'
import type { SyncEngine, SyncStatus } from '@/sync'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { useDatabase } from '@/ui/services/database'
import { useStatusStore } from '@/ui/stores/useStatusStore'

/** The sync engine for this tablet, once it is enrolled; its status for the header. */
export const useSyncStore = defineStore('sync', () => {
  const db = useDatabase()
  const session = useSessionStore()
  const status = ref<SyncStatus>({
    state: 'idle',
    lastSyncedAt: null,
    lastError: null,
    lastErrorCode: null,
    lastErrorKind: null,
    lastErrorStatus: null,
    failures: 0,
    nextRetryAt: null,
  })
  let engine: SyncEngine | null = null
  let starting = false

  /**
   * Loaded after the first screen: the engine brings the fold, the clocks and the holiday tables, which the
   * complaint book's first paint does not need.
   */
  async function start(): Promise<void> {
    if (engine || starting || !session.enrolment) return
    starting = true
    const [{ createHttpTransport, createSyncEngine }, { ensureProjection }] = await Promise.all([
      import('@/sync'),
      import('@/db/projectionVersion'),
    ])
    // Rows computed by an older app get this one's clocks before the first pull (which waits for an unlock: reading
    // the events needs the keys).
    const whenUnlocked = async () => {
      await ensureProjection(db).catch(() => undefined)
      void engine?.requestSync()
    }
    onKeysChange((unlocked) => void (unlocked && whenUnlocked()))
    // The page may have gone while the engine's code loaded (a test's environment torn down): nothing to start.
    if (typeof window === 'undefined') return
    engine = createSyncEngine({
      db,
      transport: createHttpTransport({ token: () => session.enrolment?.token ?? null }),
      canSync: keysUnlocked,
      onStatus: (s) => {
        status.value = s
        useStatusStore().noteSync(s)
      },
      onDeviceToken: (token) => session.replaceDeviceToken(token),
      onActiveStaff: (ids) => session.keepActive(ids),
      appVersion: __APP_VERSION__,
      // Erased by order of an administrator: a page of its own (public/wiped.html) says why; the app, which would open
      // (and so recreate) the database, is left behind.
      onWiped: () => location.replace('/wiped.html'),
      events: { window, document },
    })
    if (keysUnlocked()) await ensureProjection(db).catch(() => undefined)
    void engine.start()
  }

  /** After a local write: push it now if the network allows (the outbox keeps it either way). */
  function requestSync(): void {
    if (engine) void engine.requestSync()
  }

  return { status, start, requestSync }
})
