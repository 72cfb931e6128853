/**
 * The benchmark's baseline: the same operations as src/db and src/sync, hand-written on the browser's
 * IndexedDB API — no Dexie. Same stores and indexes (read off SCHEMA_VERSIONS), same reads and writes in the
 * same transactions, same domain code (decide, fold, project); only the storage layer differs. Where the
 * browser offers a faster primitive (IndexedDB 3's getAll with a direction and count) it is used, so the
 * baseline is the best a hand-written layer could do.
 *
 * Since IndexedDB v7 (issue 17) the personal fields are sealed: the baseline does the same crypto as the app's
 * sealing middleware, with the same functions (sealRow, openRow, blindKeys) and the keys the harness unlocked —
 * AES-GCM of the same fields on every write and read, HMAC of the same query terms on every search — so each
 * ratio compares storage layers, not one side with crypto and one without. Where a hand-written layer could do the
 * crypto outside a transaction (a search's keys, a bulk put's seals) it does.
 */
import {
  decide,
  decodeHlc,
  encodeHlc,
  EVENT_SCHEMA_VERSION,
  fold,
  newId,
  phoneDigits,
  parseEvent,
  PROTOCOL_VERSION,
  receiveHlc,
  resolveSettings,
  tickHlc,
} from '../../src/domain'
import type { ClockContext, ComplaintEvent, ComplaintState, EventDraft, Hlc, PullResponse } from '../../src/domain'
import { eventsByComplaint } from '../../src/db/applyRemote'
import { changedProjections, changesRow, changesText } from '../../src/db/project'
import { SCHEMA_VERSIONS } from '../../src/db/schema'
import type { ComplaintRow, StoredEvent, TextRow } from '../../src/db/schema'
import { blindQueryTerm, searchTerms } from '../../src/db/searchTerms'
import { blindKeys } from '../../src/db/crypto/blindIndex'
import { requireKeys } from '../../src/db/crypto/keyring'
import { openRow, openRows, sealRow } from '../../src/db/crypto/sealMiddleware'
import { MAX_NAME_KEY, MIN_PHONE_KEY, phoneKeyTerm } from '../../src/domain/privacy/sealedFields'
import type { SealedStore } from '../../src/domain/privacy/sealedFields'

const LOWEST = ''
const HIGHEST = '\uffff'

interface IndexSpec {
  name: string
  keyPath: string | string[]
  multiEntry: boolean
  unique: boolean
}
interface StoreSpec {
  name: string
  keyPath: string | string[]
  indexes: IndexSpec[]
}

function parseKey(spec: string): { name: string; keyPath: string | string[]; multiEntry: boolean; unique: boolean } {
  let s = spec.trim()
  const multiEntry = s.startsWith('*')
  const unique = s.startsWith('&')
  if (multiEntry || unique) s = s.slice(1)
  const keyPath = s.startsWith('[') ? s.slice(1, -1).split('+') : s
  return { name: s, keyPath, multiEntry, unique }
}

/** The final schema that SCHEMA_VERSIONS describes (Dexie's notation, read by hand). */
export function rawSchema(): StoreSpec[] {
  const stores = new Map<string, string>()
  for (const v of SCHEMA_VERSIONS) {
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) stores.delete(name)
      else stores.set(name, spec)
    }
  }
  return [...stores].map(([name, spec]) => {
    const [pk, ...idx] = spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    return { name, keyPath: parseKey(pk!).keyPath, indexes: idx.map(parseKey) }
  })
}

export function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })
}

/**
 * Keeps a read-write transaction alive while WebCrypto works (IndexedDB commits a transaction as soon as no request
 * is pending): one cheap request at a time until the work settles — what the app's middleware must do too.
 */
export function alive<T>(tx: IDBTransaction, store: string, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settle: (() => void) | null = null
    work.then(
      (v) => (settle = () => resolve(v)),
      (e: unknown) => (settle = () => reject(e)),
    )
    const spin = () => {
      if (settle) return settle()
      const r = tx.objectStore(store).get(-Infinity)
      r.onsuccess = spin
      r.onerror = () => reject(r.error)
    }
    spin()
  })
}

