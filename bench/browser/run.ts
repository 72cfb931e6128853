/**
 * Tablet benchmarks in headless Chromium on the production build, each beside the same operation on raw
 * IndexedDB (bench/browser/raw.ts). Builds the app and the bench pages into a temporary directory, serves them
 * with the real server (in this process, PGlite in memory, the demo bank plus a bench branch holding the
 * events of the cold pull), drives the harness page (bench/browser/harness.ts) and the app itself.
 *
 *   npm run bench:browser                    # 100,000 complaints
 *   BENCH_N=20000 npm run bench:browser      # fewer
 *   npm run bench:browser:ci                 # 2,000 complaints, few repetitions: checks the bench still runs
 *
 * Env: BENCH_N (complaints on the tablet), BENCH_PULL_N (events of the cold pull, default BENCH_N),
 * BENCH_REPS (timed repetitions per operation), BENCH_PORT (4400–4499, default 4431),
 * BENCH_START_REPS (cold starts per page, default 12), BENCH_OUT (JSON file, default bench/results/browser.json),
 * BENCH_CI=1 (short run; never fails on timings), BENCH_APP_DIST (an app `npm run build` has just built, copied
 * instead of building it again: .ci/run passes ./dist).
 * Exits non-zero when the harness fails (an operation throws, Dexie and raw disagree, the app does not start).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { chromium } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { buildApp } from '../../src/server/app'
import { hashToken } from '../../src/server/auth/tokens'
import { migrate } from '../../src/server/db/migrate'
import { wrapPglite } from '../../src/server/db/openPglite'
import { seedDemo } from '../../src/server/seedDemo'
import { chromiumPath, chromiumVersion } from '../../scripts/chromium'
import { branchEvents } from './data'
import type { Timings } from './harness'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const CI = process.env.BENCH_CI === '1'
const N = Number(process.env.BENCH_N ?? (CI ? 2000 : 100_000))
const PULL_N = Number(process.env.BENCH_PULL_N ?? N)
const REPS = Number(process.env.BENCH_REPS ?? (CI ? 8 : 60))
const WARM = CI ? 2 : 5
/**
 * BENCH_EVENTS_KEPT=n stores the events of only the newest n complaints, every complaint's book row and search text
 * still. For the search and book steps at 100,000 sealed complaints, which read no event: the in-memory profile
 * refuses more than ~60,000 complaints with their events (QuotaExceededError), and an on-disk profile's seeding
 * slows down with its size on this machine (docs/benchmarks.md). The write, apply and pull steps need every event.
 */
const EVENTS_KEPT = process.env.BENCH_EVENTS_KEPT ? Number(process.env.BENCH_EVENTS_KEPT) : undefined
const START_REPS = Number(process.env.BENCH_START_REPS ?? (CI ? 3 : 12))
const PORT = Number(process.env.BENCH_PORT ?? 4431)
const OUT = resolve(root, process.env.BENCH_OUT ?? 'bench/results/browser.json')
/** BENCH_ONLY=write,book,… runs only those steps (write, book, search, needs, apply, pull, app): for profiling. */
const ONLY = process.env.BENCH_ONLY?.split(',')
const want = (step: string) => !ONLY || ONLY.includes(step)
const PASSWORD = 'bench-demo-password'
/** The bench tablet's PIN: the harness makes the tablet's keys for it, the app is unlocked with it. */
const PIN = '246810'
const DEVICE_TOKEN = 'bench-device-token-0123456789abcdef'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
]
const CHROMIUM = chromiumPath()

const t0 = Date.now()
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`)

function vite(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...args],
    { cwd: root, stdio: 'inherit' },
  )
  if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`)
}

// ---- statistics -------------------------------------------------------------------------------------------
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!
}
interface Row {
  name: string
  unit: string
  app: { p50: number; p95: number }
  base: { p50: number; p95: number }
  baseline: string
  ratio: number
  ratioLabel: string
  target?: string
  met?: boolean
  note?: string
  samples: number
}
const rows: Row[] = []
const stat = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) })

