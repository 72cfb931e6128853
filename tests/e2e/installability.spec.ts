import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { BrowserContext } from '@playwright/test'
import { waitForServiceWorker } from './helpers'

interface ManifestIcon {
  src: string
  sizes?: string
  type?: string
  purpose?: string
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

// Chromium never offers to install from an incognito profile, and Playwright's ordinary contexts are incognito
// ("in-incognito"): this test opens a fresh persistent profile instead.
test('Chromium finds the app installable and the manifest complete', async ({ playwright, launchOptions, baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'complaint-desk-profile-'))
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions,
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 1024, height: 768 },
  })
  try {
    await checkInstallable(context)
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
})

async function checkInstallable(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/')
  await waitForServiceWorker(page)

  const cdp = await context.newCDPSession(page)
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: unknown[]
  }
  expect(installabilityErrors).toEqual([])
  const parsed = (await cdp.send('Page.getAppManifest')) as {
    url: string
    errors: { message: string; critical: number }[]
  }
  expect(parsed.errors, 'manifest parse errors').toEqual([])
  expect(new URL(parsed.url).pathname).toBe('/manifest.webmanifest')

  const response = await page.request.get('/manifest.webmanifest')
  expect(response.ok()).toBe(true)
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] }
  expect(manifest).toMatchObject({
    name: '投诉台 · Complaint Desk',
    short_name: '投诉台',
    lang: 'zh-CN',
    display: 'standalone',
    start_url: '/',
    theme_color: '#b71c1c',
    background_color: '#faf7f2',
  })

  const find = (size: string, purpose?: string) =>
    manifest.icons.find(
      (i) =>
        i.sizes === size &&
        (purpose ? i.purpose?.split(' ').includes(purpose) : !i.purpose || i.purpose.includes('any')),
    )
  const wanted = [
    { icon: find('192x192'), px: 192 },
    { icon: find('512x512'), px: 512 },
    { icon: find('512x512', 'maskable'), px: 512 },
  ]
  for (const { icon, px } of wanted) {
    expect(icon, `a ${px}px icon`).toBeDefined()
    const bytes = await page.request.get(icon!.src)
    expect(bytes.ok(), icon!.src).toBe(true)
    expect(bytes.headers()['content-type']).toContain('image/png')
    expect(pngSize(await bytes.body())).toEqual({ width: px, height: px })
  }

  // index.html's own icons exist too.
  for (const href of ['/favicon.ico', '/icons/apple-touch-icon-180.png']) {
    expect((await page.request.get(href)).ok(), href).toBe(true)
  }
}
