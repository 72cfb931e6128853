import { send } from '@/http/apiClient'

/**
 * An attachment's bytes from the centre for this tablet (`GET /api/sync/attachments/:id`, its branch only), with the
 * device token: an <img src> pointing at the centre could not send it. The desk reads `/api/attachments/:id` with the
 * supervisor's session (useCentralSessionStore's `blob`).
 */
export async function fetchAttachment(id: string, token: string | null | undefined): Promise<Blob> {
  const res = await send(`/api/sync/attachments/${encodeURIComponent(id)}`, { token, timeoutMs: 60_000 })
  return res.blob()
}