/** Rows sealed as the middleware seals them (envelope, and a book row's `find` keys, a text's `terms`). */
export function sealAll(store: SealedStore, rows: readonly object[]): Promise<Record<string, unknown>[]> {
  return Promise.all(rows.map((r) => sealRow(store, r as Record<string, unknown>)))
}

/** Opens what a read returned: reads with no transaction to keep open. */
const opened = async <T>(rows: Promise<T[]>): Promise<T[]> => openRows(await rows)

/** Opens a database: with `create`, a new one with the app's schema made by hand; otherwise as it is. */
export function openRaw(name: string, create = false): Promise<IDBDatabase> {
  const r = create ? indexedDB.open(name, 1) : indexedDB.open(name)
  r.onupgradeneeded = () => {
    if (!create) return
    for (const s of rawSchema()) {
      const store = r.result.createObjectStore(s.name, { keyPath: s.keyPath })
      for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique })
    }
  }
  return req(r)
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name)
    r.onsuccess = () => resolve()
    r.onerror = () => reject(r.error)
    r.onblocked = () => resolve()
  })
}

const HAS_IDB3 = typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype

type Source = IDBObjectStore | IDBIndex

/** Up to `count` values of `range` in `direction`: one getAll where the browser can, else a cursor. */
export function getAll<T>(
  source: Source,
  range: IDBKeyRange | IDBValidKey | null,
  count?: number,
  direction: IDBCursorDirection = 'next',
): Promise<T[]> {
  if (HAS_IDB3) return req((source.getAll as (o: unknown) => IDBRequest<T[]>)({ query: range, count, direction }))
  if (direction === 'next') return req(source.getAll(range, count) as IDBRequest<T[]>)
  return new Promise((resolve, reject) => {
    const out: T[] = []
    const r = source.openCursor(range, direction)
    r.onsuccess = () => {
      const c = r.result
      if (!c || (count !== undefined && out.length >= count)) return resolve(out)
      out.push(c.value as T)
      c.continue()
    }
    r.onerror = () => reject(r.error)
  })
}

interface Identity {
  deviceId: string
  branchId: string
  staffId: string
  staffName: string
}

async function identityIn(meta: IDBObjectStore): Promise<Identity> {
  const row = (await req(meta.get('identity'))) as { value: Identity } | undefined
  if (row) return row.value
  const deviceId = `tab-${Math.random().toString(16).slice(2, 18).padEnd(16, '0')}`
  const identity = { deviceId, branchId: 'local', staffId: `staff-${deviceId}`, staffName: '大堂经理' }
  meta.put({ key: 'identity', value: identity })
  return identity
}

async function clockIn(meta: IDBObjectStore): Promise<Hlc | null> {
  const row = (await req(meta.get('hlc'))) as { value: string } | undefined
  return row ? decodeHlc(row.value) : null
}

async function contextIn(meta: IDBObjectStore, now: Date): Promise<ClockContext> {
  const row = (await req(meta.get('settings'))) as { value: never } | undefined
  const { calendar, policy } = resolveSettings(row?.value)
  return { now, calendar, policy }
}

