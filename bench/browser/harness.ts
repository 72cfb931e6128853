/**
 * The in-browser half of the tablet benchmarks (driven by run.ts through `window.bench`). Every operation runs
 * through the app's real modules (src/db, src/sync) and, interleaved with it, through the hand-written raw
 * IndexedDB baseline (raw.ts), on the same database, so both see the same data and the same cache state.
 *
 * The tablet's data is sealed (IndexedDB v7, issue 17): the harness first makes the tablet's keys for the bench PIN
 * (createTabletKeys: the app's own enrolment code, Argon2id included) and holds them unlocked (setKeys), so the app's
 * Dexie path seals and opens as on an unlocked tablet, and raw.ts does the same crypto with the same keys. Seeding
 * writes what the app writes: sealed rows, the book rows' `find` keys and the texts' `terms` as keyed hashes.
 */
import { ComplaintDb } from '../../src/db/ComplaintDb'
import { commit } from '../../src/db/commit'
import { applyRemote } from '../../src/db/applyRemote'
import { changedProjections, changesRow, changesText, project } from '../../src/db/project'
import type { StoredProjections } from '../../src/db/project'
import { textRow } from '../../src/db/textRow'
import { bookPage, needsAction, searchComplaints } from '../../src/db/queries'
import type { ComplaintRow, StoredEvent, TextRow } from '../../src/db/schema'
import { chinaDate, dueSoonUntil, EVENT_SCHEMA_VERSION, encodeHlc, fold, resolveSettings } from '../../src/domain'
import type { ComplaintEvent } from '../../src/domain'
import { pullEvents } from '../../src/sync/pullEvents'
import { createHttpTransport } from '../../src/sync/httpTransport'
import { blindKeys } from '../../src/db/crypto/blindIndex'
import { setKeys } from '../../src/db/crypto/keyring'
import type { TabletKeyring } from '../../src/db/crypto/keyring'
import { PIN_KDF, pinKey } from '../../src/db/crypto/pinKdf'
import { openRow, openRows, sealNewRow, sealRow } from '../../src/db/crypto/sealMiddleware'
import { sealValue } from '../../src/db/crypto/envelope'
import { blindTextTerms } from '../../src/db/searchTerms'
import { createTabletKeys } from '../../src/db/crypto/tabletKeys'
import type { TabletKeyPair, UserKey } from '../../src/db/crypto/tabletKeys'
import { MIN_PHONE_KEY, rowKeyTerms, splitRow } from '../../src/domain/privacy/sealedFields'
import type { SealedStore } from '../../src/domain/privacy/sealedFields'
import type { TabletUser } from '../../src/db/metaValues'
import { api } from '../../src/ui/auth/api'
import { complaintWithEvents, pick, prng, seededUuid, SURNAMES } from './data'
import type { DataOptions } from './data'
import {
  deleteDatabase,
  done,
  getAll,
  openRaw,
  req,
  rawApplyRemote,
  rawBookPage,
  rawBulkPut,
  rawCommit,
  rawNeedsAction,
  rawPull,
  rawSearch,
} from './raw'

export interface Timings {
  dexie: number[]
  raw: number[]
}

const BRANCH: Omit<DataOptions, 'now'> = { branchId: 'bench', deviceId: 'bench-tab', staffId: 'li', staffName: '李娜' }
const IDENTITY = { deviceId: 'bench-tab', branchId: 'bench', staffId: 'li', staffName: '李娜' }

let dexie: ComplaintDb | null = null
let raw: IDBDatabase | null = null
let ids: string[] = []
let phones: string[] = []
let names: string[] = []
let rng = prng(1)
/** The tablet's keys as enrolment made them for the bench PIN: the user's key and the key pair go to the app at hand-over. */
let tablet: { user: UserKey; pair: TabletKeyPair; keyring: TabletKeyring } | null = null

