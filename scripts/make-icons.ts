/**
 * Renders public/icons/icon.svg to the PNG icons the manifest and index.html name, and public/favicon.ico.
 * Run once after changing the SVG, then commit the PNGs: `npx tsx scripts/make-icons.ts`.
 *
 * It uses the system Chromium (scripts/chromium.ts) through Playwright, never a downloaded browser. The SVG holds
 * paths only, so the result does not depend on the fonts installed on the machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { chromiumPath } from './chromium'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const publicDir = join(root, 'public')
const source = readFileSync(join(publicDir, 'icons', 'icon.svg'), 'utf8')

const glyphMatch = /<g id="glyph">[\s\S]*<\/g>\s*(?=<\/svg>)/.exec(source)
if (!glyphMatch) throw new Error('public/icons/icon.svg: no <g id="glyph"> found')
const glyph = glyphMatch[0]
const BRAND = '#b71c1c'

/** The icon as drawn: a rounded red square, transparent corners. */
const rounded = source

/**
 * Full-bleed variants: the platform cuts its own shape. Maskable icons must keep the glyph inside the
 * centred circle of radius 40 % (the "safe zone"); Apple's touch icon must be opaque (iOS paints
 * transparent corners black).
 */
function fullBleed(scale: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" fill="${BRAND}"/>
  <g transform="translate(256 256) scale(${scale}) translate(-256 -266)">${glyph}</g>
</svg>`
}

interface Target {
  file: string
  size: number
  svg: string
}

const targets: Target[] = [
  { file: 'icons/icon-192.png', size: 192, svg: rounded },
  { file: 'icons/icon-512.png', size: 512, svg: rounded },
  { file: 'icons/icon-maskable-512.png', size: 512, svg: fullBleed(0.9) },
  { file: 'icons/apple-touch-icon-180.png', size: 180, svg: fullBleed(0.86) },
]
const FAVICON_SIZES = [16, 32, 48]

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

async function render(svg: string, size: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
  const sized = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`)
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`)
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  await page.close()
  return png
}

/** An ICO file whose entries are PNGs (supported by every browser that matters). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt8(0, at + 2)
    header.writeUInt8(0, at + 3)
    header.writeUInt16LE(1, at + 4)
    header.writeUInt16LE(32, at + 6)
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

try {
  for (const t of targets) {
    const out = join(publicDir, t.file)
    mkdirSync(dirname(out), { recursive: true })
    const png = await render(t.svg, t.size)
    writeFileSync(out, png)
    console.log(`${t.file}  ${t.size}×${t.size}  ${png.length} B`)
  }
  const favicons = []
  for (const size of FAVICON_SIZES) favicons.push({ size, png: await render(rounded, size) })
  const icoBytes = ico(favicons)
  writeFileSync(join(publicDir, 'favicon.ico'), icoBytes)
  console.log(`favicon.ico  ${FAVICON_SIZES.join('/')}  ${icoBytes.length} B`)
} finally {
  await browser.close()
}
