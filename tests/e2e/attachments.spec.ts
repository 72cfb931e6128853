import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { enrolTablet, fillIntake, gotoUnlocked, openControlled } from './helpers'

/**
 * Attachments end to end, in real Chromium: a photo taken offline (a real JPEG made by the browser's own canvas, with
 * an EXIF orientation) is compressed on the tablet, kept, uploaded once online, and shown on the branch's other tablet
 * and at the supervisor's desk; a file that only claims to be an image is refused.
 */
const SHOTS = join('docs', 'screenshots')
const SUPERVISOR = { username: 'zhao', name: '赵敏', password: 'e2e-demo-password', pin: '135790' }

async function reconnect(context: BrowserContext) {
  await context.setOffline(true)
  await context.setOffline(false)
}

/**
 * A 3000 × 2000 JPEG drawn by Chromium's canvas, with an EXIF block added saying "rotate 90° clockwise" (orientation 6,
 * as a tablet held upright writes it) and a GPS position, so the tablet's compression has something to honour and to drop.
 */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = Object.assign(document.createElement('canvas'), { width: 3000, height: 2000 })
    const ctx = c.getContext('2d')!
    ctx.fillStyle = '#f7f3ea'
    ctx.fillRect(0, 0, 3000, 2000)
    ctx.fillStyle = '#1f3a5f'
    ctx.fillRect(0, 0, 3000, 300)
    ctx.font = 'bold 160px sans-serif'
    ctx.fillText('TRANSFER SLIP 2026-12-03', 200, 800)
    ctx.fillText('CNY 12,000.00', 200, 1200)
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!
  })
  const jpeg = Buffer.from(base64, 'base64')
  // APP1 "Exif": a big-endian TIFF header and one IFD: Orientation = 6, GPSInfo pointing at a (made-up) GPS IFD.
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // MM, 42, first IFD at 8
    0x00,
    0x02, // two entries
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x06,
    0x00,
    0x00, // Orientation (SHORT) = 6
    0x88,
    0x25,
    0x00,
    0x04,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x26, // GPSInfo (LONG) → 38
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
    0x00,
    0x01, // GPS IFD: one entry
    0x00,
    0x01,
    0x00,
    0x02,
    0x00,
    0x00,
    0x00,
    0x02,
    0x4e,
    0x00,
    0x00,
    0x00, // GPSLatitudeRef = "N"
    0x00,
    0x00,
    0x00,
    0x00,
  ])
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body])
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)])
}

/**
 * The picture as shown (through its object URL). Its bytes cannot be read back here: the app's CSP allows blob: for
 * images only, not for fetch — as it should.
 */
async function shownImage(page: Page, testid: string) {
  return page
    .getByTestId(testid)
    .first()
    .evaluate(async (img: HTMLImageElement) => {
      await img.decode()
      return { width: img.naturalWidth, height: img.naturalHeight, blob: img.src.startsWith('blob:') }
    })
}