/** Unlocks the tablet's keys (made once, with the app's own code and Argon2id): nothing is read or written before. */
async function unlock(pin: string): Promise<TabletKeyring> {
  tablet ??= await createTabletKeys(pin)
  setKeys(tablet.keyring)
  return tablet.keyring
}

/**
 * Blind keys for seeding, remembered for the terms many rows share (name starts, words of the texts, short phone
 * prefixes): HMAC is deterministic, so the stored keys are the ones the middleware computes (checked in `seed`).
 */
const seedKeys = new Map<string, string>()
async function blindKeysForSeed(index: CryptoKey, terms: string[]): Promise<string[]> {
  const missing = terms.filter((t) => !seedKeys.has(t))
  const fresh = new Map<string, string>()
  if (missing.length > 0) {
    const keys = await blindKeys(index, missing)
    missing.forEach((t, i) => {
      fresh.set(t, keys[i]!)
      if (t.length <= 8 || !/^[pt]:/.test(t)) seedKeys.set(t, keys[i]!)
    })
  }
  return terms.map((t) => seedKeys.get(t) ?? fresh.get(t)!)
}

/** sealRow (sealMiddleware.ts) for a new row, with the seed's remembered blind keys: the same functions, the same output. */
async function sealForSeed(
  keys: TabletKeyring,
  store: SealedStore,
  row: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return sealNewRow(keys, store, row, blindKeysForSeed)
}

/** The seed's sealing matches the middleware's: same clear fields, same blind keys, and it opens to the plain row. */
async function checkSeal(store: SealedStore, plain: object, seeded: Record<string, unknown>): Promise<void> {
  const app = await sealRow(store, plain as Record<string, unknown>)
  const strip = ({ sealed: _s, ...rest }: Record<string, unknown>) => JSON.stringify(rest)
  if (strip(app) !== strip(seeded))
    throw new Error(`seed: a sealed ${store} row differs from the middleware's\n${strip(seeded)}\n${strip(app)}`)
  if (JSON.stringify(await openRow(seeded)) !== JSON.stringify(await openRow(app)))
    throw new Error(`seed: a sealed ${store} row does not open as the middleware's`)
}

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** Runs the pair `reps` times after `warm` untimed rounds, alternating which goes first. */
async function pair(
  reps: number,
  warm: number,
  d: (i: number) => Promise<unknown>,
  r: (i: number) => Promise<unknown>,
): Promise<Timings> {
  const out: Timings = { dexie: [], raw: [] }
  for (let i = 0; i < warm + reps; i++) {
    let a: number
    let b: number
    if (i % 2 === 0) {
      a = await timed(() => d(i))
      b = await timed(() => r(i))
    } else {
      b = await timed(() => r(i))
      a = await timed(() => d(i))
    }
    if (i >= warm) {
      out.dexie.push(a)
      out.raw.push(b)
    }
  }
  return out
}

/**
 * Stores `n` complaints with their events (seeded) in database `name`, made with the app's schema by Dexie and
 * filled in batches on raw IndexedDB (seeding is not what is measured). `identity`: the bench tablet's
 * identity is stored too (the app's own database gets its identity at enrolment instead).
 */
