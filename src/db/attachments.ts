import { MAX_ATTACHMENT_BYTES, newId, sniffContentType } from '@/domain'
import type { AttachmentContentType } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { CommandRejected, commit } from './commit'
import type { CommitResult } from './commit'
import { openBytes, sealBytes } from './crypto/envelope'
import { requireKeys } from './crypto/keyring'
import type { AttachmentRow } from './schema'

export interface AttachmentInput {
  complaintId: string
  bytes: Blob
  contentType: AttachmentContentType
  fileName?: string
  caption?: string
  /** The draft's id, made when the form opened (as commit's): a second tap records nothing twice. */
  id?: string
}

/**
 * 'local-only': here, not yet all at the centre; 'uploaded': here and at the centre; 'remote': known from another
 * tablet's event, the bytes not here (yet); 'missing': not known on this tablet, or the centre refused its bytes.
 */
export type AttachmentStatus = 'local-only' | 'uploaded' | 'remote' | 'missing'

/** Lower-case hex SHA-256, as `attachment.added` names it. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const refuse = (path: string, message: string) => new CommandRejected(null, [{ path, message }])

/**
 * Keeps a photo or file with a complaint, in ONE transaction: the `attachment.added` event through the one write path
 * (commit: decided, stamped, queued) and the bytes sealed with the tablet's data key. A refusal or a full disk stores
 * neither. The bytes must be what they say (their first bytes: sniffContentType), so a renamed HTML or SVG is refused
 * here as the centre would refuse it.
 */
export async function addAttachment(
  db: ComplaintDb,
  input: AttachmentInput,
  now: () => number = Date.now,
): Promise<CommitResult> {
  if (input.bytes.size > MAX_ATTACHMENT_BYTES) throw refuse('byteSize', 'attachmentTooLarge')
  const bytes = new Uint8Array(await input.bytes.arrayBuffer())
  if (sniffContentType(bytes) !== input.contentType) throw refuse('contentType', 'invalidAttachmentType')
  // Hashed and sealed before the transaction opens: IndexedDB commits a transaction that waits on anything else.
  const [sha256, sealed] = await Promise.all([sha256Hex(bytes), sealBytes(requireKeys().data, bytes)])
  const attachmentId = newId()
  const payload = {
    attachmentId,
    contentType: input.contentType,
    byteSize: bytes.length,
    sha256,
    fileName: input.fileName || undefined,
    caption: input.caption || undefined,
  }
  return commit(db, input.complaintId, [{ id: input.id, type: 'attachment.added', payload }], now, {
    alsoWrite: (made) => {
      const row: AttachmentRow = {
        attachmentId,
        complaintId: input.complaintId,
        eventId: made[0]!.id,
        contentType: input.contentType,
        byteSize: bytes.length,
        sha256,
        sealed,
        uploadedBytes: 0,
        needsUpload: 1,
      }
      return db.attachments.add(row)
    },
  })
}

/** The bytes as a Blob of their type, opened; null when this tablet does not hold them (yet). */
export async function readAttachment(db: ComplaintDb, attachmentId: string): Promise<Blob | null> {
  const row = await db.attachments.get(attachmentId)
  if (!row?.sealed) return null
  const bytes = await openBytes(requireKeys().data, row.sealed)
  return new Blob([bytes as BlobPart], { type: row.contentType })
}

export function statusOf(row: AttachmentRow | undefined): AttachmentStatus {
  if (!row || row.rejected) return 'missing'
  if (!row.sealed) return 'remote'
  return row.needsUpload ? 'local-only' : 'uploaded'
}

/** Where each attachment stands on this tablet (see AttachmentStatus), by id, in one read. */
export async function attachmentStatus(
  db: ComplaintDb,
  attachmentIds: string[],
): Promise<Map<string, AttachmentStatus>> {
  const rows = await db.attachments.bulkGet(attachmentIds)
  return new Map(attachmentIds.map((id, i) => [id, statusOf(rows[i])]))
}

/** Attachments waiting to go to the centre, oldest first by event id (a UUIDv7 orders by time). */
export async function pendingUploads(db: ComplaintDb): Promise<AttachmentRow[]> {
  const rows = await db.attachments.where('needsUpload').equals(1).toArray()
  return rows.sort((a, b) => (a.eventId < b.eventId ? -1 : 1))
}

/** Another tablet's attachments whose bytes are not here yet. */
export async function pendingFetches(db: ComplaintDb, limit: number): Promise<AttachmentRow[]> {
  return db.attachments.where('needsFetch').equals(1).limit(limit).toArray()
}

/** The opened bytes of an attachment held here (for the upload). */
export async function attachmentBytes(row: AttachmentRow): Promise<Uint8Array> {
  if (!row.sealed) throw new Error(`Attachment ${row.attachmentId} has no bytes here`)
  return openBytes(requireKeys().data, row.sealed)
}

/** The centre holds `received` bytes: all of them ends the upload. */
export async function noteUploaded(db: ComplaintDb, attachmentId: string, received: number): Promise<void> {
  await db.attachments
    .where('attachmentId')
    .equals(attachmentId)
    .modify((row) => {
      row.uploadedBytes = received
      if (received >= row.byteSize) delete row.needsUpload
    })
}

/** The centre refused the bytes for good: kept (they are the manager's), never sent again, shown as missing. */
export async function noteRejected(db: ComplaintDb, attachmentId: string, code: string, at: number): Promise<void> {
  await db.attachments
    .where('attachmentId')
    .equals(attachmentId)
    .modify((row) => {
      delete row.needsUpload
      row.rejected = { code, at }
    })
}

/** Bytes fetched from the centre, checked against the event, sealed and kept. */
export async function storeFetched(
  db: ComplaintDb,
  attachmentId: string,
  bytes: Uint8Array,
  at: number,
): Promise<void> {
  const sealed = await sealBytes(requireKeys().data, bytes)
  await db.attachments
    .where('attachmentId')
    .equals(attachmentId)
    .modify((row) => {
      row.sealed = sealed
      row.fetchedAt = at
      delete row.needsFetch
    })
}
