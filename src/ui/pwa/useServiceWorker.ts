import { readonly, ref } from 'vue'
import { flushDrafts } from '@/ui/drafts/draftRegistry'

/**
 * The service worker's state as the UI sees it. One module-level instance: `registerServiceWorker()` feeds it,
 * `<UpdatePrompt />` reads it. Without a registration (dev server, unit tests, no SW support) it stays idle.
 */
const needRefresh = ref(false)
const offlineReady = ref(false)
const updating = ref(false)
let activateWaiting: (() => Promise<void>) | null = null

/** If the new worker does not take over (it went redundant), reload anyway rather than leave a dead button. */
const RELOAD_FALLBACK_MS = 8_000

/** Called by registerServiceWorker(); exported for it alone. */
export const serviceWorkerState = {
  setActivator(fn: () => Promise<void>): void {
    activateWaiting = fn
  },
  markNeedRefresh(): void {
    needRefresh.value = true
  },
  markOfflineReady(): void {
    offlineReady.value = true
  },
}

export class DraftFlushError extends Error {
  override readonly name = 'DraftFlushError'
}

/**
 * Saves every open draft, then lets the waiting worker take over; the page reloads when it controls the page.
 * Throws DraftFlushError (and changes nothing) when a draft cannot be saved: reloading would lose it.
 */
async function applyUpdate(): Promise<void> {
  if (updating.value) return
  updating.value = true
  try {
    try {
      await flushDrafts()
    } catch (cause) {
      throw new DraftFlushError('draft flush failed', { cause })
    }
    if (!activateWaiting) {
      globalThis.location.reload()
      return
    }
    await activateWaiting()
    setTimeout(() => globalThis.location.reload(), RELOAD_FALLBACK_MS)
  } catch (error) {
    updating.value = false
    throw error
  }
}

function dismissUpdate(): void {
  // Hidden for this page load; the waiting version is offered again on the next start.
  needRefresh.value = false
}

function dismissOfflineReady(): void {
  offlineReady.value = false
}

export function useServiceWorker() {
  return {
    needRefresh: readonly(needRefresh),
    offlineReady: readonly(offlineReady),
    updating: readonly(updating),
    applyUpdate,
    dismissUpdate,
    dismissOfflineReady,
  }
}