async function seed(opts: {
  name: string
  n: number
  seed: number
  identity: boolean
  pin: string
  batch?: number
  /** Store the events of only the newest this many complaints (all by default): see BENCH_EVENTS_KEPT in run.ts. */
  eventsKept?: number
}) {
  const t0 = performance.now()
  const keys = await unlock(opts.pin)
  const unlockMs = performance.now() - t0
  const schema = new ComplaintDb(opts.name)
  await schema.open()
  schema.close()
  const db = await openRaw(opts.name)
  const now = Date.now()
  const o: DataOptions = { ...BRANCH, now }
  const ctx = { now: new Date(now), ...resolveSettings(undefined) }
  const r = prng(opts.seed)
  let events = 0
  const batch = opts.batch ?? 1000
  ids = []
  phones = []
  names = []
  for (let start = 0; start < opts.n; start += batch) {
    // The batch is made and sealed first (all of its crypto at once), then written in one transaction.
    const plain: { events: ComplaintEvent[]; row: ComplaintRow; text: TextRow }[] = []
    for (let i = start; i < Math.min(opts.n, start + batch); i++) {
      const evs = complaintWithEvents(r, i, opts.n, o)
      events += evs.length
      const state = fold(evs)!
      const row = project(state, ctx)
      plain.push({ events: evs, row, text: textRow(state) })
      ids.push(row.id)
      phones.push(row.phone)
      names.push(row.name)
    }
    const seal = (store: SealedStore, row: object) => sealForSeed(keys, store, row as Record<string, unknown>)
    const sealed = await Promise.all(
      plain.map(async (p) => ({
        events: await Promise.all(p.events.map((e) => seal('events', e))),
        row: await seal('complaints', p.row),
        text: await seal('texts', p.text),
      })),
    )
    if (start === 0) {
      await checkSeal('events', plain[0]!.events[0]!, sealed[0]!.events[0]!)
      await checkSeal('complaints', plain[0]!.row, sealed[0]!.row)
      await checkSeal('texts', plain[0]!.text, sealed[0]!.text)
    }
    const tx = db.transaction(['events', 'complaints', 'texts', 'meta'], 'readwrite')
    const es = tx.objectStore('events')
    const cs = tx.objectStore('complaints')
    const ts = tx.objectStore('texts')
    if (start === 0 && opts.identity) tx.objectStore('meta').put({ key: 'identity', value: IDENTITY })
    for (const [k, s] of sealed.entries()) {
      if (start + k >= opts.n - (opts.eventsKept ?? opts.n)) for (const e of s.events) es.put(e)
      cs.put(s.row)
      ts.put(s.text)
    }
    await done(tx)
    // A 100,000-complaint seed takes many minutes on a loaded machine: say how far it has got.
    if ((start + batch) % 10_000 === 0) console.info(`bench:seeded ${start + batch}`)
  }
  db.close()
  seedKeys.clear()
  return { complaints: opts.n, events, ms: performance.now() - t0, unlockMs }
}

async function open(name: string) {
  dexie?.close()
  raw?.close()
  dexie = new ComplaintDb(name)
  await dexie.open()
  raw = await openRaw(name)
  rng = prng(42)
}

/** One note on an open complaint (the newest 2 % are open), through the one write path. */
function write(reps: number, warm: number) {
  const open = ids.slice(Math.floor(ids.length * 0.98))
  const draft = () => ({
    type: 'note.added' as const,
    payload: { text: `已电话回访客户，说明处理进度（${Math.floor(rng() * 1e6)}）。` },
  })
  return pair(
    reps,
    warm,
    () => commit(dexie!, pick(rng, open), [draft()]),
    () => rawCommit(raw!, pick(rng, open), [draft()]),
  )
}

async function book(reps: number, warm: number) {
  const first = await pair(
    reps,
    warm,
    () => bookPage(dexie!, { limit: 50 }),
    () => rawBookPage(raw!, { limit: 50 }),
  )
  const top = await bookPage(dexie!, { limit: 50 })
  const rawTop = await rawBookPage(raw!, { limit: 50 })
  if (top.length !== 50 || top.map((r) => r.id).join() !== rawTop.map((r) => r.id).join())
    throw new Error('book: Dexie and raw first pages differ')
  const last = top.at(-1)!
  const after = { receivedAt: last.receivedAt, id: last.id }
  const next = await pair(
    reps,
    warm,
    () => bookPage(dexie!, { limit: 50, after }),
    () => rawBookPage(raw!, { limit: 50, after }),
  )
  const [a, b] = [await bookPage(dexie!, { limit: 50, after }), await rawBookPage(raw!, { limit: 50, after })]
  if (a.length !== 50 || a.map((r) => r.id).join() !== b.map((r) => r.id).join() || a[0]!.receivedAt > last.receivedAt)
    throw new Error('book: next pages differ')
  return { first, next }
}

