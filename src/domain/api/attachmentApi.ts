import { z } from 'zod'
import { ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES } from '../complaint/attachments'
import { defineRoute } from './route'

/**
 * The attachments' routes (issue 20 §2). A tablet uploads an attachment's bytes in chunks of ATTACHMENT_CHUNK_BYTES,
 * in order, after its `attachment.added` event is stored (the centre knows the attachment only from that event); it
 * asks how many bytes the centre holds to resume. A chunk's body is the raw bytes (`application/octet-stream`).
 * Reading: a tablet of the branch, or a supervisor of the branch (an administrator: every branch), gets the bytes
 * with their type from the event, never served as HTML or SVG.
 */
export const MAX_ATTACHMENT_CHUNKS = Math.ceil(MAX_ATTACHMENT_BYTES / ATTACHMENT_CHUNK_BYTES)

const attachmentParams = z.object({ id: z.uuid({ error: 'invalidId' }) })

/** What the centre holds of an attachment: `receivedBytes` from the start; `complete` once checked against its event. */
export const uploadStateSchema = z.object({ receivedBytes: z.int().min(0), complete: z.boolean() })
export type UploadState = z.infer<typeof uploadStateSchema>

/** The bytes themselves (not JSON): the tablet reads them as a Blob. */
const fileBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array)

export const attachmentStatusRoute = defineRoute({
  method: 'GET',
  path: '/api/sync/attachments/:id/status',
  params: attachmentParams,
  response: uploadStateSchema,
})

export const attachmentChunkRoute = defineRoute({
  method: 'PUT',
  path: '/api/sync/attachments/:id/chunks/:index',
  params: attachmentParams.extend({
    index: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_ATTACHMENT_CHUNKS - 1),
  }),
  response: uploadStateSchema,
})

/** A tablet of the attachment's branch reads it (another tablet's photo, fetched to be shown offline). */
export const tabletAttachmentRoute = defineRoute({
  method: 'GET',
  path: '/api/sync/attachments/:id',
  params: attachmentParams,
  response: fileBytes,
})

/** A supervisor of the branch (the desk, the printed record), an administrator for every branch. */
export const attachmentFileRoute = defineRoute({
  method: 'GET',
  path: '/api/attachments/:id',
  params: attachmentParams,
  response: fileBytes,
})