function timeRow(name: string, t: Timings, extra: Partial<Row> = {}): Row {
  const app = stat(t.dexie)
  const base = stat(t.raw)
  const row: Row = {
    name,
    unit: 'ms',
    app,
    base,
    baseline: 'raw IndexedDB',
    ratio: app.p50 / base.p50,
    ratioLabel: '× raw (p50)',
    samples: t.dexie.length,
    ...extra,
  }
  rows.push(row)
  return row
}

// ---- the central endpoint ---------------------------------------------------------------------------------
async function startServer(dist: string) {
  const pg = await PGlite.create()
  const db = wrapPglite(pg)
  await migrate(db)
  await seedDemo(db, PASSWORD)
  await db.query(`insert into branches (id, name) values ('bench', '压测支行')`)
  await db.query(
    `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ('bench-puller', 'bench', '压测平板', $1, 'li')`,
    [hashToken(DEVICE_TOKEN)],
  )
  // The cold pull's events, loaded with COPY (what the server stores on push, without the pushing).
  const events = branchEvents(7, PULL_N, {
    branchId: 'bench',
    deviceId: 'bench-tab',
    staffId: 'li',
    staffName: '李娜',
    now: Date.now(),
  })
  const esc = (s: string) => `"${s.replaceAll('"', '""')}"`
  const csv =
    events
      .map((e) =>
        [
          e.id,
          e.complaintId,
          e.branchId,
          e.type,
          e.v,
          e.hlc,
          e.actor.deviceId,
          e.actor.staffId,
          esc(JSON.stringify(e)),
        ].join(','),
      )
      .join('\n') + '\n'
  await pg.query(
    `copy events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body) from '/dev/blob' with (format csv)`,
    [],
    { blob: new Blob([csv]) },
  )
  const app = await buildApp({ db, distDir: dist, logger: false })
  await app.listen({ port: PORT, host: '127.0.0.1' })
  return { app, db, base: `http://127.0.0.1:${PORT}`, pullEvents: events.length }
}

// ---- in the browser -----------------------------------------------------------------------------------------
/**
 * Marks the first frame in which the book (or the empty page's heading) is on screen: `window.__shown`, and says so
 * on the console. The bench waits for that message rather than polling with `waitForFunction`: polling injects
 * Playwright's utility script (~300 KB, 30–40 ms of main thread) into the page in the middle of the start it measures.
 */
const SHOWN = 'bench:cold-start-shown'
/**
 * Since issue 17 every start of the app asks for the PIN: its first screen is the lock screen, marked when its PIN
 * field is on screen (`__shown`). The PIN's submit is noted (`__unlockAt`, the form's submit event) and the first frame
 * with the book's rows after it (`__bookShown`, said on the console as BOOK_SHOWN).
 */
const BOOK_SHOWN = 'bench:book-shown'
const SHOWN_SCRIPT = `(() => {
  const first = '[data-testid="unlock-pin"], [data-testid="empty-ready"]'
  const frame = (inDom, shown, message) => requestAnimationFrame(() => {
    window[inDom] ??= performance.now()
    setTimeout(() => {
      window[shown] ??= performance.now()
      console.debug(message)
    })
  })
  document.addEventListener('submit', () => { window.__unlockAt ??= performance.now() }, true)
  let firstSeen = false
  const obs = new MutationObserver(() => {
    if (!firstSeen && document.querySelector(first)) {
      firstSeen = true
      window.__inDom = performance.now()
      frame('__inDom', '__shown', '${SHOWN}')
      if (document.querySelector('[data-testid="empty-ready"]')) obs.disconnect()
    }
    if (window.__unlockAt !== undefined && document.querySelector('[data-testid="book-row"]')) {
      obs.disconnect()
      window.__bookInDom = performance.now()
      frame('__bookInDom', '__bookShown', '${BOOK_SHOWN}')
    }
  })
  obs.observe(document, { childList: true, subtree: true })
})()`

/**
 * A browser with a profile on disk, as a tablet's: an in-memory (incognito) context has a small storage quota and
 * refuses the cold pull's second database at 100,000 complaints (QuotaExceededError).
 */
