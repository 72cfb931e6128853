import type { FastifyInstance, FastifyReply } from 'fastify'
import { ATTACHMENT_CHUNK_BYTES, isInlineAttachment } from '../../domain'
import {
  attachmentChunkRoute,
  attachmentFileRoute,
  attachmentStatusRoute,
  tabletAttachmentRoute,
} from '../../domain/api/attachmentApi'
import { assemble, findAttachment, putChunk, stateOf } from '../attachments/attachmentStore'
import type { AttachmentRecord } from '../attachments/attachmentStore'
import type { Database } from '../db/Database'
import { visibleBranches } from '../desk/visibleBranches'
import { HttpError } from '../http/errors'
import { route } from '../http/route'

/**
 * Attachments (issue 20 §2): the tablet's resumable upload and the reading of a file by a tablet or a supervisor of its
 * branch. In their own scope: only here is a body of raw bytes accepted (`application/octet-stream`, one chunk at most).
 */
/** Unless the administrator sets ATTACHMENT_MB_PER_BRANCH_DAY. */
export const DEFAULT_BYTES_PER_BRANCH_DAY = 500 * 1024 * 1024

export async function attachmentRoutes(
  app: FastifyInstance,
  db: Database,
  options: { bytesPerBranchDay?: number } = {},
): Promise<void> {
  const quota = options.bytesPerBranchDay ?? DEFAULT_BYTES_PER_BRANCH_DAY
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_CHUNK_BYTES },
      (_request, body, done) => done(null, body),
    )

    // A tablet revoked with a wipe delivers its files too before it erases itself (as its last push).
    route(scope, attachmentStatusRoute, { access: 'device', whileWipeOrdered: true }, async ({ params, principal }) =>
      stateOf(await findAttachment(db, params.id, [principal.branchId])),
    )

    route(
      scope,
      attachmentChunkRoute,
      { access: 'device', whileWipeOrdered: true },
      async ({ params, principal, request }) => {
        if (!(request.body instanceof Uint8Array))
          throw new HttpError(415, 'unsupported_media_type', 'A chunk is sent as application/octet-stream')
        return putChunk(db, principal.branchId, params.id, params.index, request.body, quota)
      },
    )

    route(scope, tabletAttachmentRoute, { access: 'device' }, async ({ params, principal, reply }) =>
      serve(reply, await findAttachment(db, params.id, [principal.branchId])),
    )

    route(scope, attachmentFileRoute, { access: 'supervisor' }, async ({ params, principal, reply }) => {
      const branches = principal.role === 'admin' ? 'all' : (await visibleBranches(db, principal)).map((b) => b.id)
      return serve(reply, await findAttachment(db, params.id, branches))
    })
  })

  /**
   * The bytes, with the type the event named and the centre checked, and headers that keep a browser from running
   * anything in them: no sniffing, a sandbox with nothing allowed, a PDF downloaded rather than opened in the page.
   */
  async function serve(reply: FastifyReply, row: AttachmentRecord): Promise<Buffer> {
    if (!row.complete) throw new HttpError(404, 'attachment_not_uploaded', 'The file has not reached the centre yet')
    const bytes = await assemble(db, row.attachment_id)
    const ext = row.content_type.split('/')[1]!.replace('jpeg', 'jpg')
    void reply
      .type(row.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header(
        'content-disposition',
        `${isInlineAttachment(row.content_type) ? 'inline' : 'attachment'}; filename="attachment-${row.attachment_id}.${ext}"`,
      )
      .header('cache-control', 'private, no-store')
    return bytes
  }
}