/** commit.ts on raw IndexedDB: decide, stamp, append, queue, project — one read-write transaction. */
export async function rawCommit(
  db: IDBDatabase,
  complaintId: string,
  drafts: EventDraft[],
  now: () => number = Date.now,
): Promise<ComplaintEvent[]> {
  const tx = db.transaction(['events', 'complaints', 'texts', 'outbox', 'meta'], 'readwrite')
  const finished = done(tx)
  try {
    const meta = tx.objectStore('meta')
    const events = tx.objectStore('events')
    const queuedAt = now()
    const textMayChange = drafts.some(changesText)
    const [me, sealedEvents, storedClock, ctx, sealedRow, sealedText] = await Promise.all([
      identityIn(meta),
      getAll<ComplaintEvent>(events.index('complaintId'), complaintId),
      clockIn(meta),
      contextIn(meta, new Date(queuedAt)),
      req(tx.objectStore('complaints').get(complaintId)) as Promise<ComplaintRow | undefined>,
      textMayChange ? (req(tx.objectStore('texts').get(complaintId)) as Promise<TextRow | undefined>) : undefined,
    ])
    const [existing, row, text] = await alive(
      tx,
      'meta',
      Promise.all([openRows(sealedEvents), openRow(sealedRow), openRow(sealedText)]),
    )
    let state = fold(existing)
    let clock = storedClock
    const branchId = state?.branchId ?? me.branchId
    const made: ComplaintEvent[] = []
    for (const draft of drafts) {
      const decision = decide(state, draft)
      if (!decision.ok) throw new Error(`refused: ${JSON.stringify(decision)}`)
      clock = tickHlc(clock, now(), me.deviceId)
      const parsed = parseEvent({
        id: newId(),
        complaintId,
        branchId,
        v: EVENT_SCHEMA_VERSION,
        hlc: encodeHlc(clock),
        actor: { staffId: me.staffId, staffName: me.staffName, deviceId: me.deviceId },
        ...decision.draft,
      })
      if (!parsed.ok) throw new Error(`invalid: ${JSON.stringify(parsed.issues)}`)
      made.push(parsed.value)
      state = fold([...existing, ...made])
    }
    if (!state) throw new Error('notRecorded')
    const outbox = tx.objectStore('outbox')
    const changed = changedProjections([state], ctx, {
      rows: [row],
      texts: new Map(textMayChange ? [[complaintId, text]] : []),
    })
    const [sealedMade, sealedChanged] = await alive(
      tx,
      'meta',
      Promise.all([sealAll('events', made), sealChanged(changed)]),
    )
    sealedMade.forEach((e, i) => {
      events.add(e)
      outbox.add({ eventId: made[i]!.id, complaintId, queuedAt: queuedAt + i / 1000, attempts: 0 })
    })
    putChanged(tx, sealedChanged)
    if (clock) meta.put({ key: 'hlc', value: encodeHlc(clock) })
    await finished
    return made
  } catch (e) {
    try {
      tx.abort()
    } catch {
      /* already finished */
    }
    await finished.catch(() => undefined)
    throw e
  }
}

export interface RawBookQuery {
  after?: { receivedAt: string; id: string }
  limit?: number
}

/** bookPage without filters (the book as it opens): keyset paging down the [receivedAt+id] index. */
export function rawBookPage(db: IDBDatabase, q: RawBookQuery = {}): Promise<ComplaintRow[]> {
  const tx = db.transaction('complaints', 'readonly')
  const range = IDBKeyRange.bound(
    [LOWEST, LOWEST],
    q.after ? [q.after.receivedAt, q.after.id] : [HIGHEST, HIGHEST],
    false,
    !!q.after,
  )
  return opened(
    getAll<ComplaintRow>(tx.objectStore('complaints').index('[receivedAt+id]'), range, q.limit ?? 50, 'prev'),
  )
}

/** The rows of the `find` index (blind keys of phone prefixes and tails, name starts) holding this key, sealed. */
const byFind = (store: IDBObjectStore, key: string, count: number) =>
  getAll<ComplaintRow>(store.index('find'), key, count)

/**
 * searchComplaints on raw IndexedDB: a masked phone (its tail's key, confirmed on the opened rows), phone tail and
 * start, name start, then words of the text (one character too) — each by its blind key (HMAC of the same term the
 * app hashes), all the query's keys hashed at once before any transaction; rows opened after the reads.
 */