async function search(reps: number, warm: number) {
  // Phone: the first 3 to 7 digits of a stored number; tail: its last four (尾号), as customers give it; name: a
  // surname, or a surname and the start of a given name; one character: of a given name or of a word in the text.
  const phoneQ = () => {
    const p = pick(rng, phones)
    return p.slice(0, 3 + Math.floor(rng() * 5))
  }
  const tailQ = () => pick(rng, phones).slice(-4)
  const nameQ = () => (rng() < 0.5 ? pick(rng, SURNAMES) : pick(rng, names).slice(0, 2))
  const charQ = () => (rng() < 0.5 ? [...pick(rng, names)].at(-1)! : pick(rng, ['卡', '费', '等', '款', '存']))
  const qs = Array.from({ length: warm + reps }, () => [phoneQ(), nameQ(), tailQ(), charQ()] as const)
  const run = (k: 0 | 1 | 2 | 3) =>
    pair(
      reps,
      warm,
      (i) => searchComplaints(dexie!, qs[i]![k]),
      (i) => rawSearch(raw!, qs[i]![k]),
    )
  const phone = await run(0)
  const name = await run(1)
  const tail = await run(2)
  const oneChar = await run(3)
  for (const k of [1, 2, 3] as const) {
    const [a, b] = [await searchComplaints(dexie!, qs[0]![k]), await rawSearch(raw!, qs[0]![k])]
    if (a.length === 0 || a.length !== b.length)
      throw new Error(`search "${qs[0]![k]}": Dexie found ${a.length}, raw ${b.length}`)
  }
  return { phone, name, tail, oneChar }
}

async function needs(reps: number, warm: number) {
  const until = dueSoonUntil(new Date())
  const [end, lastDay] = [new Date(until).toISOString(), chinaDate(until)]
  const t = await pair(
    reps,
    warm,
    () => needsAction(dexie!, until),
    () => rawNeedsAction(raw!, end, lastDay),
  )
  const [a, b] = [await needsAction(dexie!, until), await rawNeedsAction(raw!, end, lastDay)]
  if (a.length === 0 || a.length !== b.length) throw new Error(`needsAction: Dexie ${a.length}, raw ${b.length}`)
  return { counts: t, found: a.length }
}

/**
 * A page as the server sends it: by default 100 new complaints and 400 notes on complaints already held;
 * `newShare` 0 makes a page of another tablet's notes only (the day-to-day sync of a busy branch).
 */
function pulledPage(size: number, seq: { n: number }, newShare = 0.2): StoredEvent[] {
  const out: StoredEvent[] = []
  const now = Date.now()
  const o: DataOptions = { ...BRANCH, deviceId: 'other-tab', now }
  const fresh = Math.floor(size * newShare)
  for (let i = 0; out.length < fresh; i++) out.push(complaintWithEvents(rng, ids.length, ids.length + 1, o)[0]!)
  let wall = now
  while (out.length < size) {
    out.push({
      id: seededUuid(rng),
      complaintId: pick(rng, ids),
      branchId: 'bench',
      v: EVENT_SCHEMA_VERSION,
      hlc: encodeHlc({ wall: wall++, counter: 0, node: 'other-tab' }),
      actor: { staffId: 'zhang', staffName: '张伟', deviceId: 'other-tab' },
      type: 'note.added',
      payload: { text: '另一台平板记录的处理进展。' },
    } as ComplaintEvent)
  }
  return out.map((e) => ({ ...e, serverSeq: ++seq.n }))
}