async function launch(profile: string): Promise<BrowserContext> {
  if (process.env.BENCH_IN_MEMORY === '1') {
    // Storage in memory (faster to seed, but a small quota: for runs without the cold pull at 100,000).
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1024, height: 768 },
    })
    await context.addInitScript(SHOWN_SCRIPT)
    context.on('close', () => void browser.close())
    return context
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1024, height: 768 },
  })
  await context.addInitScript(SHOWN_SCRIPT)
  return context
}

async function openHarness(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`harness page error: ${e.message}`))
  await page.goto(`${base}/bench/harness.html`)
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30_000 })
  return page
}

/**
 * `BENCH_CPU_PROFILE=file`: one more cold start under the CPU profiler (sampled every 100 µs), from the reload to the
 * lock screen's first frame, written as a .cpuprofile (open it in Chromium's DevTools); the functions with the most
 * self time are printed, to see where the start's main thread goes.
 */
async function profileColdStart(context: BrowserContext, page: Page, file: string): Promise<void> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  const shown = page.waitForEvent('console', { predicate: (m) => m.text() === SHOWN, timeout: 30_000 })
  await cdp.send('Profiler.start')
  await page.reload({ waitUntil: 'commit' })
  await shown
  const { profile } = await cdp.send('Profiler.stop')
  await cdp.detach()
  writeFileSync(file, JSON.stringify(profile))
  const self = new Map<string, number>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  profile.samples?.forEach((id, i) => {
    const f = byId.get(id)!.callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000)
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  log(`cold start CPU profile (${total.toFixed(0)} ms sampled) written to ${file}; most self time:`)
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`)
}

async function heapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20
}

/** Reloads a page the service worker controls, `reps` times: milliseconds from navigation to the first frame shown. */
interface Start {
  shown: number
  inDom: number
  html: number
  scripts: number
  dcl: number
  marks: Record<string, number>
  unlock: number
}
const phases: Record<string, Record<Exclude<keyof Start, 'marks'>, number>> = {}
/** Medians of the `performance.mark`s the page set during its cold starts (ms from navigation start), to profile the start. */
const marks: Record<string, Record<string, number>> = {}
let applyPhases: Record<string, number> = {}
let applyCounts: Record<string, number> = {}
/** The files each page loaded on its last cold start, with start–end times (ms from navigation start). */
const resources: Record<string, string[]> = {}

/**
 * `unlock`: after the first screen, type the PIN and wait for the book (the app); each start then also gives the time
 * from the PIN's submit to the first frame with the book's rows (`unlocks`).
 */
async function coldStarts(
  page: Page,
  reps: number,
  check: () => Promise<void>,
  label: string,
  unlock?: () => Promise<void>,
): Promise<{ shown: number[]; unlocks: number[] }> {
  const all: Start[] = []
  for (let i = 0; i < reps; i++) {
    const shown = page.waitForEvent('console', { predicate: (m) => m.text() === SHOWN, timeout: 30_000 })
    await page.reload({ waitUntil: 'commit' })
    await shown
    if (unlock) {
      const book = page.waitForEvent('console', { predicate: (m) => m.text() === BOOK_SHOWN, timeout: 60_000 })
      await unlock()
      await book
    }
    const r = await page.evaluate(() => {
      const w = window as unknown as { __shown: number; __inDom: number; __unlockAt?: number; __bookShown?: number }
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => (e as PerformanceResourceTiming).responseEnd)
      const files = performance
        .getEntriesByType('resource')
        .filter((e) => !e.name.includes('/api/'))
        .map(
          (e) =>
            `${new URL(e.name).pathname} ${e.startTime.toFixed(0)}–${(e as PerformanceResourceTiming).responseEnd.toFixed(0)}`,
        )
      // The first of each name: when that step was first reached.
      const marks: Record<string, number> = {}
      for (const m of performance.getEntriesByType('mark')) marks[m.name] ??= m.startTime
      return {
        shown: w.__shown,
        inDom: w.__inDom,
        unlock: w.__bookShown !== undefined && w.__unlockAt !== undefined ? w.__bookShown - w.__unlockAt : NaN,
        html: nav.responseEnd,
        dcl: nav.domContentLoadedEventEnd,
        scripts: Math.max(0, ...scripts),
        controlled: navigator.serviceWorker.controller !== null,
        files,
        marks,
      }
    })
    if (!r.controlled) throw new Error(`${page.url()}: not served by the service worker`)
    await check()
    all.push(r)
    resources[label] = r.files
    await page.waitForTimeout(300)
  }
  // Where the time goes (medians): HTML from the worker, last script file, scripts run (DOMContentLoaded), rows in the DOM, shown.
  phases[label] = Object.fromEntries(
    (['html', 'scripts', 'dcl', 'inDom', 'shown'] as const).map((k) => [
      k,
      quantile(
        all.map((x) => x[k]),
        0.5,
      ),
    ]),
  ) as Record<Exclude<keyof Start, 'marks'>, number>
  const names = [...new Set(all.flatMap((x) => Object.keys(x.marks)))]
  marks[label] = Object.fromEntries(
    names
      .map((n): [string, number] => [
        n,
        quantile(
          all.flatMap((x) => (n in x.marks ? [x.marks[n]!] : [])),
          0.5,
        ),
      ])
      .sort((a, b) => a[1] - b[1]),
  )
  return { shown: all.map((x) => x.shown), unlocks: all.map((x) => x.unlock) }
}

const DB = 'complaint-desk'

/**
 * One browser context for everything: the harness measures on the app's own database (named as the app names
 * it), then hands it over — outbox, clock, cursor and identity cleared — and the app is enrolled on top of it.
 * The harness runs first because the app's service worker takes the whole origin once it is installed.
 */
async function benchHarness(context: BrowserContext, base: string, pullEvents: number) {
  const page = await openHarness(context, base)
  // Argon2id alone, in the same browser before anything fills its heap: the baseline of an unlock (PIN typed → book shown).
  const kdf = want('app') ? await page.evaluate((r) => window.bench.pinKdf(r), START_REPS) : []
  log(`seeding ${N.toLocaleString('en-US')} complaints…`)
  page.on('console', (m) => {
    if (m.text().startsWith('bench:seeded ')) log(`  ${Number(m.text().slice(13)).toLocaleString('en-US')} seeded`)
  })
  const seeded = await page.evaluate(
    ([n, name, pin, eventsKept]) => window.bench.seed({ name, n, seed: 1, identity: true, pin, eventsKept }),
    [N, DB, PIN, EVENTS_KEPT] as const,
  )
  if (EVENTS_KEPT !== undefined)
    log(`events stored for the newest ${EVENTS_KEPT.toLocaleString('en-US')} complaints only (BENCH_EVENTS_KEPT)`)
  log(
    `seeded ${seeded.complaints.toLocaleString('en-US')} complaints, ${seeded.events.toLocaleString('en-US')} events, sealed, in ${(seeded.ms / 1000).toFixed(1)} s (the tablet's keys made for the PIN in ${(seeded.unlockMs / 1000).toFixed(1)} s)`,
  )
  await page.evaluate((name) => window.bench.open(name), DB)
  if (want('write')) {
    const write = await page.evaluate(([r, w]) => window.bench.write(r, w), [REPS, WARM] as const)
    timeRow('record one event (event + projection + outbox, 1 tx)', write, { target: '≤ 2× raw' })
    log('write done')
  }
  if (want('book')) {
    const book = await page.evaluate(([r, w]) => window.bench.book(r, w), [REPS, WARM] as const)
    timeRow('book: first page (50, newest first)', book.first, { target: '≤ 2× raw' })
    timeRow('book: next page (keyset)', book.next)
    log('book done')
  }
  if (want('search')) {
    const search = await page.evaluate(([r, w]) => window.bench.search(r, w), [REPS, WARM] as const)
    timeRow('search: phone prefix (3–7 digits)', search.phone, { target: 'p95 ≤ 50 ms' })
    timeRow('search: customer-name prefix', search.name, { target: 'p95 ≤ 50 ms' })
    timeRow('search: phone tail (last 4 digits)', search.tail, { target: 'p95 ≤ 50 ms' })
    timeRow('search: one character (name or word)', search.oneChar, { target: 'p95 ≤ 50 ms' })
    log('search done')
  }
  if (want('needs')) {
    const needs = await page.evaluate(([r, w]) => window.bench.needs(r, w), [REPS, WARM] as const)
    timeRow(`"needs action" (${needs.found} rows)`, needs.counts)
    log('needs action done')
  }
  if (want('apply')) {
    const apply = await page.evaluate(([r, w]) => window.bench.apply(r, w), [
      Math.max(3, Math.round(REPS / 3)),
      Math.min(WARM, 2),
    ] as const)
    timeRow(`apply a pulled page (${apply.size} events, refold)`, apply.applied)
    timeRow(`bulkPut of ${apply.size} events (store only)`, apply.bulkPut)
    timeRow(`apply a pulled page of ${apply.size} notes on complaints held (no new complaint)`, apply.notes)
    {
      // The target reads the app's applying speed against raw IndexedDB's bare bulkPut of the same number of events.
      const app = stat(apply.applied.dexie)
      const put = stat(apply.bulkPut.raw)
      rows.push({
        name: `apply ${apply.size} pulled events vs raw bulkPut (events/s)`,
        unit: 'ev/s',
        app: { p50: (apply.size / app.p50) * 1000, p95: (apply.size / app.p95) * 1000 },
        base: { p50: (apply.size / put.p50) * 1000, p95: (apply.size / put.p95) * 1000 },
        baseline: 'raw bulkPut',
        ratio: put.p50 / app.p50,
        ratioLabel: '× raw speed (p50)',
        target: '≥ 0.5× raw bulkPut',
        samples: apply.applied.dexie.length,
      })
      const notes = stat(apply.notes.dexie)
      rows.push({
        name: `apply ${apply.size} pulled notes (no new complaint) vs raw bulkPut (events/s)`,
        unit: 'ev/s',
        app: { p50: (apply.size / notes.p50) * 1000, p95: (apply.size / notes.p95) * 1000 },
        base: { p50: (apply.size / put.p50) * 1000, p95: (apply.size / put.p95) * 1000 },
        baseline: 'raw bulkPut',
        ratio: put.p50 / notes.p50,
        ratioLabel: '× raw speed (p50)',
        samples: apply.notes.dexie.length,
      })
    }
    const prof = await page.evaluate((r) => window.bench.applyProfile(r), CI ? 2 : 5)
    applyCounts = {
      touchedComplaints: Math.round(prof.touched),
      rowsWritten: Math.round(prof.rowsWritten),
      textsWritten: Math.round(prof.textsWritten),
      eventsRead: Math.round(prof.eventsRead),
      indexEntriesEvents: Math.round(prof.indexEntries.events),
      indexEntriesRows: Math.round(prof.indexEntries.rows),
      indexEntriesTexts: Math.round(prof.indexEntries.texts),
      indexEntriesRowsBefore: Math.round(prof.indexEntries.rowsBefore),
    }
    applyPhases = {
      ...Object.fromEntries(Object.entries(prof.phases).map(([k, v]) => [k, quantile(v, 0.5)])),
    }
    log('apply done')
  }
  if (want('pull')) {
    const pulls: Timings = { dexie: [], raw: [] }
    const longTasks: Partial<
      Record<'dexie' | 'raw', { count: number; over100: number; maxMs: number; totalMs: number }>
    > = {}
    const pullReps = Number(process.env.BENCH_PULL_REPS ?? 1)
    for (let i = 0; i < pullReps; i++) {
      for (const mode of (i % 2 === 0 ? ['dexie', 'raw'] : ['raw', 'dexie']) as ('dexie' | 'raw')[]) {
        const r = await page.evaluate((o) => window.bench.coldPull(o), { token: DEVICE_TOKEN, mode })
        if (r.pulled !== pullEvents)
          throw new Error(`cold pull (${mode}) got ${r.pulled} events, the server holds ${pullEvents}`)
        pulls[mode].push(r.ms)
        log(
          `cold pull ${mode}: ${r.pulled} events, ${r.complaints} complaints in ${(r.ms / 1000).toFixed(1)} s; main thread: ${r.longTasks.count} long tasks, ${r.longTasks.over100} over 100 ms, longest ${r.longTasks.maxMs} ms, ${r.longTasks.totalMs} ms in all`,
        )
        longTasks[mode] = r.longTasks
      }
    }
    // Issue 19's end-to-end target: the app's pull against a pull that only stores each page's events (sealed) with
    // its cursor, raw IndexedDB's bulkPut of the same events.
    const bulk: number[] = []
    for (let i = 0; i < pullReps; i++) {
      const r = await page.evaluate((o) => window.bench.coldPull(o), { token: DEVICE_TOKEN, mode: 'bulkPut' as const })
      if (r.pulled !== pullEvents)
        throw new Error(`cold pull (bulkPut) got ${r.pulled} events, the server holds ${pullEvents}`)
      bulk.push(r.ms)
      log(`cold pull bulkPut only: ${r.pulled} events in ${(r.ms / 1000).toFixed(1)} s`)
    }
    {
      const app = stat(pulls.dexie)
      const put = stat(bulk)
      rows.push({
        name: `cold pull of ${pullEvents.toLocaleString('en-US')} events vs a pull that only bulkPuts them (events/s)`,
        unit: 'ev/s',
        app: { p50: (pullEvents / app.p50) * 1000, p95: (pullEvents / app.p95) * 1000 },
        base: { p50: (pullEvents / put.p50) * 1000, p95: (pullEvents / put.p95) * 1000 },
        baseline: 'raw bulkPut pull',
        ratio: put.p50 / app.p50,
        ratioLabel: '× raw speed (p50)',
        target: '≥ 0.5× raw bulkPut',
        samples: pulls.dexie.length,
      })
    }
    const pullRow = timeRow(`cold pull of ${pullEvents.toLocaleString('en-US')} events from the local server`, pulls)
    pullRow.note = `${Math.round(pullEvents / (pullRow.app.p50 / 1000)).toLocaleString('en-US')} events/s (raw ${Math.round(pullEvents / (pullRow.base.p50 / 1000)).toLocaleString('en-US')}); main thread during the app's last pull: ${longTasks.dexie?.over100 ?? '?'} long tasks over 100 ms, longest ${longTasks.dexie?.maxMs ?? '?'} ms (raw: ${longTasks.raw?.over100 ?? '?'}, ${longTasks.raw?.maxMs ?? '?'} ms)`
  }
  await page.evaluate(() => window.bench.handOver())
  await page.evaluate((name) => window.bench.forgetBenchState(name), DB)
  if (want('app'))
    await page.evaluate((o) => window.bench.enrolForApp(o), {
      name: DB,
      username: 'wang',
      password: PASSWORD,
      tabletName: '大堂 1 号平板',
    })
  const counts = await page.evaluate((name) => window.bench.peek(name), DB)
  await page.close()
  return { seeded, top: counts, kdf }
}

