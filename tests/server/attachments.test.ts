import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES, encodeHlc, newId } from '@/domain'
import type { AttachmentContentType, ComplaintEvent } from '@/domain'
import { attachmentStatusRoute } from '@/domain/api/attachmentApi'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { answer } from './contract'
import { PASSWORD, seedBank } from './fixtures'

let clock = Date.parse('2026-03-02T02:00:00Z')
const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }

function event(complaintId: string, type: string, payload: unknown): ComplaintEvent {
  return {
    id: newId(),
    complaintId,
    branchId: 'b1',
    v: 1,
    hlc: encodeHlc({ wall: clock++, counter: 0, node: 'tab-b1' }),
    actor: LI,
    type,
    payload,
  } as ComplaintEvent
}

/** A JPEG by its first bytes, `size` long, with a recognisable body. */
function jpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x41)
  b.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < size; i++) b[i] = i % 251
  return b
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe.each(BACKENDS)('attachments on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  const staff: Record<string, string> = {}
  const complaintId = newId()

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent' })
    const res = await push([event(complaintId, 'complaint.recorded', RECORDED)])
    expect(res.results[0].status).toBe('accepted')
    for (const [i, u] of ['wang', 'zhao'].entries())
      staff[u] = (
        await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: `10.4.0.${i}`,
          payload: { username: u, password: PASSWORD },
        })
      ).json().token
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  async function push(events: ComplaintEvent[], token = bank.tokens.b1) {
    return (
      await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: bank.auth(token),
        payload: { protocol: 1, events },
      })
    ).json()
  }
  /** An attachment's event, pushed; its id. */
  async function added(bytes: Uint8Array, over: { contentType?: AttachmentContentType; sha256?: string } = {}) {
    const attachmentId = newId()
    const res = await push([
      event(complaintId, 'attachment.added', {
        attachmentId,
        contentType: over.contentType ?? 'image/jpeg',
        byteSize: bytes.length,
        sha256: over.sha256 ?? sha(bytes),
        fileName: '回单.jpg',
      }),
    ])
    expect(res.results[0].status).toBe('accepted')
    return attachmentId
  }
  const chunk = (id: string, index: number, body: Uint8Array, token = bank.tokens.b1) =>
    app.inject({
      method: 'PUT',
      url: `/api/sync/attachments/${id}/chunks/${index}`,
      headers: { ...bank.auth(token), 'content-type': 'application/octet-stream' },
      payload: Buffer.from(body),
    })
  const part = (b: Buffer, index: number) =>
    b.subarray(index * ATTACHMENT_CHUNK_BYTES, (index + 1) * ATTACHMENT_CHUNK_BYTES)
  const status = (id: string, token = bank.tokens.b1) =>
    app.inject({ url: `/api/sync/attachments/${id}/status`, headers: bank.auth(token) })

  it('takes the bytes only after the event, in chunks, resumable, and serves them with safe headers', async () => {
    const bytes = jpeg(ATTACHMENT_CHUNK_BYTES + 1000)
    const early = newId()
    expect((await chunk(early, 0, part(bytes, 0))).statusCode).toBe(404)

    const id = await added(bytes)
    expect(await answer(app, attachmentStatusRoute, { params: { id }, headers: bank.auth(bank.tokens.b1) })).toEqual({
      receivedBytes: 0,
      complete: false,
    })
    // The second chunk before the first: the centre says where it stands.
    const gap = await chunk(id, 1, part(bytes, 1))
    expect(gap.statusCode).toBe(409)
    expect(gap.json()).toMatchObject({ error: 'chunk_out_of_order', receivedBytes: 0 })
    expect((await chunk(id, 0, part(bytes, 0))).json()).toEqual({
      receivedBytes: ATTACHMENT_CHUNK_BYTES,
      complete: false,
    })
    // A retried chunk (its answer was lost) changes nothing; a different one in its place is refused.
    const replay = await chunk(id, 0, part(bytes, 0))
    expect(replay.statusCode).toBe(200)
    expect(replay.json()).toEqual({ receivedBytes: ATTACHMENT_CHUNK_BYTES, complete: false })
    expect((await chunk(id, 0, Buffer.alloc(ATTACHMENT_CHUNK_BYTES, 7))).statusCode).toBe(409)
    expect((await status(id)).json()).toEqual({ receivedBytes: ATTACHMENT_CHUNK_BYTES, complete: false })
    const last = await chunk(id, 1, part(bytes, 1))
    expect(last.json()).toEqual({ receivedBytes: bytes.length, complete: true })
    expect((await chunk(id, 1, part(bytes, 1))).json()).toEqual({ receivedBytes: bytes.length, complete: true })

    const got = await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b1) })
    expect(got.statusCode).toBe(200)
    expect(Buffer.compare(got.rawPayload, bytes)).toBe(0)
    expect(got.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    })
    expect(got.headers['content-disposition']).toMatch(/^inline; filename="attachment-[0-9a-f-]+\.jpg"$/)

    // A supervisor covering the branch reads it too (the desk, the printed record); a manager of another branch not.
    const desk = await app.inject({ url: `/api/attachments/${id}`, headers: bank.auth(staff.zhao!) })
    expect(desk.statusCode).toBe(200)
    expect(Buffer.compare(desk.rawPayload, bytes)).toBe(0)
    expect((await app.inject({ url: `/api/attachments/${id}`, headers: bank.auth(staff.wang!) })).statusCode).toBe(403)
  })

  it('another branch’s tablet can neither read, upload to nor learn of an attachment', async () => {
    const bytes = jpeg(500)
    const id = await added(bytes)
    expect((await status(id, bank.tokens.b2)).statusCode).toBe(404)
    expect((await chunk(id, 0, bytes, bank.tokens.b2)).statusCode).toBe(404)
    expect(
      (await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b2) })).statusCode,
    ).toBe(404)
    expect((await status(id)).json()).toEqual({ receivedBytes: 0, complete: false })
    // Not uploaded yet: nothing to read.
    expect(
      (await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b1) })).statusCode,
    ).toBe(404)
  })

  it('refuses a file whose checksum is forged, or an SVG or HTML page dressed as a PNG: 422, nothing kept', async () => {
    const bytes = jpeg(800)
    const forged = await added(bytes, { sha256: 'f'.repeat(64) })
    const res = await chunk(forged, 0, bytes)
    expect(res.statusCode).toBe(422)
    expect(res.json().error).toBe('attachment_checksum')
    expect((await status(forged)).json()).toEqual({ receivedBytes: 0, complete: false })

    for (const page of ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<html><script>1</script>']) {
      const body = Buffer.from(page)
      const id = await added(body, { contentType: 'image/png' })
      const r = await chunk(id, 0, body)
      expect(r.statusCode).toBe(422)
      expect(r.json().error).toBe('attachment_type')
      expect(
        (await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b1) })).statusCode,
      ).toBe(404)
    }
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from attachment_chunks where attachment_id = $1',
      [forged],
    )
    expect(rows[0]!.n).toBe(0)
  })

  it('bounds every chunk: too large 413, the wrong length 400, past the end 400, not raw bytes 415', async () => {
    const bytes = jpeg(ATTACHMENT_CHUNK_BYTES * 2)
    const id = await added(bytes)
    expect((await chunk(id, 0, Buffer.alloc(ATTACHMENT_CHUNK_BYTES + 1))).statusCode).toBe(413)
    expect((await chunk(id, 0, bytes.subarray(0, 100))).json().error).toBe('chunk_size')
    expect((await chunk(id, 2, bytes.subarray(0, 100))).json().error).toBe('chunk_out_of_range')
    expect((await chunk(id, 99999, bytes.subarray(0, 100))).statusCode).toBe(400)
    const json = await app.inject({
      method: 'PUT',
      url: `/api/sync/attachments/${id}/chunks/0`,
      headers: bank.auth(bank.tokens.b1),
      payload: { bytes: 'x' },
    })
    expect(json.statusCode).toBe(415)
    // An event naming a file past the maximum is refused at the push.
    const big = await push([
      event(complaintId, 'attachment.added', {
        attachmentId: newId(),
        contentType: 'image/jpeg',
        byteSize: 6 * 1024 * 1024,
        sha256: 'a'.repeat(64),
      }),
    ])
    expect(big.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' })
  })

  it('limits the bytes a branch uploads per day: past it a file waits (429) and nothing of it is stored', async () => {
    const strict = await buildApp({ db, distDir: '/nonexistent', attachmentBytesPerBranchDay: 50_000 })
    try {
      const first = jpeg(30_000)
      const second = jpeg(30_000)
      const ids = [await added(first), await added(second)]
      const put = (id: string, body: Buffer) =>
        strict.inject({
          method: 'PUT',
          url: `/api/sync/attachments/${id}/chunks/0`,
          headers: { ...bank.auth(bank.tokens.b1), 'content-type': 'application/octet-stream' },
          payload: body,
        })
      // What earlier tests uploaded today counts as well: a strict limit on a fresh day's share.
      await db.query(
        `update attachments set created_at = now() - interval '2 days' where not (attachment_id = any($1::uuid[]))`,
        [ids],
      )
      expect((await put(ids[0]!, first)).json()).toEqual({ receivedBytes: 30_000, complete: true })
      const over = await put(ids[1]!, second)
      expect(over.statusCode).toBe(429)
      expect(over.json().error).toBe('attachment_quota')
      expect((await status(ids[1]!)).json()).toEqual({ receivedBytes: 0, complete: false })
    } finally {
      await strict.close()
    }
  })

  it('serves a PDF as a download, and a removed attachment no longer (its bytes deleted)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n')
    const id = await added(pdf, { contentType: 'application/pdf' })
    expect((await chunk(id, 0, pdf)).json().complete).toBe(true)
    const got = await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b1) })
    expect(got.headers['content-type']).toBe('application/pdf')
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="attachment-[0-9a-f-]+\.pdf"$/)

    const res = await push([event(complaintId, 'attachment.removed', { attachmentId: id, reason: '拍错了客户' })])
    expect(res.results[0].status).toBe('accepted')
    expect(
      (await app.inject({ url: `/api/sync/attachments/${id}`, headers: bank.auth(bank.tokens.b1) })).statusCode,
    ).toBe(410)
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from attachment_chunks where attachment_id = $1',
      [id],
    )
    expect(rows[0]!.n).toBe(0)
  })
})