async function apply(reps: number, warm: number, size = 500) {
  const seq = { n: 1_000_000 }
  const pages = Array.from({ length: 2 * (reps + warm) }, () => pulledPage(size, seq))
  const applied = await pair(
    reps,
    warm,
    (i) => applyRemote(dexie!, pages[2 * i]!, { cursor: seq.n }),
    (i) => rawApplyRemote(raw!, pages[2 * i + 1]!, seq.n),
  )
  const bulk = Array.from({ length: 2 * (reps + warm) }, () => pulledPage(size, seq))
  const put = await pair(
    reps,
    warm,
    (i) => dexie!.events.bulkPut(bulk[2 * i]!),
    (i) => rawBulkPut(raw!, bulk[2 * i + 1]!),
  )
  const held = Array.from({ length: 2 * (reps + warm) }, () => pulledPage(size, seq, 0))
  const notes = await pair(
    reps,
    warm,
    (i) => applyRemote(dexie!, held[2 * i]!, { cursor: seq.n }),
    (i) => rawApplyRemote(raw!, held[2 * i + 1]!, seq.n),
  )
  return { applied, bulkPut: put, notes, size }
}

/** The phone keys a book row held before issue 19's caps: every prefix and tail from three digits. */
function allPhoneKeys(row: ComplaintRow): string[] {
  const terms = rowKeyTerms({ name: row.name })
  for (let n = MIN_PHONE_KEY; n <= row.phone.length; n++)
    terms.push(`p:${row.phone.slice(0, n)}`, `t:${row.phone.slice(-n)}`)
  return [...new Set(terms)]
}

/**
 * Where a pulled page's time goes, on raw IndexedDB, each phase on its own (issue 19 §2): the crypto apart from the
 * IndexedDB work it feeds. Events: sealed (AES-GCM), then put. The touched complaints' events: read, then opened,
 * then folded. Their stored rows and texts: read, then opened. Projecting and comparing (CPU only). The rows and
 * texts that changed: their personal fields sealed (AES-GCM), their terms hashed (HMAC blind keys, through the
 * app's remembering cache, as the app does), then put — each with its index entries, counted.
 */
