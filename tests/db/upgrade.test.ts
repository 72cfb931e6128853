import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fold, newId } from '@/domain'
import type { ComplaintEvent, ComplaintState } from '@/domain'
import { bookPage, ComplaintDb, complaintState, localDeskQueue, project, SCHEMA_VERSIONS, searchComplaints } from '@/db'
import { currentKeys, lockKeys, setKeys, TabletLocked } from '@/db/crypto/keyring'
import { sealMiddleware } from '@/db/crypto/sealMiddleware'
import { sealStored } from '@/db/crypto/sealStored'
import { textRow } from '@/db/textRow'
import { awaitingAtV3 } from '@/db/upgrades/v3'

/**
 * What each released version stored, frozen as JSON (tests/db/fixtures/v<N>.json): the rows as that version's app wrote
 * them, beside the events and the outbox. Built from files, never from today's `project()` or `fold()`, so a change of
 * today's shapes cannot quietly change what the upgrades are tested on. Never edit a fixture; a new version adds one.
 */
interface Fixture {
  version: number
  meta: { key: string; value: unknown }[]
  complaints: {
    name: string
    events: ComplaintEvent[]
    outbox: unknown[]
    row: Record<string, unknown>
    text?: Record<string, unknown>
  }[]
}

function fixture(version: number): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/v${version}.json`, import.meta.url), 'utf8')) as Fixture
}

type Stored = Fixture['complaints'][number]

/** A copy of a stored complaint under new ids (its events' and its own), for the upgrades' paging over many rows. */
function copyOf(c: Stored): Stored {
  let json = JSON.stringify(c)
  for (const id of [c.events[0]!.complaintId, ...c.events.map((e) => e.id)]) json = json.replaceAll(id, newId())
  return JSON.parse(json) as Stored
}

/** Stores complaints exactly as the fixture of their version holds them. */
async function storeAs(db: ComplaintDb, meta: Fixture['meta'], complaints: Stored[]) {
  await db.transaction('rw', db.tables, async () => {
    for (const c of complaints) {
      await db.events.bulkAdd(c.events)
      await db.table('outbox').bulkAdd(c.outbox)
      await db.table('complaints').put(c.row)
      if (c.text) await db.table('texts').put(c.text)
    }
    await db.table('meta').bulkPut(meta)
  })
}

const named = (f: Fixture, name: string) => f.complaints.find((c) => c.name === name)!

describe('IndexedDB schema upgrades', () => {
  it('has append-only, increasing versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
  })

  it('v1 → v2 keeps every complaint, event, queued event and the identity, and adds drafts', async () => {
    const name = `upgrade-${newId()}`
    const v1 = new ComplaintDb(name, { upTo: 1 })
    const f = fixture(1)
    await storeAs(v1, f.meta, f.complaints)
    const before = {
      events: await v1.events.toArray(),
      complaints: await v1.complaints.toArray(),
      outbox: await v1.outbox.toArray(),
      meta: await v1.meta.toArray(),
    }
    v1.close()

    const v2 = new ComplaintDb(name, { upTo: 2 })
    await v2.open()
    expect(await v2.events.toArray()).toEqual(before.events)
    expect(await v2.complaints.toArray()).toEqual(before.complaints)
    expect(await v2.outbox.toArray()).toEqual(before.outbox)
    expect(await v2.meta.toArray()).toEqual(before.meta)
    await v2.drafts.put({ key: 'new-complaint', value: { name: '王' }, savedAt: 1 })
    expect(await v2.drafts.count()).toBe(1)
    await v2.delete()
  })

  it('v2 → v3 indexes what waits for a supervisor and gives old states an empty list of extension requests', async () => {
    const name = `upgrade-${newId()}`
    const v2 = new ComplaintDb(name, { upTo: 2 })
    const f = fixture(2)
    const escalated = named(f, 'escalated').events
    const quiet = named(f, 'plain').events
    await storeAs(v2, f.meta, f.complaints)
    v2.close()

    const v3 = new ComplaintDb(name, { upTo: 3 })
    await v3.open()
    const rows = (await v3.complaints.toArray()) as unknown as {
      id: string
      state: ComplaintState
      awaiting: string[]
    }[]
    expect(rows.find((r) => r.id === quiet[0]!.complaintId)!.state.extensionRequests).toEqual([])
    expect(rows.find((r) => r.id === escalated[0]!.complaintId)!.awaiting).toEqual(['escalation'])
    expect(await v3.events.count()).toBe(3)
    await v3.delete()
  })

  it('v3 → v4 keeps the book, search and the desk working with the state out of the rows and the words in their own store', async () => {
    const name = `upgrade-${newId()}`
    const v3 = new ComplaintDb(name, { upTo: 3 })
    const f = fixture(3)
    const escalated = named(f, 'escalated').events
    // More than one page of the upgrade (500 rows), so the paging is exercised.
    const many = Array.from({ length: 520 }, () => copyOf(named(f, 'plain')))
    await storeAs(v3, f.meta, [named(f, 'escalated'), ...many])
    const eventsBefore = await v3.events.count()
    v3.close()

    const current = new ComplaintDb(name)
    await current.open()
    // The first unlock after the update seals what the older app stored.
    await sealStored(current)
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
    expect(await current.events.count()).toBe(eventsBefore)
    expect(await current.outbox.count()).toBe(eventsBefore)
    expect(await current.complaints.count()).toBe(521)
    expect(await current.texts.count()).toBe(521)
    const id = escalated[0]!.complaintId
    // The row is exactly what the app writes today: nothing of the old shape is left behind.
    expect(await current.complaints.get(id)).toEqual(project(fold(escalated)!))
    expect((await bookPage(current, { limit: 600 })).length).toBe(521)
    expect((await searchComplaints(current, '挂失等待')).length).toBe(50)
    expect((await searchComplaints(current, '138123')).length).toBe(50)
    expect((await localDeskQueue(current)).map((i) => [i.complaintId, i.kind])).toEqual([[id, 'escalation']])
    expect(await complaintState(current, id)).toEqual(fold(escalated))
    await current.delete()
  }, 30_000) // two upgrades over more than a page of rows: slow on a loaded two-core machine

  it('v4 → v5 finds a complaint by its phone tail and by one character of the name or the text', async () => {
    const name = `upgrade-${newId()}`
    const v4 = new ComplaintDb(name, { upTo: 4 })
    const f = fixture(4)
    // What the app of version 4 stored: the row without the reversed phone, the text without the name.
    const other = named(f, 'zhao').events
    const many = Array.from({ length: 510 }, () => copyOf(named(f, 'plain')))
    await storeAs(v4, f.meta, [named(f, 'zhao'), ...many])
    v4.close()

    const current = new ComplaintDb(name)
    await current.open()
    // The first unlock after the update seals what the older app stored.
    await sealStored(current)
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
    const id = other[0]!.complaintId
    // Exactly what the app writes today.
    expect(await current.complaints.get(id)).toEqual(project(fold(other)!))
    expect((await current.texts.get(id))?.text).toEqual(textRow(fold(other)!).text)
    expect((await searchComplaints(current, '9963')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '139****9963')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '敏')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '吞')).map((r) => r.id)).toEqual([id])
    expect(await searchComplaints(current, '5678', 600)).toHaveLength(510)
    await current.delete()
  }, 30_000)

  it('v5 → v6 keeps every row and indexes case numbers, which complaints recorded before do not have', async () => {
    const name = `upgrade-${newId()}`
    const v5 = new ComplaintDb(name, { upTo: 5 })
    const f = fixture(5)
    const old = named(f, 'plain').events
    await storeAs(v5, f.meta, f.complaints)
    const before = await v5.complaints.toArray()
    v5.close()

    const v6 = new ComplaintDb(name, { upTo: 6 })
    await v6.open()
    expect(await v6.complaints.toArray()).toEqual(before)
    expect(await v6.complaints.where('caseNumber').startsWith('').count()).toBe(0)
    const numbered = { ...project(fold(old)!), id: newId(), caseNumber: 'ZS-260302-A01' }
    await v6.complaints.put(numbered)
    expect(await v6.complaints.where('caseNumber').equals('ZS-260302-A01').primaryKeys()).toEqual([numbered.id])
    await v6.delete()
  })

  it('v7 → v8 keeps every row, sealed or not, and adds the attachments store, empty and indexed', async () => {
    const name = `upgrade-${newId()}`
    const v7 = new ComplaintDb(name, { upTo: 7 })
    // A v7 tablet before its first unlock holds what v5 stored (v6 and v7 moved no row).
    const f = fixture(5)
    await storeAs(v7, f.meta, f.complaints)
    const before = await Promise.all(v7.tables.map(async (t) => [t.name, await t.toArray()] as const))
    v7.close()

    const v8 = new ComplaintDb(name, { upTo: 8 })
    await v8.open()
    for (const [table, rows] of before) expect(await v8.table(table).toArray()).toEqual(rows)
    expect(await v8.table('attachments').count()).toBe(0)
    const row = { attachmentId: newId(), complaintId: newId(), eventId: newId(), uploadedBytes: 0, needsUpload: 1 }
    await v8.table('attachments').put(row)
    expect(await v8.table('attachments').where('needsUpload').equals(1).primaryKeys()).toEqual([row.attachmentId])
    expect(await v8.table('attachments').where('complaintId').equals(row.complaintId).count()).toBe(1)
    await v8.delete()
  })

  it('v7 → v8 keeps a sealed tablet readable: its rows come through sealed and open as before', async () => {
    const name = `upgrade-${newId()}`
    const f = fixture(5)
    const plain = named(f, 'plain')
    const state = fold(plain.events)!
    // A v7 tablet after its first unlock: every store sealed (sealStored), then the update to v8 opens it locked.
    const v7 = new ComplaintDb(name, { upTo: 7 })
    await storeAs(v7, f.meta, [plain])
    v7.close()
    const sealing = new ComplaintDb(name, { upTo: 7 })
    sealing.use(sealMiddleware)
    await sealStored(sealing)
    sealing.close()
    const raw = new ComplaintDb(name, { upTo: 7 })
    expect((await raw.events.toArray()).every((e) => (e as { sealed?: unknown }).sealed)).toBe(true)
    raw.close()
    const current = new ComplaintDb(name)
    await current.open()
    expect(current.verno).toBe(8)
    expect(await bookPage(current)).toEqual([project(state)])
    expect(await complaintState(current, state.id)).toEqual(state)
    expect((await searchComplaints(current, '5678')).map((r) => r.id)).toEqual([state.id])
    expect(await current.attachments.count()).toBe(0)
    await current.delete()
  })

  it('opens a version 1 database straight at the newest version', async () => {
    const name = `upgrade-${newId()}`
    const v1 = new ComplaintDb(name, { upTo: 1 })
    const f = fixture(1)
    const one = named(f, 'plain').events
    await storeAs(v1, f.meta, f.complaints)
    v1.close()

    const current = new ComplaintDb(name)
    await current.open()
    // The first unlock after the update seals what the older app stored.
    await sealStored(current)
    expect(await bookPage(current)).toEqual([project(fold(one)!)])
    expect((await searchComplaints(current, '等待了')).map((r) => r.id)).toEqual([one[0]!.complaintId])
    await current.delete()
  })

  // v7 (issue 17): the upgrade itself moves nothing (no key before someone unlocks); the first unlock seals.
  it.each([1, 2, 3, 4, 5, 6])(
    'v%i → v7 and the first unlock: every store sealed, nothing readable left, book and search as before',
    async (version) => {
      const name = `upgrade-${newId()}`
      const old = new ComplaintDb(name, { upTo: version })
      // Version 6 only added an index: its rows are version 5's.
      const f = fixture(Math.min(version, 5))
      const state = fold(named(f, 'plain').events)!
      await storeAs(old, f.meta, [named(f, 'plain')])
      if (version >= 2)
        await old
          .table('drafts')
          .put({ key: 'new-complaint:staff-li', value: { name: '赵敏', phone: '13900001111' }, savedAt: 1 })
      old.close()

      const current = new ComplaintDb(name)
      await current.open()
      expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
      expect(await sealStored(current)).toBeGreaterThan(0)

      const raw = new ComplaintDb(name, { upTo: SCHEMA_VERSIONS.at(-1)!.version })
      const stored = JSON.stringify(await Promise.all(raw.tables.map((t) => t.toArray())))
      for (const plain of ['王芳', '13812345678', '5678', '等待', '赵敏', '13900001111'])
        expect(stored).not.toContain(plain)
      raw.close()

      expect(await bookPage(current)).toEqual([project(state)])
      expect((await searchComplaints(current, '等待了')).map((r) => r.id)).toEqual([state.id])
      expect((await searchComplaints(current, '5678')).map((r) => r.id)).toEqual([state.id])
      expect((await searchComplaints(current, '王')).map((r) => r.id)).toEqual([state.id])
      expect(await complaintState(current, state.id)).toEqual(state)
      if (version >= 2)
        expect((await current.drafts.get('new-complaint:staff-li'))?.value).toEqual({
          name: '赵敏',
          phone: '13900001111',
        })
      await current.delete()
    },
    30_000,
  )

  it('sealing stored rows resumes where it stopped: a lock (or a crash) between pages loses and repeats nothing', async () => {
    const name = `upgrade-${newId()}`
    const v6 = new ComplaintDb(name, { upTo: 6 })
    const f = fixture(5)
    await storeAs(
      v6,
      f.meta,
      Array.from({ length: 7 }, () => copyOf(named(f, 'plain'))),
    )
    v6.close()
    const current = new ComplaintDb(name)
    await current.open()
    // Locked after the second page: the third finds no key and stops, its place saved.
    let pages = 0
    const keys = currentKeys()!
    const events = current.table('events')
    const bulkPut = events.bulkPut.bind(events)
    events.bulkPut = ((rows: never) => {
      if (++pages === 2) lockKeys()
      return bulkPut(rows)
    }) as typeof events.bulkPut
    await expect(sealStored(current, 3)).rejects.toThrow(TabletLocked)
    expect((await current.meta.get('sealProgress'))?.value).toMatchObject({ store: 'events' })
    events.bulkPut = bulkPut
    setKeys(keys)
    await sealStored(current, 3)
    expect((await current.meta.get('sealProgress'))?.value).toBe('done')
    const raw = new ComplaintDb(name, { upTo: 7 })
    const rows = [
      ...(await raw.events.toArray()),
      ...(await raw.complaints.toArray()),
      ...(await raw.texts.toArray()),
    ] as Record<string, unknown>[]
    expect(rows).toHaveLength(21)
    expect(rows.every((r) => r.sealed !== undefined)).toBe(true)
    raw.close()
    expect((await searchComplaints(current, '13812345678')).length).toBe(7)
    await current.delete()
  })
})

describe('the released v3 upgrade, frozen', () => {
  it('follows its own rule of then, not the live domain predicate', () => {
    const source = readFileSync(new URL('../../src/db/upgrades/v3.ts', import.meta.url), 'utf8')
    expect(source).not.toMatch(/from '@\/domain|from '\.\.\/\.\.\/domain/)
    const escalation = { escalations: [{}], extensionRequests: [{ decision: undefined }] }
    expect(awaitingAtV3({ status: 'inProgress', ...escalation })).toEqual(['escalation', 'extension'])
    expect(awaitingAtV3({ status: 'closed', ...escalation })).toEqual([])
    expect(awaitingAtV3({ status: 'withdrawn', ...escalation })).toEqual([])
    // A v2 state had no extension requests.
    expect(awaitingAtV3({ status: 'accepted', escalations: [{ plan: {} }] })).toEqual([])
  })
})
