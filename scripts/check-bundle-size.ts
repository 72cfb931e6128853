/**
 * Run by `npm run build` after `vite build`. Two checks on ./dist:
 *
 * 1. Initial JS budget: the entry script of dist/index.html plus every chunk it loads before the first render
 *    (the `modulepreload` links and, to be safe, the entry's own static `import` statements, followed
 *    transitively), gzipped at level 9. Over 120 KiB (issue 7's target) → exit 1. A tablet on a branch's weak Wi-Fi pays for
 *    every one of them before the book appears.
 * 2. First-screen CSS budget: the stylesheets dist/index.html links (and any inline <style>), gzipped at level 9.
 *    Over 10 KiB (issue 19's target) → exit 1. They block the first paint: Vant's whole stylesheet with its icon
 *    font was 52.5 KiB here, while the components the book shows need a few KiB.
 * 3. No icon font: a CSS file carrying an `@font-face` (Vant's icon font is 45 KB inlined) → exit 1. The app's icons
 *    are SVG (src/ui/icons.ts).
 * 4. Precache limit: any file the service worker precaches (same glob as vite.config.ts) over 2 MiB → exit 1.
 *    Workbox skips such a file with only a warning, and the app then starts blank offline.
 *
 * Usage: `tsx scripts/check-bundle-size.ts [distDir]`
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export const INITIAL_JS_BUDGET_KIB = 120
export const FIRST_SCREEN_CSS_BUDGET_KIB = 10
export const PRECACHE_FILE_LIMIT_BYTES = 2 * 1024 * 1024
/** Keep in step with `injectManifest.globPatterns` in vite.config.ts. */
const PRECACHED_EXTENSIONS = ['.js', '.css', '.html', '.svg', '.png', '.ico', '.woff2', '.webmanifest']
/** Built by vite-plugin-pwa but never precached (the worker itself). */
const NOT_PRECACHED = new Set(['sw.js'])

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = resolve(root, process.argv[2] ?? 'dist')

const kib = (bytes: number) => (bytes / 1024).toFixed(1)

/** `/assets/x.js` or `./x.js` relative to the importing file → path relative to dist ("assets/x.js"). */
function toDistPath(url: string, fromDistPath = ''): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return null
  const clean = url.split(/[?#]/)[0] ?? ''
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(fromDistPath), clean))
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1] ?? null
}

/** Static imports of an ES module chunk (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
function staticImports(code: string): string[] {
  const found: string[] = []
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g
  for (const m of code.matchAll(re)) if (m[1]) found.push(m[1])
  return found
}

function initialChunks(html: string): { entries: string[]; preloads: string[]; files: string[] } {
  const entries: string[] = []
  const preloads: string[] = []
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src')
    if (src && /type\s*=\s*["']module["']/i.test(tag)) {
      const p = toDistPath(src)
      if (p) entries.push(p)
    }
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = attr(tag, 'rel')
    const href = attr(tag, 'href')
    if (rel?.toLowerCase() === 'modulepreload' && href) {
      const p = toDistPath(href)
      if (p) preloads.push(p)
    }
  }
  // Follow the static imports too: a chunk missing from the preload list still loads before the first render.
  const seen = new Set<string>()
  const queue = [...entries, ...preloads]
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (seen.has(file)) continue
    seen.add(file)
    const abs = join(dist, file)
    if (!existsSync(abs)) throw new Error(`dist/index.html references ${file}, which is not in ${dist}`)
    for (const imp of staticImports(readFileSync(abs, 'utf8'))) {
      const p = toDistPath(imp, file)
      if (p && !seen.has(p)) queue.push(p)
    }
  }
  return { entries, preloads, files: [...seen] }
}

/** The stylesheets the first paint waits for: `<link rel="stylesheet">` files and inline `<style>` blocks. */
function firstScreenCss(html: string): { file: string; code: string }[] {
  const found: { file: string; code: string }[] = []
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = attr(tag, 'href')
    if (attr(tag, 'rel')?.toLowerCase() !== 'stylesheet' || !href) continue
    const p = toDistPath(href)
    if (!p) continue
    const abs = join(dist, p)
    if (!existsSync(abs)) throw new Error(`dist/index.html links ${p}, which is not in ${dist}`)
    found.push({ file: p, code: readFileSync(abs, 'utf8') })
  }
  for (const [i, m] of [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].entries()) {
    found.push({ file: `index.html <style> #${i + 1}`, code: m[1] ?? '' })
  }
  return found
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  )
}