async function applyProfile(reps: number, size = 500) {
  const seq = { n: 5_000_000 }
  const names = [
    'sealEvents',
    'putEvents',
    'readHistories',
    'openHistories',
    'fold',
    'readStored',
    'openStored',
    'projectCompare',
    'sealRows',
    'hmacRows',
    'putRows',
    'sealTexts',
    'hmacTexts',
    'putTexts',
    'putRowsAllPhoneKeys',
    'putTextsAgain',
  ] as const
  const phases = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<(typeof names)[number], number[]>
  const ctx = { now: new Date(), ...resolveSettings(undefined) }
  const keys = tablet!.keyring
  let touchedTotal = 0
  let writtenTotal = 0
  let textsTotal = 0
  let heldTotal = 0
  const entries = { events: 0, rows: 0, texts: 0, rowsBefore: 0, textsBefore: 0 }
  const time = async <T>(phase: (typeof names)[number], fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    const r = await fn()
    phases[phase].push(performance.now() - t0)
    return r
  }
  const putAll = (store: string, values: object[]) => {
    const tx = raw!.transaction(store, 'readwrite')
    for (const v of values) tx.objectStore(store).put(v)
    return done(tx)
  }
  /** What sealNewRow does, in its two steps: the envelope of the personal fields, then the blind keys. */
  const sealSplit = async (
    store: 'complaints' | 'texts',
    rows: object[],
    aes: (typeof names)[number],
    mac: (typeof names)[number],
  ) => {
    const secrets = rows.map((r) => splitRow(store, r as Record<string, unknown>).secret)
    const sealed = await time(aes, () => Promise.all(secrets.map((x) => sealValue(keys.data, x))))
    const terms = secrets.map((x) =>
      store === 'complaints'
        ? rowKeyTerms(x as { phone?: string; name?: string })
        : blindTextTerms(String((x as { text?: string }).text ?? '')),
    )
    const macs = await time(mac, () => Promise.all(terms.map((t) => blindKeys(keys.index, t))))
    return rows.map((r, i): Record<string, unknown> => {
      const clear = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k in secrets[i]! ? null : v]))
      return store === 'complaints'
        ? { ...clear, sealed: sealed[i], find: macs[i] }
        : { id: (r as TextRow).id, text: null, sealed: sealed[i], terms: macs[i] }
    })
  }
  for (let i = 0; i < reps; i++) {
    const page = pulledPage(size, seq)
    const sealedEvents = await time('sealEvents', () =>
      Promise.all(
        page.map((e) =>
          sealValue(keys.data, splitRow('events', e).secret).then((sealed) => ({ ...e, payload: null, sealed })),
        ),
      ),
    )
    await time('putEvents', () => putAll('events', sealedEvents))
    entries.events += page.length * 3
    // The complaints applyRemote refolds: those with an event that can change their row (changesRow).
    const touched = [...new Set(page.filter(changesRow).map((e) => e.complaintId))]
    touchedTotal += touched.length
    const sealedHistories = await time('readHistories', () => {
      const index = raw!.transaction('events').objectStore('events').index('complaintId')
      return Promise.all(touched.map((id) => getAll<ComplaintEvent>(index, id)))
    })
    heldTotal += sealedHistories.reduce((n, h) => n + h.length, 0)
    const histories = await time('openHistories', () => Promise.all(sealedHistories.map(openRows)))
    const states = await time('fold', async () => histories.map((h) => fold(h)!))
    const textIds = [...new Set(page.filter(changesText).map((e) => e.complaintId))]
    const [sealedRows, sealedTexts] = await time('readStored', () => {
      const tx = raw!.transaction(['complaints', 'texts'])
      const get = <T>(store: string, ids: string[]) =>
        Promise.all(ids.map((id) => req(tx.objectStore(store).get(id)) as Promise<T | undefined>))
      return Promise.all([get<ComplaintRow>('complaints', touched), get<TextRow>('texts', textIds)])
    })
    const stored: StoredProjections = await time('openStored', async () => {
      const [rows, texts] = await Promise.all([openRows(sealedRows), openRows(sealedTexts)])
      return { rows, texts: new Map(textIds.map((id, i) => [id, texts[i]])) }
    })
    const changed = await time('projectCompare', async () => changedProjections(states, ctx, stored))
    writtenTotal += changed.rows.length
    textsTotal += changed.texts.length
    const rows = await sealSplit('complaints', changed.rows, 'sealRows', 'hmacRows')
    const texts = await sealSplit('texts', changed.texts, 'sealTexts', 'hmacTexts')
    // Paired in the same run, under the same load: the same rows with the phone keys written before issue 19's caps
    // (every prefix and tail), and the same texts again (a control: what order and noise alone move), put under
    // scratch ids and deleted untimed; before the real puts on odd rounds, after them on even ones.
    const before = await Promise.all([
      Promise.all(
        rows.map(async (r, n) => ({
          ...r,
          id: `scratch-${r.id as string}`,
          find: await blindKeys(keys.index, allPhoneKeys(changed.rows[n]!)),
        })),
      ),
      Promise.all(
        texts.map(async (t, n) => ({
          ...t,
          id: `scratch-${t.id as string}`,
          terms: await blindKeys(keys.index, blindTextTerms(changed.texts[n]!.text)),
        })),
      ),
    ])
    const scratch = async () => {
      await time('putRowsAllPhoneKeys', () => putAll('complaints', before[0]))
      await time('putTextsAgain', () => putAll('texts', before[1]))
      const tx = raw!.transaction(['complaints', 'texts'], 'readwrite')
      for (const r of before[0]) tx.objectStore('complaints').delete(r.id)
      for (const t of before[1]) tx.objectStore('texts').delete(t.id)
      await done(tx)
    }
    if (i % 2 === 1) await scratch()
    await time('putRows', () => putAll('complaints', rows))
    // The book row's plain indexes ([receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil,
    // awaiting, caseNumber: those the row has) and its blind keys.
    entries.rows += rows.reduce((n, r) => n + 7 + (r.find as string[]).length, 0)
    await time('putTexts', () => putAll('texts', texts))
    entries.texts += texts.reduce((n, r) => n + (r.terms as string[]).length, 0)
    if (i % 2 === 0) await scratch()
    entries.rowsBefore += before[0].reduce((n, r) => n + 7 + r.find.length, 0)
    entries.textsBefore += before[1].reduce((n, t) => n + t.terms.length, 0)
  }
  return {
    phases,
    touched: touchedTotal / reps,
    rowsWritten: writtenTotal / reps,
    textsWritten: textsTotal / reps,
    eventsRead: heldTotal / reps,
    indexEntries: {
      events: entries.events / reps,
      rows: entries.rows / reps,
      texts: entries.texts / reps,
      rowsBefore: entries.rowsBefore / reps,
      textsBefore: entries.textsBefore / reps,
    },
    size,
  }
}

