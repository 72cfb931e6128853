import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fold, newId } from '@/domain'
import type { ComplaintEvent, ComplaintState } from '@/domain'
import { bookPage, ComplaintDb, complaintState, localDeskQueue, project, SCHEMA_VERSIONS, searchComplaints } from '@/db'
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
  complaints: { name: string; events: ComplaintEvent[]; outbox: unknown[]; row: Record<string, unknown>; text?: Record<string, unknown> }[]
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
    await db.meta.bulkPut(meta)
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
    const before = { events: await v1.events.toArray(), complaints: await v1.complaints.toArray(), outbox: await v1.outbox.toArray(), meta: await v1.meta.toArray() }
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
    const rows = (await v3.complaints.toArray()) as unknown as { id: string; state: ComplaintState; awaiting: string[] }[]
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
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
    const id = other[0]!.complaintId
    // Exactly what the app writes today.
    expect(await current.complaints.get(id)).toEqual(project(fold(other)!))
    expect(await current.texts.get(id)).toEqual(textRow(fold(other)!))
    expect((await searchComplaints(current, '9963')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '139****9963')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '敏')).map((r) => r.id)).toEqual([id])
    expect((await searchComplaints(current, '吞')).map((r) => r.id)).toEqual([id])
    expect(await current.complaints.where('phoneReversed').startsWith('8765').count()).toBe(510)
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

  it('opens a version 1 database straight at the newest version', async () => {
    const name = `upgrade-${newId()}`
    const v1 = new ComplaintDb(name, { upTo: 1 })
    const f = fixture(1)
    const one = named(f, 'plain').events
    await storeAs(v1, f.meta, f.complaints)
    v1.close()

    const current = new ComplaintDb(name)
    await current.open()
    expect(await bookPage(current)).toEqual([project(fold(one)!)])
    expect((await searchComplaints(current, '等待了')).map((r) => r.id)).toEqual([one[0]!.complaintId])
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
