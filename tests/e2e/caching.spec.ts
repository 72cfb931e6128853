import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openControlled } from './helpers'
import { servedDist } from './paths'

// An update can only be found if the shell, the worker and the manifest are revalidated on every check;
// hashed assets may be cached for a year because a new build has new names.
test('the server lets a new build reach the tablet', async ({ request }) => {
  for (const path of ['/', '/index.html', '/complaints/new', '/sw.js', '/manifest.webmanifest']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['cache-control'], path).toMatch(/no-cache|no-store|max-age=0/)
  }
  const asset = readdirSync(join(servedDist(), 'assets')).find((f) => f.endsWith('.js'))!
  const hashed = await request.get(`/assets/${asset}`)
  expect(hashed.headers()['cache-control']).toContain('immutable')

  const csp = (await request.get('/')).headers()['content-security-policy'] ?? ''
  expect(csp).toContain("worker-src 'self'")
  expect(csp).toContain("manifest-src 'self'")
})

test('the service worker never answers /api itself', async ({ page, context }) => {
  await openControlled(page)
  const online = await page.evaluate(async () => {
    const response = await fetch('/api/health')
    return { status: response.status, type: response.headers.get('content-type') ?? '' }
  })
  expect(online.type).toContain('application/json')

  // Nothing from /api is in Cache Storage, and offline an /api call fails instead of getting a stale answer.
  const cachedApi = await page.evaluate(async () => {
    const hits: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys())
        if (new URL(request.url).pathname.startsWith('/api')) hits.push(request.url)
    }
    return hits
  })
  expect(cachedApi).toEqual([])

  await context.setOffline(true)
  const offline = await page.evaluate(async () => {
    try {
      const response = await fetch('/api/health')
      return `answered ${response.status} ${response.headers.get('content-type')}`
    } catch {
      return 'network error'
    }
  })
  expect(offline).toBe('network error')

  // A navigation to /api is not given the app shell either.
  await context.setOffline(false)
  const navigation = await page.goto('/api/health')
  expect(navigation?.headers()['content-type']).toContain('application/json')
})