/** Pulls everything the bench branch holds at the central endpoint into a new, empty database. */
/**
 * The main thread's long tasks (Long Tasks API: over 50 ms) while `run` runs: what a manager tapping the book
 * during a pull would wait for. Issue 19's target: none over 100 ms during a cold pull.
 */
async function watchLongTasks<T>(
  run: () => Promise<T>,
): Promise<{ result: T; longTasks: { count: number; over100: number; maxMs: number; totalMs: number } }> {
  const durations: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) durations.push(e.duration)
  })
  observer.observe({ type: 'longtask' })
  const result = await run()
  // Entries are delivered after the task: give the last one a chance to arrive.
  await new Promise((resolve) => setTimeout(resolve, 50))
  for (const e of observer.takeRecords()) durations.push(e.duration)
  observer.disconnect()
  return {
    result,
    longTasks: {
      count: durations.length,
      over100: durations.filter((d) => d > 100).length,
      maxMs: Math.round(Math.max(0, ...durations)),
      totalMs: Math.round(durations.reduce((a, b) => a + b, 0)),
    },
  }
}

async function coldPull(opts: { token: string; mode: 'dexie' | 'raw' | 'bulkPut'; pageSize?: number }) {
  const { result, longTasks } = await watchLongTasks(() => coldPullOnce(opts))
  return { ...result, longTasks }
}

async function coldPullOnce(opts: { token: string; mode: 'dexie' | 'raw' | 'bulkPut'; pageSize?: number }) {
  const name = `pull-${opts.mode}-${Date.now()}`
  let pulled: number
  let ms: number
  if (opts.mode === 'dexie') {
    const db = new ComplaintDb(name)
    await db.meta.put({ key: 'identity', value: IDENTITY })
    const transport = createHttpTransport({ token: () => opts.token, timeoutMs: 120_000 })
    const t0 = performance.now()
    pulled = await pullEvents(db, transport, { pageSize: opts.pageSize ?? 500 })
    ms = performance.now() - t0
    const complaints = await db.complaints.count()
    db.close()
    await deleteDatabase(name)
    return { pulled, ms, complaints }
  }
  const db = await openRaw(name, true)
  const tx = db.transaction('meta', 'readwrite')
  tx.objectStore('meta').put({ key: 'identity', value: IDENTITY })
  await done(tx)
  const t0 = performance.now()
  pulled = await rawPull(db, opts.token, opts.pageSize ?? 500, opts.mode === 'bulkPut')
  ms = performance.now() - t0
  const ctx = db.transaction('complaints').objectStore('complaints').count()
  const complaints = await new Promise<number>((resolve) => (ctx.onsuccess = () => resolve(ctx.result)))
  db.close()
  await deleteDatabase(name)
  return { pulled, ms, complaints }
}

async function counts() {
  return { complaints: await dexie!.complaints.count(), events: await dexie!.events.count() }
}

/** What the book would show first (a sanity check that the app's database was seeded as the app reads it). */
async function peek(name: string): Promise<Pick<ComplaintRow, 'id' | 'receivedAt'>[]> {
  const db = new ComplaintDb(name)
  const rows = await bookPage(db, { limit: 3 })
  db.close()
  return rows.map((r) => ({ id: r.id, receivedAt: r.receivedAt }))
}

