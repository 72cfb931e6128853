import { createHash } from 'node:crypto'
import { ATTACHMENT_CHUNK_BYTES, sniffContentType } from '../../domain'
import type { AttachmentContentType, ComplaintEvent } from '../../domain'
import type { UploadState } from '../../domain/api/attachmentApi'
import type { Database, Queryable } from '../db/Database'
import { HttpError } from '../http/errors'

/**
 * The centre's side of attachments (issue 20 §2): a row per stored `attachment.added` event, made in the push's own
 * transaction, then the bytes in order, chunk by chunk. Nothing here logs a file's name, caption or bytes.
 */
export interface AttachmentRecord {
  attachment_id: string
  branch_id: string
  complaint_id: string
  content_type: AttachmentContentType
  byte_size: number
  sha256: string
  received_bytes: number
  complete: boolean
  removed: boolean
}

/**
 * With the events of a push, in its transaction: an added attachment is expected (so no upload precedes its event);
 * a removed one loses its bytes at once (the event stays).
 */
export async function recordAttachments(tx: Queryable, events: readonly ComplaintEvent[]): Promise<void> {
  const added = events.flatMap((e) =>
    e.type === 'attachment.added'
      ? [
          {
            attachmentId: e.payload.attachmentId,
            branchId: e.branchId,
            complaintId: e.complaintId,
            eventId: e.id,
            contentType: e.payload.contentType,
            byteSize: e.payload.byteSize,
            sha256: e.payload.sha256,
          },
        ]
      : [],
  )
  if (added.length)
    await tx.query(
      `insert into attachments (attachment_id, branch_id, complaint_id, event_id, content_type, byte_size, sha256)
       select (j->>'attachmentId')::uuid, j->>'branchId', (j->>'complaintId')::uuid, (j->>'eventId')::uuid,
              j->>'contentType', (j->>'byteSize')::int, j->>'sha256'
       from jsonb_array_elements($1::jsonb) j
       on conflict (attachment_id) do nothing`,
      [JSON.stringify(added)],
    )
  // Only the removing event's own complaint's attachment, whatever id it names.
  const removed = events.flatMap((e) =>
    e.type === 'attachment.removed' ? [{ attachmentId: e.payload.attachmentId, complaintId: e.complaintId }] : [],
  )
  if (removed.length) {
    const { rows } = await tx.query<{ attachment_id: string }>(
      `update attachments a set removed = true, received_bytes = 0, complete = false
       from jsonb_array_elements($1::jsonb) j
       where a.attachment_id = (j->>'attachmentId')::uuid and a.complaint_id = (j->>'complaintId')::uuid
       returning a.attachment_id`,
      [JSON.stringify(removed)],
    )
    if (rows.length)
      await tx.query('delete from attachment_chunks where attachment_id = any($1::uuid[])', [
        rows.map((r) => r.attachment_id),
      ])
  }
}

const COLUMNS =
  'attachment_id, branch_id, complaint_id, content_type, byte_size, sha256, received_bytes, complete, removed'

/** The attachment if it is one of these branches' (an unknown one and another branch's are answered alike: 404). */
export async function findAttachment(
  db: Queryable,
  id: string,
  branchIds: readonly string[] | 'all',
  lock = false,
): Promise<AttachmentRecord> {
  const { rows } = await db.query<AttachmentRecord>(
    `select ${COLUMNS} from attachments where attachment_id = $1${lock ? ' for update' : ''}`,
    [id],
  )
  const row = rows[0]
  if (!row || (branchIds !== 'all' && !branchIds.includes(row.branch_id)))
    throw new HttpError(404, 'attachment_not_found', 'No such attachment in this branch (is its event pushed?)')
  if (row.removed) throw new HttpError(410, 'attachment_removed', 'The attachment was removed')
  return row
}

export const stateOf = (row: Pick<AttachmentRecord, 'received_bytes' | 'complete'>): UploadState => ({
  receivedBytes: Number(row.received_bytes),
  complete: row.complete,
})

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0

