import { describe, expect, it } from 'vitest'
import {
  admitEvents,
  decide,
  fold,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMPLAINT,
  moveRefusal,
  newId,
  parseEvent,
  payloadSchema,
  sniffContentType,
} from '@/domain'
import type { ComplaintEvent, PayloadInput } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

const bytes = (...b: (number | string)[]) =>
  new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...new TextEncoder().encode(x)] : [x])))

const SHA = 'a'.repeat(64)
const added = (over: Partial<PayloadInput<'attachment.added'>> = {}): PayloadInput<'attachment.added'> => ({
  attachmentId: newId(),
  contentType: 'image/jpeg',
  byteSize: 1000,
  sha256: SHA,
  ...over,
})

describe('sniffContentType: what a file really is, by its first bytes', () => {
  it('knows JPEG, PNG, WebP and PDF', () => {
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg')
    expect(sniffContentType(bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0))).toBe('image/png')
    expect(sniffContentType(bytes('RIFF', 1, 2, 3, 4, 'WEBPVP8 '))).toBe('image/webp')
    expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf')
  })

  it('refuses HTML, SVG, scripts, a RIFF that is not WebP and files too short to tell', () => {
    for (const b of [
      bytes('<!DOCTYPE html><script>alert(1)</script>'),
      bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      bytes('<?xml version="1.0"?><svg/>'),
      bytes('\uFEFF<html>'),
      bytes('RIFF', 1, 2, 3, 4, 'WAVEfmt '),
      bytes('PK', 3, 4),
      bytes(0xff, 0xd8),
      bytes('%PDF'),
      new Uint8Array(0),
    ])
      expect(sniffContentType(b)).toBeNull()
  })
})

describe('attachment.added payload', () => {
  const schema = payloadSchema('attachment.added')
  const issue = (p: unknown) => {
    const r = schema.safeParse(p)
    return r.success ? null : r.error.issues[0]!.message
  }

  it('takes a photo with a name and a caption', () => {
    expect(issue(added({ fileName: '回执.jpg', caption: '客户的交易回单' }))).toBeNull()
  })

  it('refuses a type that is not kept, a size out of bounds and a malformed checksum', () => {
    expect(issue(added({ contentType: 'image/svg+xml' as 'image/png' }))).toBe('invalidAttachmentType')
    expect(issue(added({ contentType: 'text/html' as 'image/png' }))).toBe('invalidAttachmentType')
    expect(issue(added({ byteSize: MAX_ATTACHMENT_BYTES + 1 }))).toBe('attachmentTooLarge')
    expect(issue(added({ byteSize: 0 }))).toBe('invalidNumber')
    expect(issue(added({ byteSize: 1.5 }))).toBe('invalidNumber')
    expect(issue(added({ sha256: 'A'.repeat(64) }))).toBe('invalidChecksum')
    expect(issue(added({ sha256: 'a'.repeat(63) }))).toBe('invalidChecksum')
    expect(issue(added({ attachmentId: 'x' }))).toBe('invalidId')
  })

  it('refuses a file name with a path or a control character, and an overlong caption', () => {
    for (const fileName of ['../../etc/passwd', 'a/b.jpg', 'a\\b.jpg', 'a\u0000.jpg', 'a\nb.jpg', '..'])
      expect(issue(added({ fileName }))).not.toBeNull()
    expect(issue(added({ caption: '字'.repeat(501) }))).toBe('tooLong')
  })
})

function complaint() {
  const f = eventFactory()
  const recorded = f.make({ type: 'complaint.recorded', payload: RECORDED })
  return { f, base: [recorded] as ComplaintEvent[] }
}

describe('attachments folded and decided', () => {
  it('folds an attachment with who added it and when, and hides it once removed', () => {
    const { f, base } = complaint()
    const a = added({ caption: '回单' })
    const add = f.make({ type: 'attachment.added', payload: a })
    const state = fold([...base, add])!
    expect(state.attachments).toEqual([expect.objectContaining({ ...a, eventId: add.id, by: add.actor })])
    const removed = f.make({ type: 'attachment.removed', payload: { attachmentId: a.attachmentId, reason: '拍错了' } })
    const after = fold([...base, add, removed])!
    expect(after.attachments).toEqual([])
    expect(decide(after, { type: 'attachment.added', payload: a })).toEqual({
      ok: false,
      refusal: 'duplicateAttachment',
    })
  })

  it('is allowed after closure and withdrawal (a letter the customer brings later)', () => {
    const { f, base } = complaint()
    const withdrawn = fold([...base, f.make({ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } })])!
    expect(moveRefusal(withdrawn, 'attachment.added')).toBeNull()
    expect(decide(withdrawn, { type: 'attachment.added', payload: added() }).ok).toBe(true)
  })

  it('refuses a second file under one id, the one past the maximum, and removing what is not there', () => {
    const { f, base } = complaint()
    const a = added()
    const one = fold([...base, f.make({ type: 'attachment.added', payload: a })])!
    expect(decide(one, { type: 'attachment.added', payload: added({ attachmentId: a.attachmentId }) })).toEqual({
      ok: false,
      refusal: 'duplicateAttachment',
    })
    const many = [...base]
    for (let i = 0; i < MAX_ATTACHMENTS_PER_COMPLAINT; i++)
      many.push(f.make({ type: 'attachment.added', payload: added() }))
    const full = fold(many)!
    expect(full.attachments).toHaveLength(MAX_ATTACHMENTS_PER_COMPLAINT)
    expect(decide(full, { type: 'attachment.added', payload: added() })).toEqual({
      ok: false,
      refusal: 'tooManyAttachments',
    })
    // Two tablets filling it offline: every tablet keeps the same first ones by clock.
    const extra = f.make({ type: 'attachment.added', payload: added() })
    expect(fold([extra, ...many])!.attachments).toEqual(full.attachments)
    expect(decide(one, { type: 'attachment.removed', payload: { attachmentId: newId(), reason: '拍错了' } })).toEqual({
      ok: false,
      refusal: 'noSuchAttachment',
    })
  })

  it('the centre refuses a duplicate id and removing an unknown attachment', () => {
    const { f, base } = complaint()
    const a = added()
    const first = f.make({ type: 'attachment.added', payload: a })
    const again = f.make({ type: 'attachment.added', payload: { ...a, caption: '另一张' } })
    const unknown = f.make({ type: 'attachment.removed', payload: { attachmentId: newId(), reason: '拍错了' } })
    const actor = base[0]!.actor
    const { results } = admitEvents(
      [again.id, unknown.id],
      [again, unknown].map((e) => parseEvent(e)),
      {
        device: { deviceId: actor.deviceId, branchId: 'branch-1' },
        nowMs: Date.parse('2026-03-02T03:00:00Z'),
        staff: new Map([[actor.staffId, { role: 'manager', names: [actor.staffName] }]]),
        stored: new Map(),
        complaints: new Map([[base[0]!.complaintId, { branchId: 'branch-1', events: [...base, first] }]]),
      },
    )
    expect(results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'refused', message: 'duplicateAttachment' }),
      expect.objectContaining({ status: 'rejected', reason: 'refused', message: 'noSuchAttachment' }),
    ])
  })
})
