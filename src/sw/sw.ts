/**
 * The service worker of 投诉台 · Complaint Desk (vite-plugin-pwa, strategy `injectManifest`).
 *
 * - Precaches the whole build (`self.__WB_MANIFEST`), so the app starts and every route's chunk loads with no
 *   network at all. Caches of older builds are removed (`cleanupOutdatedCaches`).
 * - One navigation route only: every page navigation gets the precached index.html (the SPA routes),
 *   except `/api/`. A second navigation route would serve stale HTML beside the precache and can pin the
 *   app to an old build.
 * - `/api` is never cached: nothing here handles those requests, so they always go to the network and the
 *   sync code sees the real answer (or the real failure).
 * - Updates wait (registerType 'prompt'): a new build installs and waits until the lobby manager accepts the
 *   prompt; the page saves its drafts first and then posts `{ type: 'SKIP_WAITING' }`.
 *
 * - A reminder notification (src/ui/reminders/notices.ts) tapped opens its complaint in the app's window (one
 *   already open if there is one): the tablet comes back to the lock screen first if it was locked.
 *
 * clients.claim(): on the FIRST install, and after an accepted update — never otherwise.
 * The first install claims the page that registered it. The routes other than the book are lazy chunks; an
 * unclaimed first page would fetch them from the network, so losing the Wi-Fi during the very first session
 * would break "新建投诉". Claiming cannot swap builds under that page: there was no earlier worker, and the
 * precache holds the build the page just loaded. After an accepted update the claim also takes over windows
 * that were not controlled (opened with a hard reload) so no tab keeps running without the worker.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import type { PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] }

/** Message the page posts (workbox-window `messageSkipWaiting()`) once the manager accepted the update. */
interface SkipWaitingMessage {
  type: 'SKIP_WAITING'
}

function isSkipWaiting(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING'
}

let claimOnActivate = false

self.addEventListener('install', () => {
  // No active worker yet: this is the first install for this origin (see the header on claiming).
  if (!self.registration.active) claimOnActivate = true
})

self.addEventListener('message', (event) => {
  if (!isSkipWaiting(event.data)) return
  claimOnActivate = true
  event.waitUntil(self.skipWaiting())
})

self.addEventListener('activate', (event) => {
  if (claimOnActivate) event.waitUntil(self.clients.claim())
})

cleanupOutdatedCaches()
precacheAndRoute(self.__WB_MANIFEST)

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api(\/|$)/],
  }),
)

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const data = event.notification.data as { url?: unknown } | null
  const url = typeof data?.url === 'string' && data.url.startsWith('/') ? data.url : '/'
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const open = windows[0]
      if (open) {
        await open.focus()
        await open.navigate(url).catch(() => undefined)
      } else await self.clients.openWindow(url)
    })(),
  )
})
