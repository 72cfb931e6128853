import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES, newId } from '@/domain'
import { addAttachment, attachmentStatus, commit, ComplaintDb, readAttachment } from '@/db'
import {
  createHttpTransport,
  createSyncEngine,
  fetchAttachment,
  pullEvents,
  pushOutbox,
  uploadAttachments,
} from '@/sync'
import { buildApp } from '../../src/server/app'
import { hashToken } from '../../src/server/auth/tokens'
import type { Database } from '../../src/server/db/Database'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

/** A photo as the tablet's compression leaves it: a JPEG of three chunks and a bit. */
function photo(): Uint8Array {
  const b = new Uint8Array(ATTACHMENT_CHUNK_BYTES * 2 + 777)
  for (let i = 0; i < b.length; i++) b[i] = (i * 7) % 256
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}

describe.each(BACKENDS.slice(0, 1))('a photo from one tablet to another through the centre, on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  const tokenB = 'tablet-token-b1-second-cccccccccccc'
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    await db.query(
      `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ('tab-b1b', 'b1', '大堂 2', $1, 'li')`,
      [hashToken(tokenB)],
    )
    await db.query(`insert into device_staff (device_id, staff_id) values ('tab-b1b', 'li')`)
    app = await buildApp({ db, distDir: '/nonexistent' })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  /** The tablet's one HTTP client, talking to the app in process; `fail` drops a request as a lost network would. */
  function transportFor(token: string, calls: string[], fail: (url: string, method: string) => boolean = () => false) {
    const fetchViaApp: typeof fetch = async (input, init) => {
      const url = String(input)
      const method = init?.method ?? 'GET'
      calls.push(`${method} ${url}`)
      if (fail(url, method)) throw new TypeError('Failed to fetch')
      const body = init?.body
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: init?.headers as Record<string, string>,
        payload: body instanceof Uint8Array ? Buffer.from(body) : (body as string | undefined),
      })
      const headers = new Headers()
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, String(v))
      return new Response(new Uint8Array(res.rawPayload), { status: res.statusCode, headers })
    }
    return createHttpTransport({ token: () => token, fetch: fetchViaApp })
  }

  async function tablet(deviceId: string) {
    const t = new ComplaintDb(`att-${deviceId}-${newId()}`)
    await t.putMeta('identity', { deviceId, branchId: 'b1', staffId: 'li', staffName: '李经理' })
    return t
  }

  it('uploads after the event, resumes after a lost chunk, and the other tablet fetches it sealed', async () => {
    const a = await tablet('tab-b1')
    const complaintId = newId()
    await commit(a, complaintId, [
      {
        type: 'complaint.recorded',
        payload: { ...RECORDED, receivedAt: new Date(Date.now() - 3600_000).toISOString() },
      },
    ])
    const bytes = photo()
    const { events } = await addAttachment(a, {
      complaintId,
      bytes: new Blob([bytes as BlobPart]),
      contentType: 'image/jpeg',
      caption: '客户的回单',
    })
    const attachmentId = (events[0]!.payload as { attachmentId: string }).attachmentId

    // Never before its event: with the event still in the outbox, not one request about the file.
    const calls: string[] = []
    let dropSecond = true
    const flaky = transportFor(bank.tokens.b1, calls, (url, method) => {
      if (method === 'PUT' && url.endsWith('/chunks/1') && dropSecond) {
        dropSecond = false
        return true
      }
      return false
    })
    expect(await uploadAttachments(a, flaky)).toEqual({ uploaded: 0, rejected: 0 })
    expect(calls).toEqual([])

    await pushOutbox(a, flaky)
    // The network drops the second chunk: the first is held by the centre and remembered on the tablet.
    await expect(uploadAttachments(a, flaky)).rejects.toThrow(TypeError)
    expect((await a.attachments.get(attachmentId))?.uploadedBytes).toBe(ATTACHMENT_CHUNK_BYTES)
    expect((await attachmentStatus(a, [attachmentId])).get(attachmentId)).toBe('local-only')

    // The next sync (the engine's) goes on from the second chunk, never sending the first again.
    calls.length = 0
    const engine = createSyncEngine({ db: a, transport: flaky, isOnline: () => true })
    await engine.requestSync()
    expect(engine.status().state).toBe('idle')
    const puts = calls.filter((c) => c.startsWith('PUT'))
    expect(puts.map((c) => c.replace(/.*\/chunks\//, ''))).toEqual(['1', '2'])
    expect((await attachmentStatus(a, [attachmentId])).get(attachmentId)).toBe('uploaded')

    // The other tablet of the branch learns of it with its pull, and its engine fetches the bytes in the background.
    const b = await tablet('tab-b1b')
    const toB = transportFor(tokenB, [])
    await pullEvents(b, toB)
    expect((await attachmentStatus(b, [attachmentId])).get(attachmentId)).toBe('remote')
    expect(await readAttachment(b, attachmentId)).toBeNull()
    await createSyncEngine({ db: b, transport: toB, isOnline: () => true }).requestSync()
    expect((await attachmentStatus(b, [attachmentId])).get(attachmentId)).toBe('uploaded')
    const got = await readAttachment(b, attachmentId)
    expect(got?.type).toBe('image/jpeg')
    expect(new Uint8Array(await got!.arrayBuffer())).toEqual(bytes)
    const rawDb = new ComplaintDb(b.name, { upTo: 8 })
    const raw = (await rawDb.table('attachments').get(attachmentId)) as { sealed: { ct: Uint8Array }; bytes?: unknown }
    rawDb.close()
    expect(raw.bytes).toBeUndefined()
    expect(raw.sealed.ct).not.toEqual(bytes)
    await a.delete()
    await b.delete()
  }, 60_000)

  it('a file the centre refuses (it does not match its event) is marked, shown missing and never sent again', async () => {
    const a = await tablet('tab-b1')
    const complaintId = newId()
    await commit(a, complaintId, [
      {
        type: 'complaint.recorded',
        payload: { ...RECORDED, receivedAt: new Date(Date.now() - 3600_000).toISOString() },
      },
    ])
    const small = photo().subarray(0, 1000)
    const { events } = await addAttachment(a, {
      complaintId,
      bytes: new Blob([small as BlobPart]),
      contentType: 'image/jpeg',
    })
    const attachmentId = (events[0]!.payload as { attachmentId: string }).attachmentId
    const calls: string[] = []
    const t = transportFor(bank.tokens.b1, calls)
    await pushOutbox(a, t)
    // As if the bytes had changed on the way (or on the tablet) since the event was made.
    await db.query('update attachments set sha256 = $2 where attachment_id = $1', [attachmentId, 'e'.repeat(64)])
    expect(await uploadAttachments(a, t)).toEqual({ uploaded: 0, rejected: 1 })
    expect((await attachmentStatus(a, [attachmentId])).get(attachmentId)).toBe('missing')
    calls.length = 0
    expect(await uploadAttachments(a, t)).toEqual({ uploaded: 0, rejected: 0 })
    expect(calls).toEqual([])
    // Nothing to fetch for anyone: the centre kept none of it.
    const b = await tablet('tab-b1b')
    const toB = transportFor(tokenB, [])
    await pullEvents(b, toB)
    expect(await fetchAttachment(b, toB, attachmentId)).toBeNull()
    expect((await attachmentStatus(b, [attachmentId])).get(attachmentId)).toBe('remote')
    await a.delete()
    await b.delete()
  }, 60_000)

  // Last: it revokes tab-b1.
  it('a tablet revoked with a wipe delivers its files before it erases itself', async () => {
    const a = await tablet('tab-b1')
    const complaintId = newId()
    await commit(a, complaintId, [
      {
        type: 'complaint.recorded',
        payload: { ...RECORDED, receivedAt: new Date(Date.now() - 3600_000).toISOString() },
      },
    ])
    let wiped: unknown = null
    const engine = createSyncEngine({
      db: a,
      transport: transportFor(bank.tokens.b1, []),
      isOnline: () => true,
      appVersion: '0.2.0',
      onWiped: (notice) => (wiped = notice),
    })
    // Its pulls say it can erase itself.
    await engine.requestSync()
    const bytes = photo()
    const { events } = await addAttachment(a, {
      complaintId,
      bytes: new Blob([bytes as BlobPart]),
      contentType: 'image/jpeg',
    })
    const attachmentId = (events[0]!.payload as { attachmentId: string }).attachmentId
    const root = (
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'root', password: PASSWORD } })
    ).json().token as string
    const revoked = await app.inject({
      method: 'POST',
      url: '/api/devices/tab-b1/revoke',
      headers: bank.auth(root),
      payload: { wipe: true },
    })
    expect(revoked.statusCode).toBe(200)
    await engine.requestSync()
    expect(wiped).toMatchObject({ undelivered: 0 })
    const { rows } = await db.query<{ complete: boolean }>(
      'select complete from attachments where attachment_id = $1',
      [attachmentId],
    )
    expect(rows[0]?.complete).toBe(true)
  }, 60_000)
})
