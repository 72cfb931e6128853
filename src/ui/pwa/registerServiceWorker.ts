/// <reference types="vite-plugin-pwa/vanillajs" />
import { serviceWorkerState } from './useServiceWorker'

/** How often a long-running tablet asks the server for a new build (only while online). */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000

/**
 * Registers the service worker (production builds only; main.ts calls it once the first screen is painted, `whenIdle`).
 * The dev server and the unit tests (happy-dom) never register one. workbox-window is loaded lazily,
 * after the first render, and stays out of the initial bundle.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD) return
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return

  void import('virtual:pwa-register')
    .then(({ registerSW }) => {
      const updateSW = registerSW({
        onNeedRefresh: () => serviceWorkerState.markNeedRefresh(),
        onOfflineReady: () => serviceWorkerState.markOfflineReady(),
        onRegisteredSW: (_url, registration) => {
          if (registration) scheduleUpdateChecks(registration)
        },
        onRegisterError: (error: unknown) => console.warn('[pwa] service worker registration failed', error),
      })
      serviceWorkerState.setActivator(() => updateSW(true))
    })
    .catch((error: unknown) => console.warn('[pwa] could not load the service worker client', error))
}

function scheduleUpdateChecks(registration: ServiceWorkerRegistration): void {
  setInterval(() => {
    // Offline, update() would only fail; an install already under way will report itself.
    if (!navigator.onLine || registration.installing) return
    registration.update().catch(() => undefined)
  }, UPDATE_CHECK_INTERVAL_MS)
}