/** Before the app opens this database: forget the bench tablet's outbox, clock, cursor and identity. */
async function handOver() {
  dexie?.close()
  raw?.close()
  dexie = null
  raw = null
  ids = []
  phones = []
  names = []
}

async function forgetBenchState(name: string) {
  const db = await openRaw(name)
  const tx = db.transaction(['outbox', 'meta'], 'readwrite')
  tx.objectStore('outbox').clear()
  tx.objectStore('meta').clear()
  await done(tx)
  db.close()
}

/**
 * Enrols the app's tablet on the seeded database as the enrolment screen does (useSessionStore.enrol: sign in, enrol
 * the device, the first user's key): the key is the one the data was sealed with, so the app opens it with the bench
 * PIN. Enrolling through the screen would make a new master secret, and the sealed rows could not be opened.
 */
async function enrolForApp(o: { name: string; username: string; password: string; tabletName: string }) {
  if (!tablet) throw new Error('enrolForApp: the tablet has no keys (seed first)')
  type Staff = { id: string; name: string; role: TabletUser['role']; approvalLevel?: TabletUser['approvalLevel'] }
  const session = await api<{ token: string; staff: Staff }>('/api/auth/sign-in', {
    body: { username: o.username, password: o.password },
  })
  const deviceId = `tab-${[...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('')}`
  const res = await api<{
    deviceToken: string
    device: { id: string; name: string; branchId: string; branchName: string }
  }>('/api/devices/enrol', { body: { name: o.tabletName, deviceId }, token: session.token })
  await api('/api/auth/sign-out', { body: {}, token: session.token }).catch(() => undefined)
  const { staff } = session
  const db = await openRaw(o.name)
  const tx = db.transaction('meta', 'readwrite')
  const meta = tx.objectStore('meta')
  meta.put({ key: 'device', value: { ...res.device, token: res.deviceToken } })
  meta.put({
    key: 'users',
    value: [
      {
        staffId: staff.id,
        name: staff.name,
        role: staff.role,
        approvalLevel: staff.approvalLevel ?? null,
        key: tablet.user,
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ],
  })
  meta.put({ key: 'tabletKeyPair', value: tablet.pair })
  meta.put({
    key: 'identity',
    value: { deviceId, branchId: res.device.branchId, staffId: staff.id, staffName: staff.name },
  })
  // Sealed from the start: nothing stored plain for a first unlock to seal.
  meta.put({ key: 'sealProgress', value: 'done' })
  await done(tx)
  db.close()
  return { staffId: staff.id }
}

/** Argon2id of the PIN alone (the KDF an unlock runs, same parameters): the baseline of "PIN typed → book shown". */
async function pinKdf(reps: number): Promise<number[]> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  await pinKey('000000', salt, PIN_KDF)
  const out: number[] = []
  for (let i = 0; i < reps; i++) out.push(await timed(() => pinKey('246810', salt, PIN_KDF)))
  return out
}

const bench = {
  seed,
  open,
  write,
  book,
  search,
  needs,
  apply,
  applyProfile,
  coldPull,
  counts,
  peek,
  handOver,
  forgetBenchState,
  enrolForApp,
  pinKdf,
}
declare global {
  interface Window {
    bench: typeof bench
  }
}
/** Errors as Playwright can show them (Dexie's and IndexedDB's errors lose their name and cause on the way out). */
function explained<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  return (async (...args: never[]) => {
    try {
      return await fn(...args)
    } catch (e) {
      const err = e as { name?: string; message?: string; inner?: { name?: string; message?: string }; stack?: string }
      throw new Error(
        `${err.name ?? 'Error'}: ${err.message ?? String(e)}${err.inner ? ` (inner ${err.inner.name}: ${err.inner.message})` : ''}\n${err.stack ?? ''}`,
        { cause: e },
      )
    }
  }) as F
}
for (const k of Object.keys(bench) as (keyof typeof bench)[])
  (bench as Record<string, unknown>)[k] = explained(bench[k] as never)
window.bench = bench
document.body.dataset.ready = '1'