/**
 * One chunk of an attachment, in order. A chunk already held is answered with the state when it is the same bytes
 * (a retried request), refused when it differs; a chunk after a gap is refused with what the centre holds (the tablet
 * resumes from there). The last chunk completes the file, which must then be what its event says: its SHA-256, and
 * its first bytes of the declared type. If not, the bytes are discarded and the answer is 422.
 */
export async function putChunk(
  db: Database,
  branchId: string,
  id: string,
  index: number,
  body: Uint8Array,
  bytesPerBranchDay = Infinity,
): Promise<UploadState> {
  type Outcome = { state: UploadState } | { problem: 'attachment_checksum' | 'attachment_type' }
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    // Locked: two requests for the same attachment (a retry racing its original) take turns.
    const row = await findAttachment(tx, id, [branchId], true)
    const size = Number(row.byte_size)
    const start = index * ATTACHMENT_CHUNK_BYTES
    if (start >= size) throw new HttpError(400, 'chunk_out_of_range', 'The attachment has no such chunk')
    const length = Math.min(ATTACHMENT_CHUNK_BYTES, size - start)
    if (body.length !== length)
      throw new HttpError(400, 'chunk_size', `Chunk ${index} of this attachment is ${length} bytes`)
    const received = Number(row.received_bytes)
    if (start < received) {
      const held = await tx.query<{ bytes: Uint8Array }>(
        'select bytes from attachment_chunks where attachment_id = $1 and idx = $2',
        [id, index],
      )
      if (!held.rows[0] || !sameBytes(held.rows[0].bytes, body))
        throw new HttpError(409, 'chunk_conflict', 'A different chunk is already held here', stateOf(row))
      return { state: stateOf(row) }
    }
    if (start > received)
      throw new HttpError(409, 'chunk_out_of_order', 'Send the chunk the centre expects next', stateOf(row))
    // A file's whole size counts against its branch's day when its first chunk arrives: past the limit it waits.
    if (received === 0 && bytesPerBranchDay !== Infinity) {
      const { rows } = await tx.query<{ used: string }>(
        `select coalesce(sum(byte_size), 0)::bigint as used from attachments
         where branch_id = $1 and created_at > now() - interval '1 day' and received_bytes > 0`,
        [branchId],
      )
      if (Number(rows[0]!.used) + size > bytesPerBranchDay)
        throw new HttpError(
          429,
          'attachment_quota',
          'The branch has uploaded its files for today; the rest go tomorrow',
        )
    }
    await tx.query('insert into attachment_chunks (attachment_id, idx, bytes) values ($1, $2, $3)', [
      id,
      index,
      Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    ])
    const now = received + length
    if (now < size) {
      await tx.query('update attachments set received_bytes = $2 where attachment_id = $1', [id, now])
      return { state: { receivedBytes: now, complete: false } }
    }
    const bytes = await assemble(tx, id)
    const sha = createHash('sha256').update(bytes).digest('hex')
    const problem =
      sha !== row.sha256
        ? 'attachment_checksum'
        : sniffContentType(bytes) !== row.content_type
          ? 'attachment_type'
          : null
    if (problem) {
      // Not what the event said: nothing of it is kept (a renamed page or script is never stored, never served).
      await tx.query('delete from attachment_chunks where attachment_id = $1', [id])
      await tx.query('update attachments set received_bytes = 0 where attachment_id = $1', [id])
      return { problem }
    }
    await tx.query(
      'update attachments set received_bytes = $2, complete = true, completed_at = now() where attachment_id = $1',
      [id, now],
    )
    return { state: { receivedBytes: now, complete: true } }
  })
  if ('problem' in outcome)
    throw new HttpError(
      422,
      outcome.problem,
      outcome.problem === 'attachment_checksum'
        ? 'The file does not match its checksum'
        : 'The file is not of the type its record says',
    )
  return outcome.state
}

export async function assemble(db: Queryable, id: string): Promise<Buffer> {
  const { rows } = await db.query<{ bytes: Uint8Array }>(
    'select bytes from attachment_chunks where attachment_id = $1 order by idx',
    [id],
  )
  return Buffer.concat(rows.map((r) => r.bytes))
}
