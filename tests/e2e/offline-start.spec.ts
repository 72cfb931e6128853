import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { collectFailedAppRequests, gotoUnlocked, openControlled, reloadUnlocked } from './helpers'
import { servedDist } from './paths'

test('starts with the network off, on the book and on a deep link', async ({ page, context, baseURL }) => {
  await page.goto('/')
  // First visit: once everything is precached the manager is told, once.
  await expect(page.getByText('已可离线使用')).toBeVisible()
  await openControlled(page)
  await expect(page.getByTestId('book-search')).toBeVisible()
  await expect(page.getByText('已可离线使用')).toBeHidden()

  // Every built asset is in the precache (a chunk over workbox's limit would be missing here).
  const assets = readdirSync(join(servedDist(), 'assets')).map((f) => `/assets/${f}`)
  const cached = await page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
    }
    return urls
  })
  expect(assets.length).toBeGreaterThan(0)
  expect(cached).toEqual(
    expect.arrayContaining([...assets, '/index.html', '/manifest.webmanifest', '/icons/icon-192.png']),
  )

  const failed = collectFailedAppRequests(page, new URL(baseURL!).origin)
  await context.setOffline(true)
  await reloadUnlocked(page)
  await expect(page.getByTestId('book-search')).toBeVisible()
  await expect(page.getByTestId('net-status')).toContainText('离线')
  await expect(page.getByTestId('new-complaint')).toBeVisible()

  // A deep link, typed in or restored by the tablet after a restart: served by the navigation route.
  await gotoUnlocked(page, '/complaints/new')
  await expect(page.getByTestId('field-name')).toBeVisible()
  await expect(page.getByTestId('submit-complaint')).toBeVisible()
  await expect(page.getByTestId('net-status')).toContainText('离线')
  expect(failed, 'app requests that failed offline').toEqual([])
})