test('a photo taken offline reaches the branch’s other tablet and the supervisor’s desk once online', async ({
  browser,
}) => {
  test.setTimeout(420_000)
  mkdirSync(SHOTS, { recursive: true })
  const contextA = await browser.newContext()
  const contextB = await browser.newContext()
  const deskContext = await browser.newContext()
  const a = await contextA.newPage()
  const b = await contextB.newPage()
  const desk = await deskContext.newPage()
  await openControlled(a)
  await openControlled(b)

  await a.getByTestId('new-complaint').click()
  await fillIntake(a, {
    name: '陈静',
    phone: '13911112222',
    description: '柜台转账一万二千元，对方称未收到，客户带来了转账凭条。',
    demand: '查明款项去向',
  })
  await a.getByTestId('submit-complaint').click()
  await expect(a.getByTestId('detail-name')).toHaveText('陈静', { timeout: 30_000 })
  const complaintPath = new URL(a.url()).pathname
  await expect(a.getByTestId('outbox-count')).toHaveText('0', { timeout: 20_000 })
  const photo = await cameraJpeg(a)

  // Offline: the photo is compressed, kept on the tablet and waits to be uploaded.
  await contextA.setOffline(true)
  const section = a.getByTestId('attachments-section')
  await expect(section.getByTestId('attachment-hint')).toContainText('最多 30 个附件，每个不超过 5 MB')
  await section.getByTestId('attachment-caption-input').fill('客户提供的转账凭条')
  await section
    .getByTestId('attachment-camera-input')
    .setInputFiles({ name: 'IMG_20261203_0930.jpg', mimeType: 'image/jpeg', buffer: photo })
  const item = section.getByTestId('attachment').first()
  await expect(item).toHaveAttribute('data-status', 'local-only', { timeout: 30_000 })
  await expect(item.getByTestId('attachment-status')).toHaveText('待上传')
  await expect(item.getByTestId('attachment-caption')).toHaveText('客户提供的转账凭条')
  await expect(section.locator('h2')).toHaveText('附件（1）')
  await expect(a.locator('[data-testid="timeline-event"][data-type="attachment.added"]')).toHaveCount(1)
  // Upright (EXIF orientation 6 honoured: 3000 × 2000 on its side → 2000 × 3000) and within 2048 px: re-encoded by the
  // canvas, which keeps no EXIF (GPS included).
  const upright = { width: 1365, height: 2048, blob: true }
  expect(await shownImage(a, 'attachment-thumb')).toEqual(upright)
  const size = (await item.getByTestId('attachment-size').textContent())!
  expect(size).toMatch(/^\d+ KB$/)

  // A second file, a PDF the customer brought, kept as it is.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  )
  await section.getByTestId('attachment-caption-input').fill('客户的银行流水')
  await section
    .getByTestId('attachment-file-input')
    .setInputFiles({ name: '流水.pdf', mimeType: 'application/pdf', buffer: pdf })
  await expect(section.getByTestId('attachment')).toHaveCount(2, { timeout: 30_000 })
  await expect(section.locator('[data-testid="attachment"].file').getByTestId('attachment-open')).toBeVisible()

  // Online: uploaded by the sync engine.
  await contextA.setOffline(false)
  await expect(async () => {
    await reconnect(contextA)
    await expect(section.locator('[data-testid="attachment"][data-status="uploaded"]')).toHaveCount(2, {
      timeout: 3000,
    })
  }).toPass({ timeout: 120_000 })
  await expect(item.getByTestId('attachment-status')).toHaveText('已上传')
  await expect(a.locator('.van-toast:visible')).toHaveCount(0, { timeout: 10_000 })
  await a.evaluate(() => window.scrollTo(0, 0))
  await a.screenshot({ path: join(SHOTS, 'attachments.png'), fullPage: true })

  // The branch's other tablet: the complaint arrives (in its book) with its attachments; the photo shows when tapped.
  await expect(async () => {
    await reconnect(contextB)
    await expect(b.getByTestId('book-row').filter({ hasText: '陈静' })).toHaveCount(1, { timeout: 5000 })
  }).toPass({ timeout: 120_000 })
  await gotoUnlocked(b, complaintPath)
  const bSection = b.getByTestId('attachments-section')
  await expect(async () => {
    await reconnect(contextB)
    await expect(bSection.getByTestId('attachment')).toHaveCount(2, { timeout: 3000 })
  }).toPass({ timeout: 120_000 })
  const bPhoto = bSection.locator('[data-testid="attachment"].photo')
  await expect(bPhoto.getByTestId('attachment-caption')).toHaveText('客户提供的转账凭条')
  await bPhoto.getByTestId('attachment-view').click()
  const full = b.getByTestId('attachment-full')
  await expect(full).toBeVisible({ timeout: 30_000 })
  expect(await shownImage(b, 'attachment-full')).toEqual(upright)
  await expect(bPhoto.getByTestId('attachment-size')).toHaveText(size)

  // The supervisor's desk: the centre's copy, fetched with the supervisor's session.
  await desk.goto('/')
  await enrolTablet(desk, SUPERVISOR)
  await desk.getByTestId('nav-desk').click()
  await desk.getByTestId('central-username').fill(SUPERVISOR.username)
  await desk.getByTestId('central-password').fill(SUPERVISOR.password)
  await desk.getByTestId('central-submit').click()
  await expect(desk.getByTestId('central-sign-out')).toBeVisible({ timeout: 60_000 })
  await gotoUnlocked(desk, `/desk/complaints/${complaintPath.split('/').pop()}`, SUPERVISOR)
  const deskSection = desk.getByTestId('desk-attachments')
  await expect(deskSection.locator('h2')).toHaveText('附件（2）')
  await expect(deskSection.getByTestId('attachment-thumb')).toBeVisible({ timeout: 30_000 })
  expect(await shownImage(desk, 'attachment-thumb')).toEqual(upright)
  await expect(desk.getByTestId('print-attachment')).toHaveCount(2)
  await expect(desk.getByTestId('print-attachment').first()).toContainText('客户提供的转账凭条')

  await contextA.close()
  await contextB.close()
  await deskContext.close()
})

test('a file that only claims to be a picture (an SVG or HTML page named .png) is refused on the tablet', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const context = await browser.newContext()
  const page = await context.newPage()
  await openControlled(page)
  await page.getByTestId('new-complaint').click()
  await fillIntake(page, {
    name: '周敏',
    phone: '13922223333',
    description: '手机银行截图显示扣款两次。',
    demand: '退回多扣的款项',
  })
  await page.getByTestId('submit-complaint').click()
  await expect(page.getByTestId('detail-name')).toHaveText('周敏', { timeout: 30_000 })
  const section = page.getByTestId('attachments-section')
  for (const [name, body] of [
    [
      '截图.png',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><rect width="9" height="9"/></svg>',
    ],
    ['凭条.png', '<!doctype html><html><body><script>alert(1)</script></body></html>'],
  ] as const) {
    await section
      .getByTestId('attachment-file-input')
      .setInputFiles({ name, mimeType: 'image/png', buffer: Buffer.from(body) })
    await expect(section.getByTestId('attachment-error')).toContainText('只能添加照片（JPG、PNG、WebP）或 PDF')
  }
  await expect(section.getByTestId('attachment')).toHaveCount(0)
  await expect(page.locator('[data-testid="timeline-event"][data-type="attachment.added"]')).toHaveCount(0)
  await context.close()
})
