import {
  attachmentBytes,
  noteRejected,
  noteUploaded,
  pendingFetches,
  pendingUploads,
  readAttachment,
  sha256Hex,
  storeFetched,
} from '@/db'
import type { ComplaintDb } from '@/db'
import { ATTACHMENT_CHUNK_BYTES, sniffContentType } from '@/domain'
import { SyncHttpError } from './transport'
import type { SyncTransport } from './transport'

/** Other tablets' files fetched per sync at most: a cold tablet catches up over a few syncs, never all at once. */
export const FETCH_PER_SYNC = 5

export interface UploadSummary {
  uploaded: number
  rejected: number
}

/**
 * Sends the bytes of the tablet's attachments whose events the centre holds, oldest first, in chunks of
 * ATTACHMENT_CHUNK_BYTES. Resumable: the centre says how many bytes it holds and the upload goes on from there, so a
 * crash or a lost network mid-file costs at most a chunk. Never before the event: an attachment whose event has no
 * server sequence yet (waiting in the outbox, or refused) waits. A file the centre refuses for good (422: it does not
 * match its event; 410: removed) is marked and never sent again. A network failure ends the run (the next sync resumes).
 */
export async function uploadAttachments(db: ComplaintDb, transport: SyncTransport): Promise<UploadSummary> {
  const summary: UploadSummary = { uploaded: 0, rejected: 0 }
  if (!transport.attachmentState || !transport.putAttachmentChunk) return summary
  for (const row of await pendingUploads(db)) {
    const event = await db.events.get(row.eventId)
    if (event?.serverSeq === undefined) continue
    try {
      let state = await transport.attachmentState(row.attachmentId)
      if (!state.complete) {
        const bytes = await attachmentBytes(row)
        while (!state.complete) {
          const index = Math.floor(state.receivedBytes / ATTACHMENT_CHUNK_BYTES)
          const chunk = bytes.subarray(index * ATTACHMENT_CHUNK_BYTES, (index + 1) * ATTACHMENT_CHUNK_BYTES)
          state = await transport.putAttachmentChunk(row.attachmentId, index, chunk)
          if (!state.complete) await noteUploaded(db, row.attachmentId, state.receivedBytes)
        }
      }
      await noteUploaded(db, row.attachmentId, row.byteSize)
      summary.uploaded++
    } catch (e) {
      if (!(e instanceof SyncHttpError) || e.isAuthFailure) throw e
      if (e.status === 422 || e.status === 410) {
        await noteRejected(db, row.attachmentId, e.code, Date.now())
        summary.rejected++
      }
      // Any other refusal (404: the centre does not know it yet; 409: out of step) is asked again next sync.
    }
  }
  return summary
}

/**
 * Another tablet's attachment, fetched from the centre now (the complaint page shows it on first view), checked
 * against its event (size, SHA-256, type by its first bytes) and kept sealed. Null when the tablet does not know the
 * attachment or the centre does not hold its bytes yet; the bytes when they are here already.
 */
export async function fetchAttachment(
  db: ComplaintDb,
  transport: SyncTransport,
  attachmentId: string,
): Promise<Blob | null> {
  const row = await db.attachments.get(attachmentId)
  if (!row || row.sealed) return readAttachment(db, attachmentId)
  if (!transport.getAttachment) return null
  let bytes: Uint8Array
  try {
    bytes = await transport.getAttachment(attachmentId)
  } catch (e) {
    if (e instanceof SyncHttpError && (e.status === 404 || e.status === 410)) return null
    throw e
  }
  const matches =
    bytes.length === row.byteSize &&
    sniffContentType(bytes) === row.contentType &&
    (await sha256Hex(bytes)) === row.sha256
  if (!matches) return null
  await storeFetched(db, attachmentId, bytes, Date.now())
  return readAttachment(db, attachmentId)
}

/**
 * In the background after a pull: a few of the files other tablets added, so they show offline later. Bounded per
 * sync (FETCH_PER_SYNC); one not at the centre yet is tried again next time.
 */
export async function fetchAttachments(
  db: ComplaintDb,
  transport: SyncTransport,
  limit = FETCH_PER_SYNC,
): Promise<number> {
  if (!transport.getAttachment) return 0
  let fetched = 0
  for (const row of await pendingFetches(db, limit)) {
    if (await fetchAttachment(db, transport, row.attachmentId)) fetched++
  }
  return fetched
}
