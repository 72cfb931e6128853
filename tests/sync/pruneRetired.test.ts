import { afterEach, describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { applyRemote, ComplaintDb } from '@/db'
import { pruneRetired } from '@/sync/pruneRetired'
import { eventFactory, RECORDED } from '../support/eventFactory'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-03T02:00:00Z')

const dbs: ComplaintDb[] = []
function tablet() {
  const db = new ComplaintDb(`prune-${newId()}`)
  dbs.push(db)
  return db
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()))
})

let seq = 0
/** A complaint as pulled from the centre: recorded, then (unless `open`) closed `daysAgo` days before NOW. */
async function pulled(
  db: ComplaintDb,
  daysAgo: number,
  options: { open?: boolean; withdrawn?: boolean } = {},
): Promise<string> {
  const f = eventFactory({ start: NOW - (daysAgo + 1) * DAY, branchId: 'local' })
  const events: ComplaintEvent[] = [f.make({ type: 'complaint.recorded', payload: RECORDED })]
  if (!options.open) {
    events.push(
      options.withdrawn
        ? f.make({ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }, { wall: NOW - daysAgo * DAY })
        : f.make({ type: 'complaint.closed', payload: {} }, { wall: NOW - daysAgo * DAY }),
    )
  }
  await applyRemote(
    db,
    events.map((e) => ({ ...e, serverSeq: ++seq })),
    { now: () => NOW },
  )
  return f.complaintId
}

async function held(db: ComplaintDb, id: string) {
  const [events, row, text] = await Promise.all([
    db.events.where('complaintId').equals(id).count(),
    db.complaints.get(id),
    db.texts.get(id),
  ])
  return { events, row: row !== undefined, text: text !== undefined }
}

describe('the retention job', () => {
  it('removes an old finished complaint the centre holds, with its events, book row, words and drafts, and remembers it', async () => {
    const db = tablet()
    const old = await pulled(db, 200)
    const withdrawn = await pulled(db, 100, { withdrawn: true })
    await db.drafts.bulkPut([
      { key: `sheet-${old}-note@staff-li`, value: { text: '草稿' }, savedAt: NOW },
      { key: `script-${old}@staff-li`, value: {}, savedAt: NOW },
      { key: 'new-complaint@staff-li', value: {}, savedAt: NOW },
    ])
    expect(await pruneRetired(db, { now: () => NOW })).toBe(2)
    expect(await held(db, old)).toEqual({ events: 0, row: false, text: false })
    expect(await held(db, withdrawn)).toEqual({ events: 0, row: false, text: false })
    expect(await db.drafts.toCollection().primaryKeys()).toEqual(['new-complaint@staff-li'])
    expect((await db.getMeta('pruned'))?.sort()).toEqual([old, withdrawn].sort())
  })

  it('removes a finished complaint’s attachments with it, and keeps one whose file has not reached the centre', async () => {
    const db = tablet()
    const done = await pulled(db, 200)
    const waiting = await pulled(db, 200)
    const file = (complaintId: string, needsUpload: boolean) => ({
      attachmentId: newId(),
      complaintId,
      eventId: newId(),
      contentType: 'image/jpeg' as const,
      byteSize: 10,
      sha256: 'a'.repeat(64),
      uploadedBytes: needsUpload ? 0 : 10,
      ...(needsUpload ? { needsUpload: 1 as const } : {}),
    })
    const gone = file(done, false)
    const kept = file(waiting, true)
    await db.attachments.bulkPut([gone, kept, file(done, false)])
    expect(await pruneRetired(db, { now: () => NOW })).toBe(1)
    expect(await db.attachments.where('complaintId').equals(done).count()).toBe(0)
    expect(await db.attachments.get(kept.attachmentId)).toBeDefined()
    expect(await held(db, waiting)).toEqual({ events: expect.any(Number), row: true, text: true })
  })

  it('keeps one with events not yet at the centre, one still open and one finished recently', async () => {
    const db = tablet()
    const unsynced = await pulled(db, 200)
    await db.outbox.put({ eventId: newId(), complaintId: unsynced, queuedAt: NOW, attempts: 0 })
    const open = await pulled(db, 200, { open: true })
    const recent = await pulled(db, 60)
    expect(await pruneRetired(db, { now: () => NOW })).toBe(0)
    for (const id of [unsynced, open, recent])
      expect(await held(db, id)).toEqual({ events: expect.any(Number), row: true, text: true })
    expect(await db.getMeta('pruned')).toBeUndefined()
  })

  it('follows the centre’s retention policy and the centre’s clock', async () => {
    const db = tablet()
    const id = await pulled(db, 60)
    await db.putMeta('settings', { policy: { retentionDays: 30 } })
    // The policy as stored is partial: resolveSettings falls back to the built-in policy when it does not parse.
    expect(await pruneRetired(db, { now: () => NOW })).toBe(0)
    const { DEFAULT_POLICY } = await import('@/domain')
    await db.putMeta('settings', { policy: { ...DEFAULT_POLICY, retentionDays: 30 } })
    // The tablet's clock says 40 days earlier, but the centre's measured offset corrects it.
    await db.putMeta('clockOffset', { offsetMs: 40 * DAY, measuredAt: new Date(NOW).toISOString() })
    expect(await pruneRetired(db, { now: () => NOW - 40 * DAY })).toBe(1)
    expect(await held(db, id)).toEqual({ events: 0, row: false, text: false })
  })

  it('works in slices and a later run goes on where an interrupted one stopped', async () => {
    const db = tablet()
    const ids = []
    for (let i = 0; i < 7; i++) ids.push(await pulled(db, 200 + i))
    // The second slice fails (the tablet locked, a crash): the first stays done, and the run stops.
    const real = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>
    let transactions = 0
    Object.assign(db, {
      transaction: (...args: unknown[]) =>
        ++transactions > 2 ? Promise.reject(new Error('interrupted')) : real(...args),
    })
    await expect(pruneRetired(db, { now: () => NOW, slice: 3 })).rejects.toThrow('interrupted')
    Object.assign(db, { transaction: real })
    expect(await db.complaints.count()).toBe(4)
    expect(await db.getMeta('pruned')).toHaveLength(3)
    expect(await pruneRetired(db, { now: () => NOW, slice: 3 })).toBe(4)
    expect(await db.complaints.count()).toBe(0)
    expect(await db.getMeta('pruned')).toHaveLength(7)
  })
})