function main(): number {
  const indexHtml = join(dist, 'index.html')
  if (!existsSync(indexHtml)) {
    console.error(`check-bundle-size: ${indexHtml} not found — run \`vite build\` first.`)
    return 1
  }
  const { entries, files } = initialChunks(readFileSync(indexHtml, 'utf8'))
  if (entries.length === 0) {
    console.error('check-bundle-size: no <script type="module" src> in dist/index.html')
    return 1
  }

  const rows = files
    .map((file) => {
      const raw = readFileSync(join(dist, file))
      return { file, raw: raw.length, gz: gzipSync(raw, { level: 9 }).length }
    })
    .sort((a, b) => b.gz - a.gz)
  const total = rows.reduce((sum, r) => sum + r.gz, 0)
  const over = total > INITIAL_JS_BUDGET_KIB * 1024

  console.log(`\ninitial JS: ${kib(total)} KiB gzipped (budget ${INITIAL_JS_BUDGET_KIB} KiB)`)
  const width = Math.max(...rows.map((r) => r.file.length))
  for (const r of rows) {
    const tag = entries.includes(r.file) ? '  (entry)' : ''
    console.log(`  ${r.file.padEnd(width)}  ${kib(r.gz).padStart(6)} KiB gz  ${kib(r.raw).padStart(7)} KiB raw${tag}`)
  }

  let failed = false
  if (over) {
    console.error(
      `✗ initial JS is ${kib(total - INITIAL_JS_BUDGET_KIB * 1024)} KiB over the ${INITIAL_JS_BUDGET_KIB} KiB budget`,
    )
    failed = true
  }

  const css = firstScreenCss(readFileSync(indexHtml, 'utf8')).map(({ file, code }) => ({
    file,
    raw: Buffer.byteLength(code),
    gz: gzipSync(code, { level: 9 }).length,
  }))
  const cssTotal = css.reduce((sum, r) => sum + r.gz, 0)
  console.log(`\nfirst-screen CSS: ${kib(cssTotal)} KiB gzipped (budget ${FIRST_SCREEN_CSS_BUDGET_KIB} KiB)`)
  const cssWidth = Math.max(0, ...css.map((r) => r.file.length))
  for (const r of css)
    console.log(`  ${r.file.padEnd(cssWidth)}  ${kib(r.gz).padStart(6)} KiB gz  ${kib(r.raw).padStart(7)} KiB raw`)
  if (cssTotal > FIRST_SCREEN_CSS_BUDGET_KIB * 1024) {
    console.error(
      `✗ first-screen CSS is ${kib(cssTotal - FIRST_SCREEN_CSS_BUDGET_KIB * 1024)} KiB over the ${FIRST_SCREEN_CSS_BUDGET_KIB} KiB budget`,
    )
    failed = true
  }

  const distFiles = walk(dist).map((abs) => relative(dist, abs).split('\\').join('/'))
  for (const file of distFiles.filter((f) => f.endsWith('.css'))) {
    if (/@font-face/i.test(readFileSync(join(dist, file), 'utf8'))) {
      console.error(`✗ ${file} carries an @font-face (an icon font?): the app's icons are SVG (src/ui/icons.ts)`)
      failed = true
    }
  }

  const tooBig = walk(dist)
    .map((abs) => ({ file: relative(dist, abs).split('\\').join('/'), size: statSync(abs).size }))
    .filter((f) => PRECACHED_EXTENSIONS.some((ext) => f.file.endsWith(ext)) && !NOT_PRECACHED.has(f.file))
    .filter((f) => f.size > PRECACHE_FILE_LIMIT_BYTES)
  for (const f of tooBig) {
    console.error(`✗ ${f.file} is ${kib(f.size)} KiB: over workbox's 2 MiB precache limit, it would be missing offline`)
    failed = true
  }
  if (!failed) console.log('✓ within budget; no icon font; no precached file over 2 MiB')
  return failed ? 1 : 0
}

process.exitCode = main()
