import { send } from '@/http/apiClient'

/**
 * An attachment's bytes from the centre (`GET /api/attachments/:id`), with the caller's bearer token (the tablet's
 * device token, or the supervisor's session at the desk): an <img src> pointing at the centre could not send it.
 */
export async function fetchAttachment(id: string, token: string | null | undefined): Promise<Blob> {
  const res = await send(`/api/attachments/${encodeURIComponent(id)}`, { token, timeoutMs: 60_000 })
  return res.blob()
}