export async function rawSearch(db: IDBDatabase, text: string, limit = 50): Promise<ComplaintRow[]> {
  const q = text.trim()
  if (!q) return []
  const hmac = requireKeys().index
  const complaints = () => db.transaction('complaints', 'readonly').objectStore('complaints')
  const masked = /^(\d{3})\*+(\d{3,4})$/.exec(q.replace(/\s/g, ''))
  if (masked) {
    const [key] = await blindKeys(hmac, [phoneKeyTerm('t', masked[2]!).term])
    const rows = await opened(byFind(complaints(), key!, limit * 4))
    return rows.filter((r) => r.phone.startsWith(masked[1]!) && r.phone.endsWith(masked[2]!)).slice(0, limit)
  }
  const digits = phoneDigits(q)
  if (/^\d{3,}$/.test(digits)) {
    if (digits.length < MIN_PHONE_KEY) return []
    // As searchComplaints: the indexed tail and start (phoneKeyTerm), a longer query confirmed on the opened rows.
    const [tail, start] = [phoneKeyTerm('t', digits), phoneKeyTerm('p', digits)]
    const [tailKey, startKey] = await blindKeys(hmac, [tail.term, start.term])
    const store = complaints()
    const part = async (key: string, exact: boolean, test: (r: ComplaintRow) => boolean) =>
      exact
        ? opened(byFind(store, key, limit))
        : (await opened(byFind(store, key, limit * 4))).filter(test).slice(0, limit)
    const [byTail, byStart] = await Promise.all([
      part(tailKey!, tail.exact, (r) => r.phone.endsWith(digits)),
      part(startKey!, start.exact, (r) => r.phone.startsWith(digits)),
    ])
    const rows = digits.length <= 4 ? [...byTail, ...byStart] : [...byStart, ...byTail]
    return [...new Map(rows.map((r) => [r.id, r])).values()].slice(0, limit)
  }
  const needle = q.toLowerCase()
  const name = [...needle]
  const longName = name.length > MAX_NAME_KEY
  const term = blindQueryTerm(q)
  const restTerms = term
    ? searchTerms(needle)
        .slice(1)
        .filter((t) => [...t].length > 1)
        .map((t) => `w:${t}`)
    : []
  const [nameKey, termKey, ...rest] = await blindKeys(hmac, [
    `n:${name.slice(0, MAX_NAME_KEY).join('')}`,
    ...(term ? [term, ...restTerms] : []),
  ])
  let tx = db.transaction(['complaints', 'texts'], 'readonly')
  let byName = await byFind(tx.objectStore('complaints'), nameKey!, longName ? limit * 4 : limit)
  if (longName) {
    // Only a name longer than its indexed start is confirmed on the opened rows (then a new transaction reads on).
    byName = (await openRows(byName)).filter((r) => r.name.toLowerCase().startsWith(needle)).slice(0, limit)
    tx = db.transaction(['complaints', 'texts'], 'readonly')
  }
  if (!termKey || byName.length >= limit) return longName ? byName : openRows(byName)
  const want = limit - byName.length
  const seen = new Set(byName.map((r) => r.id))
  const ids: string[] = []
  // The query's other pairs confirm it on the stored keys alone: no text is opened.
  await new Promise<void>((resolve, reject) => {
    const r = tx.objectStore('texts').index('terms').openCursor(termKey)
    r.onsuccess = () => {
      const c = r.result
      if (!c || ids.length >= want) return resolve()
      const row = c.value as { id: string; terms: string[] }
      if (!seen.has(row.id) && rest.every((k) => row.terms.includes(k))) {
        seen.add(row.id)
        ids.push(row.id)
      }
      c.continue()
    }
    r.onerror = () => reject(r.error)
  })
  const store = tx.objectStore('complaints')
  const byText = await Promise.all(ids.map((id) => req(store.get(id)) as Promise<ComplaintRow | undefined>))
  const [names, texts] = await Promise.all([
    longName ? byName : openRows(byName),
    openRows(byText.filter((r): r is ComplaintRow => r !== undefined)),
  ])
  return [...names, ...texts]
}

/** needsAction on raw IndexedDB: three index ranges, merged and sorted. */
export async function rawNeedsAction(
  db: IDBDatabase,
  endOfToday: string,
  today: string,
  limit = 200,
): Promise<ComplaintRow[]> {
  const store = db.transaction('complaints', 'readonly').objectStore('complaints')
  const [due, followUps, extended] = await Promise.all([
    opened(getAll<ComplaintRow>(store.index('dueAt'), IDBKeyRange.bound('0', endOfToday), limit)),
    opened(getAll<ComplaintRow>(store.index('followUpDue'), IDBKeyRange.bound('0', today), limit)),
    opened(getAll<ComplaintRow>(store.index('extendedUntil'), IDBKeyRange.lowerBound('', true), limit)),
  ])
  const byId = new Map([...due, ...followUps, ...extended].map((r) => [r.id, r]))
  return [...byId.values()].sort((a, b) =>
    (a.dueAt || a.followUpDue || a.extendedUntil).localeCompare(b.dueAt || b.followUpDue || b.extendedUntil),
  )
}

