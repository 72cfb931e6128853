import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import {
  addAttachment,
  applyRemote,
  attachmentStatus,
  CommandRejected,
  commit,
  ComplaintDb,
  complaintState,
  readAttachment,
  sha256Hex,
} from '@/db'
import { wipeTablet } from '@/sync/tabletReport'
import { ACTOR, eventFactory, RECORDED } from '../support/eventFactory'

let name: string
let db: ComplaintDb

beforeEach(() => {
  name = `test-${newId()}`
  db = new ComplaintDb(name)
})
afterEach(async () => {
  await db.delete()
})

const SECRET = '王芳的回单 6222 0212 3456 7890'
/** A JPEG as far as its first bytes go, carrying a customer's words. */
const jpeg = () =>
  new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new TextEncoder().encode(SECRET)], { type: 'image/jpeg' })

async function recorded(): Promise<string> {
  const id = newId()
  await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
  return id
}

async function counts() {
  return { events: await db.events.count(), outbox: await db.outbox.count(), attachments: await db.attachments.count() }
}

describe('attachments on the tablet', () => {
  it('keeps the event and the bytes together, and gives the bytes back as they were', async () => {
    const complaintId = await recorded()
    const blob = jpeg()
    const { events, state } = await addAttachment(db, {
      complaintId,
      bytes: blob,
      contentType: 'image/jpeg',
      caption: '回单',
    })
    const added = events[0]!
    expect(added.type).toBe('attachment.added')
    const { attachmentId, sha256, byteSize } = (
      added as { payload: { attachmentId: string; sha256: string; byteSize: number } }
    ).payload
    expect(byteSize).toBe(blob.size)
    expect(sha256).toBe(await sha256Hex(new Uint8Array(await blob.arrayBuffer())))
    expect(state.attachments).toEqual([expect.objectContaining({ attachmentId, caption: '回单' })])
    expect(await counts()).toEqual({ events: 2, outbox: 2, attachments: 1 })

    const back = await readAttachment(db, attachmentId)
    expect(back?.type).toBe('image/jpeg')
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(new Uint8Array(await blob.arrayBuffer()))
    expect(await attachmentStatus(db, [attachmentId, newId()])).toEqual(
      new Map([
        [attachmentId, 'local-only'],
        [expect.any(String), 'missing'],
      ]),
    )
  })

  it('stores the bytes sealed: the raw IndexedDB row holds no plaintext', async () => {
    const complaintId = await recorded()
    await addAttachment(db, { complaintId, bytes: jpeg(), contentType: 'image/jpeg', fileName: '回单-王芳.jpg' })
    const raw = new ComplaintDb(name, { upTo: 8 })
    const stored = await Promise.all(raw.tables.map((t) => t.toArray()))
    const row = (await raw.table('attachments').toArray())[0] as Record<string, unknown>
    raw.close()
    const text = JSON.stringify(stored, (_k, v: unknown) =>
      v instanceof Uint8Array ? new TextDecoder('utf-8', { fatal: false }).decode(v) : v,
    )
    for (const plain of ['王芳', '6222 0212', '回单']) expect(text).not.toContain(plain)
    expect(Object.keys(row)).not.toContain('bytes')
    expect(row.sealed).toMatchObject({ s: 1 })
  })

  it('writes nothing when storing the bytes fails: the event and the file roll back together', async () => {
    const complaintId = await recorded()
    const before = await counts()
    const add = db.attachments.add.bind(db.attachments)
    db.attachments.add = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }) as typeof add
    await expect(addAttachment(db, { complaintId, bytes: jpeg(), contentType: 'image/jpeg' })).rejects.toThrow(/quota/i)
    db.attachments.add = add
    expect(await counts()).toEqual(before)
    expect((await complaintState(db, complaintId))?.attachments).toBeUndefined()
  })

  it('refuses HTML or SVG dressed as a photo, and a complaint that is not recorded, storing nothing', async () => {
    const complaintId = await recorded()
    const before = await counts()
    for (const text of ['<html><script>alert(1)</script>', '<svg onload="alert(1)"/>']) {
      const bytes = new Blob([text], { type: 'image/png' })
      await expect(addAttachment(db, { complaintId, bytes, contentType: 'image/png' })).rejects.toBeInstanceOf(
        CommandRejected,
      )
    }
    // A JPEG declared as a PNG: what it says it is must be what it is.
    await expect(addAttachment(db, { complaintId, bytes: jpeg(), contentType: 'image/png' })).rejects.toMatchObject({
      issues: [{ message: 'invalidAttachmentType' }],
    })
    await expect(
      addAttachment(db, { complaintId: newId(), bytes: jpeg(), contentType: 'image/jpeg' }),
    ).rejects.toMatchObject({ refusal: 'notRecorded' })
    expect(await counts()).toEqual(before)
  })

  it('records a second tap once (the draft id), with one file', async () => {
    const complaintId = await recorded()
    const id = newId()
    const input = { complaintId, bytes: jpeg(), contentType: 'image/jpeg' as const, id }
    const [a, b] = await Promise.allSettled([addAttachment(db, input), addAttachment(db, input)])
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected'])
    expect((await counts()).attachments).toBe(1)
  })

  it('knows another tablet’s attachment from its event (to fetch), and drops a removed one with its bytes', async () => {
    const f = eventFactory({ actor: { ...ACTOR, deviceId: 'tablet-b' } })
    const rec = f.make({ type: 'complaint.recorded', payload: RECORDED })
    const attachmentId = newId()
    const added = f.make({
      type: 'attachment.added',
      payload: { attachmentId, contentType: 'image/png', byteSize: 10, sha256: 'b'.repeat(64) },
    })
    await applyRemote(db, [rec, added])
    expect((await attachmentStatus(db, [attachmentId])).get(attachmentId)).toBe('remote')
    expect(await readAttachment(db, attachmentId)).toBeNull()
    const removed = f.make({ type: 'attachment.removed', payload: { attachmentId, reason: '拍错了客户' } })
    await applyRemote(db, [removed])
    expect((await attachmentStatus(db, [attachmentId])).get(attachmentId)).toBe('missing')

    // Removed on this tablet: the bytes go in the same commit.
    const mine = await addAttachment(db, { complaintId: rec.complaintId, bytes: jpeg(), contentType: 'image/jpeg' })
    const mineId = (mine.events[0]!.payload as { attachmentId: string }).attachmentId
    await commit(db, rec.complaintId, [
      { type: 'attachment.removed', payload: { attachmentId: mineId, reason: '拍错了' } },
    ])
    expect(await readAttachment(db, mineId)).toBeNull()
  })

  it('goes with everything else when an administrator has the tablet erased', async () => {
    const complaintId = await recorded()
    await addAttachment(db, { complaintId, bytes: jpeg(), contentType: 'image/jpeg' })
    await wipeTablet(db, { revokedAt: null, revokedBy: null, erasedAt: new Date().toISOString(), undelivered: 0 }, {})
    expect(await Dexie.exists(name)).toBe(false)
    db = new ComplaintDb(name)
  })
})
