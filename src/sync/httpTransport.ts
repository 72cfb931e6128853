import { PROTOCOL_VERSION } from '@/domain'
import type { PullResponse, PushRequest, PushResponse, TabletReport } from '@/domain'
import { SyncHttpError } from './transport'
import type { SyncTransport } from './transport'

export interface HttpTransportOptions {
  baseUrl?: string
  /** The tablet's device token, read fresh for every request (it changes on enrolment and revocation). */
  token: () => string | null
  fetch?: typeof fetch
  timeoutMs?: number
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const base = options.baseUrl ?? ''
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const token = options.token()
    const res = await doFetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    })
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
    if (!res.ok) {
      const { error, message, ...details } = body
      throw new SyncHttpError(res.status, error ?? 'http', message ?? res.statusText, details)
    }
    return body as T
  }

  return {
    push: (request: PushRequest) => call<PushResponse>('/api/sync/push', { method: 'POST', body: JSON.stringify(request) }),
    pull: (after: number, limit: number, report?: TabletReport) => {
      const reported = report ? `&pending=${report.pending}&app=${encodeURIComponent(report.app)}${report.wipe ? '&wipe=1' : ''}` : ''
      return call<PullResponse>(`/api/sync/pull?protocol=${PROTOCOL_VERSION}&after=${after}&limit=${limit}${reported}`)
    },
    wiped: async (undelivered: number) => {
      await call('/api/sync/wiped', { method: 'POST', body: JSON.stringify({ undelivered }) })
    },
  }
}