/** applyRemote on raw IndexedDB: store the page, advance clock and cursor, refold the complaints it touched. */
export async function rawApplyRemote(
  db: IDBDatabase,
  events: StoredEvent[],
  cursor?: number,
  now: () => number = Date.now,
): Promise<void> {
  const tx = db.transaction(['events', 'complaints', 'texts', 'meta'], 'readwrite')
  const finished = done(tx)
  const meta = tx.objectStore('meta')
  if (cursor !== undefined) meta.put({ key: 'cursor', value: cursor })
  if (events.length > 0) {
    const store = tx.objectStore('events')
    const page = eventsByComplaint(events)
    // As applyRemote: only the complaints with an event that can change their row are refolded.
    const refold = new Set(events.filter(changesRow).map((e) => e.complaintId))
    const touched = [...page.keys()].filter((id) => refold.has(id))
    const textIds = [...new Set(events.filter(changesText).map((e) => e.complaintId))]
    const get = <T>(name: string, ids: string[]) =>
      Promise.all(ids.map((id) => req(tx.objectStore(name).get(id)) as Promise<T | undefined>))
    // One batch of reads, then one of writes, as applyRemote does.
    const [me, storedClock, ctx, sealedHeld, sealedRows, sealedTexts] = await Promise.all([
      identityIn(meta),
      clockIn(meta),
      contextIn(meta, new Date(now())),
      Promise.all(touched.map((id) => getAll<ComplaintEvent>(store.index('complaintId'), id))),
      get<ComplaintRow>('complaints', touched),
      get<TextRow>('texts', textIds),
    ])
    const [held, rows, texts] = await alive(
      tx,
      'meta',
      Promise.all([Promise.all(sealedHeld.map(openRows)), openRows(sealedRows), openRows(sealedTexts)]),
    )
    let clock = storedClock
    for (const e of events) clock = receiveHlc(clock, decodeHlc(e.hlc), now(), me.deviceId)
    const folded = touched
      .map((id, i) => ({ state: fold([...held[i]!, ...page.get(id)!]), row: rows[i] }))
      .filter((f): f is { state: ComplaintState; row: ComplaintRow | undefined } => f.state !== null)
    const changed = changedProjections(
      folded.map((f) => f.state),
      ctx,
      { rows: folded.map((f) => f.row), texts: new Map(textIds.map((id, i) => [id, texts[i]])) },
    )
    const [sealedEvents, sealedChanged] = await alive(
      tx,
      'meta',
      Promise.all([sealAll('events', events), sealChanged(changed)]),
    )
    for (const e of sealedEvents) store.put(e)
    if (clock) meta.put({ key: 'hlc', value: encodeHlc(clock) })
    putChanged(tx, sealedChanged)
  }
  await finished
}

/** src/db/project.ts's writeProjections: read the stored rows and texts, put the ones that changed. */
async function writeChanged(
  tx: IDBTransaction,
  states: ComplaintState[],
  ctx: ClockContext,
  textMayChange: (id: string) => boolean,
): Promise<void> {
  const get = <T>(store: string, ids: string[]) =>
    Promise.all(ids.map((id) => req(tx.objectStore(store).get(id)) as Promise<T | undefined>))
  const textIds = states.map((s) => s.id).filter(textMayChange)
  const [rows, texts] = await alive(
    tx,
    'meta',
    Promise.all([
      get<ComplaintRow>(
        'complaints',
        states.map((s) => s.id),
      ),
      get<TextRow>('texts', textIds),
    ]).then(([r, t]) => Promise.all([openRows(r), openRows(t)])),
  )
  putChanged(
    tx,
    await alive(
      tx,
      'meta',
      sealChanged(changedProjections(states, ctx, { rows, texts: new Map(textIds.map((id, i) => [id, texts[i]])) })),
    ),
  )
}