/**
 * The app on the database the harness seeded and enrolled (with the keys its rows are sealed with): it starts on the
 * lock screen, as every start does since issue 17; the bench types the PIN.
 */
async function benchApp(context: BrowserContext, base: string, top: { id: string }[], profiles: string, kdf: number[]) {
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`app page error: ${e.message}`))
  const unlock = async () => {
    await page.getByTestId('unlock-pin').fill(PIN)
    await page.getByTestId('unlock-submit').click()
  }
  await page.goto(`${base}/`)
  await page.getByTestId('unlock-pin').waitFor({ timeout: 30_000 })
  await unlock()
  await page.getByTestId('book-row').first().waitFor({ timeout: 60_000 })
  await page.evaluate(async () => void (await navigator.serviceWorker.ready))
  log('app unlocked, service worker ready')
  const firstRowHref = `/complaints/${top[0]!.id}`
  const check = async () => {
    const href = await page.getByTestId('book-row').first().getAttribute('href')
    if (href !== firstRowHref)
      throw new Error(`the book's first row is ${href}, expected the newest complaint ${firstRowHref}`)
  }
  const app = await coldStarts(page, START_REPS, check, 'app', unlock)
  log('app cold starts done')
  if (process.env.BENCH_CPU_PROFILE) {
    await profileColdStart(context, page, process.env.BENCH_CPU_PROFILE)
    await unlock()
    await page.getByTestId('book-row').first().waitFor({ timeout: 60_000 })
  }

  // Browsing the book: a phone search, a name search, "needs action", back to all, then four more pages.
  await page.getByTestId('book-search').fill('138')
  await page.waitForTimeout(500)
  await page.getByTestId('book-search').fill('王')
  await page.waitForTimeout(500)
  await page.getByTestId('book-search').fill('')
  await page.getByTestId('filter-needsAction').click()
  await page.waitForTimeout(500)
  await page.getByRole('tab').first().click()
  await page.getByTestId('book-row').first().waitFor()
  // Closed complaints past the centre's retention leave the tablet once its settings arrive (issue 17): the book
  // may end before five pages, and then it shows no "more" button.
  for (let p = 2; p <= 5 && (await page.locator('.more button').count()) > 0; p++) {
    await page.locator('.more button').click()
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid="book-row"]').length >= n ||
        document.querySelector('[data-testid="book-retention"]') !== null,
      p * 50,
      { timeout: 30_000 },
    )
  }
  const appHeap = await heapMb(context, page)
  const rowsShown = await page.getByTestId('book-row').count()
  await context.close()

  const empty = await launch(join(profiles, 'empty'))
  const ep = await empty.newPage()
  await ep.goto(`${base}/bench/empty.html`)
  await ep.evaluate(async () => void (await navigator.serviceWorker.ready))
  await ep.reload()
  await ep.waitForFunction(() => navigator.serviceWorker.controller !== null)
  const emptyStarts = await coldStarts(ep, START_REPS, async () => undefined, 'empty page')
  const emptyHeap = await heapMb(empty, ep)
  await empty.close()

  const row = timeRow(
    'cold start from the SW cache to the lock screen',
    { dexie: app.shown, raw: emptyStarts.shown },
    { baseline: 'empty Vite + Vue page', target: '≤ 1.5× empty page', ratioLabel: '× empty page (p50)' },
  )
  row.note = 'navigation start → first frame with the PIN field (every start asks for the PIN)'
  const unlocked = timeRow(
    "unlock: PIN submitted → the book's rows shown",
    { dexie: app.unlocks, raw: kdf },
    { baseline: 'Argon2id alone (19 MiB × 2)', ratioLabel: '× Argon2id alone (p50)' },
  )
  unlocked.note = 'Argon2id, opening the keys, the first book page read and opened, first frame'
  rows.push({
    name: `JS heap after browsing the book (${rowsShown} rows shown)`,
    unit: 'MiB',
    app: { p50: appHeap, p95: appHeap },
    base: { p50: emptyHeap, p95: emptyHeap },
    baseline: 'empty Vite + Vue page',
    ratio: appHeap / emptyHeap,
    ratioLabel: '× empty page',
    samples: 1,
    note: 'after a forced GC (CDP JSHeapUsedSize)',
  })
}

