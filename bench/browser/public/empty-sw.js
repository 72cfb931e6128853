// The empty page's service worker: cache first, filled on the first visit (the app's precache, done minimally).
const CACHE = 'empty-page-v1'
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(event.request)
    if (hit) return hit
    const res = await fetch(event.request)
    if (res.ok) await cache.put(event.request, res.clone())
    return res
  }))
})