/** The changed book rows and texts, sealed as the middleware seals them. */
export async function sealChanged(changed: {
  rows: ComplaintRow[]
  texts: TextRow[]
}): Promise<{ rows: unknown[]; texts: unknown[] }> {
  const [rows, texts] = await Promise.all([sealAll('complaints', changed.rows), sealAll('texts', changed.texts)])
  return { rows, texts }
}

export function putChanged(tx: IDBTransaction, changed: { rows: unknown[]; texts: unknown[] }): void {
  for (const r of changed.rows) tx.objectStore('complaints').put(r)
  for (const t of changed.texts) tx.objectStore('texts').put(t)
}

/** The physical floor for storing a page: a bare put of the events in one transaction. */
export async function rawBulkPut(db: IDBDatabase, events: StoredEvent[]): Promise<void> {
  // Sealed before the transaction opens: a bare put needs nothing read first.
  const sealed = await sealAll('events', events)
  const tx = db.transaction('events', 'readwrite')
  const store = tx.objectStore('events')
  for (const e of sealed) store.put(e)
  await done(tx)
}

/** reprojectOpen on raw IndexedDB. */
async function rawReprojectOpen(db: IDBDatabase): Promise<void> {
  const tx = db.transaction(['events', 'complaints', 'texts', 'meta'], 'readwrite')
  const finished = done(tx)
  const [ctx, ids] = await Promise.all([
    contextIn(tx.objectStore('meta'), new Date()),
    req(tx.objectStore('complaints').index('dueAt').getAllKeys(IDBKeyRange.lowerBound('', true))) as Promise<string[]>,
  ])
  const byComplaint = tx.objectStore('events').index('complaintId')
  const histories = await alive(
    tx,
    'meta',
    Promise.all(ids.map((id) => getAll<ComplaintEvent>(byComplaint, id))).then((h) => Promise.all(h.map(openRows))),
  )
  await writeChanged(
    tx,
    histories.map(fold).filter((s): s is ComplaintState => s !== null),
    ctx,
    () => false,
  )
  await finished
}

/**
 * pullEvents on raw IndexedDB and fetch: the same pages from the same endpoint. `bulkPutOnly`: each page's events
 * stored sealed with its cursor and nothing else (no fold, no book row, no text): the floor issue 19's end-to-end
 * target compares the pull with.
 */
export async function rawPull(db: IDBDatabase, token: string, pageSize = 500, bulkPutOnly = false): Promise<number> {
  let pulled = 0
  for (;;) {
    const after =
      ((await req(db.transaction('meta').objectStore('meta').get('cursor'))) as { value: number } | undefined)?.value ??
      0
    const res = await fetch(`/api/sync/pull?protocol=${PROTOCOL_VERSION}&after=${after}&limit=${pageSize}`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    })
    if (!res.ok) throw new Error(`pull ${res.status}`)
    const page = (await res.json()) as PullResponse
    if (bulkPutOnly) {
      const sealed = await sealAll('events', page.events)
      const tx = db.transaction(['events', 'meta'], 'readwrite')
      for (const e of sealed) tx.objectStore('events').put(e)
      tx.objectStore('meta').put({ key: 'cursor', value: page.cursor })
      await done(tx)
      pulled += page.events.length
      if (!page.hasMore) return pulled
      continue
    }
    await rawApplyRemote(db, page.events, page.cursor)
    pulled += page.events.length
    if (!page.hasMore) {
      if (page.settings) {
        const tx = db.transaction('meta', 'readwrite')
        const before = (
          (await req(tx.objectStore('meta').get('settings'))) as { value?: { version?: number } } | undefined
        )?.value
        tx.objectStore('meta').put({ key: 'settings', value: page.settings })
        await done(tx)
        if (before?.version !== page.settings.version) await rawReprojectOpen(db)
      }
      return pulled
    }
  }
}