function judge() {
  for (const r of rows) {
    if (!r.target) continue
    if (r.target.startsWith('p95 ≤')) r.met = r.app.p95 <= Number(r.target.match(/([\d.]+) ms/)![1])
    else if (r.target.startsWith('≥')) r.met = r.ratio >= Number(r.target.match(/([\d.]+)×/)![1])
    else r.met = r.ratio <= Number(r.target.match(/([\d.]+)×/)![1])
  }
}

const fmt = (n: number, unit: string) =>
  unit === 'ev/s'
    ? Math.round(n).toLocaleString('en-US')
    : n >= 100
      ? Math.round(n).toLocaleString('en-US')
      : n.toFixed(n >= 10 ? 1 : 2)

function table(): string {
  const lines = [
    '| operation | app (Dexie) p50 / p95 | baseline p50 / p95 | baseline | ratio | target | met |',
    '| --- | ---: | ---: | --- | ---: | --- | :---: |',
  ]
  for (const r of rows) {
    const u = r.unit === 'ms' ? ' ms' : ` ${r.unit}`
    const cell = (s: { p50: number; p95: number }) =>
      r.samples === 1 && r.unit !== 'ms'
        ? `${fmt(s.p50, r.unit)}${u}`
        : `${fmt(s.p50, r.unit)} / ${fmt(s.p95, r.unit)}${u}`
    lines.push(
      `| ${r.name}${r.note ? ` — ${r.note}` : ''} | ${cell(r.app)} | ${cell(r.base)} | ${r.baseline} | ${r.ratio.toFixed(2)} ${r.ratioLabel} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    )
  }
  return lines.join('\n')
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'complaint-desk-bench-'))
  const dist = join(tmp, 'dist')
  let server: Awaited<ReturnType<typeof startServer>> | null = null
  let context: BrowserContext | null = null
  try {
    const prebuilt = process.env.BENCH_APP_DIST ? resolve(root, process.env.BENCH_APP_DIST) : undefined
    if (prebuilt) {
      if (!existsSync(join(prebuilt, 'index.html'))) throw new Error(`BENCH_APP_DIST: no index.html in ${prebuilt}`)
      log(`copying the app built in ${prebuilt}, building the bench pages into ${dist}`)
      cpSync(prebuilt, dist, { recursive: true })
    } else {
      log(`building the app and the bench pages into ${dist}`)
      vite(['--outDir', dist, '--emptyOutDir'])
    }
    vite(['-c', join(root, 'bench/browser/vite.config.ts'), '--outDir', join(dist, 'bench')])
    log(`starting the server on port ${PORT} with ${PULL_N.toLocaleString('en-US')} events to pull`)
    server = await startServer(dist)
    context = await launch(join(tmp, 'profiles', 'tablet'))
    const version = /\d+(\.\d+)+/.exec(chromiumVersion(CHROMIUM) ?? '')?.[0] ?? '?'
    const { seeded, top, kdf } = await benchHarness(context, server.base, server.pullEvents)
    if (want('app')) await benchApp(context, server.base, top, join(tmp, 'profiles'), kdf)
    judge()
    const machine = {
      cpu: cpus()[0]?.model ?? '?',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      chromium: version,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    }
    console.log(
      `\n${N.toLocaleString('en-US')} complaints (${seeded.events.toLocaleString('en-US')} events) on the tablet; ${REPS} timed runs per operation after ${WARM} warm-up runs; Chromium ${version}, ${machine.cores} × ${machine.cpu}, Node ${process.version}\n`,
    )
    console.log(table())
    const c = applyCounts
    console.log(
      `\nA pulled page of 500 events on raw IndexedDB (${c.touchedComplaints} complaints touched, ${c.eventsRead} of their events read, ${c.rowsWritten} book rows and ${c.textsWritten} texts written; index entries: events ${c.indexEntriesEvents}, rows ${c.indexEntriesRows} (${c.indexEntriesRowsBefore} with every phone key), texts ${c.indexEntriesTexts}), by phase (medians, ms): ${Object.entries(
        applyPhases,
      )
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
    )
    console.log(
      "\nCold start, medians in ms from navigation start (HTML from the worker → last script file → scripts run → first screen in the DOM → first frame; the app's first screen is the lock screen):",
    )
    for (const [k, v] of Object.entries(phases))
      console.log(
        `  ${k}: ${v.html.toFixed(0)} → ${v.scripts.toFixed(0)} → ${v.dcl.toFixed(0)} → ${v.inDom.toFixed(0)} → ${v.shown.toFixed(0)}`,
      )
    const missed = rows.filter((r) => r.met === false)
    console.log(
      `\nTargets: ${rows.filter((r) => r.met).length} met, ${missed.length} missed${missed.length ? ` (${missed.map((r) => r.name).join('; ')})` : ''}. Total ${((Date.now() - t0) / 1000).toFixed(0)} s.`,
    )
    mkdirSync(dirname(OUT), { recursive: true })
    writeFileSync(
      OUT,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          complaints: N,
          events: seeded.events,
          pullEvents: server.pullEvents,
          reps: REPS,
          warmUp: WARM,
          machine,
          rows,
          coldStartPhases: phases,
          coldStartMarks: marks,
          coldStartFiles: resources,
          applyPhases,
          applyCounts,
          table: table(),
        },
        null,
        2,
      ) + '\n',
    )
    log(`figures written to ${OUT}`)
  } finally {
    await context?.close().catch(() => undefined)
    await server?.app.close()
    await server?.db.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`\nbench:browser failed: ${(e as Error).stack ?? e}`)
    process.exit(1)
  },
)
