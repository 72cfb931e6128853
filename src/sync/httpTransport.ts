import { PROTOCOL_VERSION } from '@/domain'
import type { ComplaintHistoryResponse, PullResponse, PushRequest, PushResponse, TabletReport } from '@/domain'
import type { UploadState } from '@/domain/api/attachmentApi'
import { send } from '@/http/apiClient'
import type { SyncTransport } from './transport'

export interface HttpTransportOptions {
  baseUrl?: string
  /** The tablet's device token, read fresh for every request (it changes on enrolment and revocation). */
  token: () => string | null
  fetch?: typeof fetch
  timeoutMs?: number
}

/** The sync engine's calls, through the tablet's one client: a refusal is an ApiError (`SyncHttpError`), a lost network fetch's own error. */
export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const request = (path: string, body?: unknown, method?: string) =>
    send(path, {
      baseUrl: options.baseUrl,
      token: options.token(),
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      body,
      method,
    })
  async function call<T>(path: string, body?: unknown, method?: string): Promise<T> {
    const res = await request(path, body, method)
    return (await res.json().catch(() => ({}))) as T
  }
  const attachmentPath = (id: string, rest = '') => `/api/sync/attachments/${encodeURIComponent(id)}${rest}`

  return {
    push: (request: PushRequest) => call<PushResponse>('/api/sync/push', request),
    pull: (after: number, limit: number, report?: TabletReport) => {
      const reported = report
        ? `&pending=${report.pending}&app=${encodeURIComponent(report.app)}${report.wipe ? '&wipe=1' : ''}`
        : ''
      return call<PullResponse>(`/api/sync/pull?protocol=${PROTOCOL_VERSION}&after=${after}&limit=${limit}${reported}`)
    },
    history: (complaintId: string) =>
      call<ComplaintHistoryResponse>(`/api/sync/complaints/${encodeURIComponent(complaintId)}/events`),
    wiped: async (undelivered: number) => {
      await call('/api/sync/wiped', { undelivered })
    },
    attachmentState: (id: string) => call<UploadState>(attachmentPath(id, '/status')),
    putAttachmentChunk: (id: string, index: number, bytes: Uint8Array) =>
      call<UploadState>(attachmentPath(id, `/chunks/${index}`), bytes, 'PUT'),
    getAttachment: async (id: string) => new Uint8Array(await (await request(attachmentPath(id))).arrayBuffer()),
  }
}
