/**
 * The tablet's one HTTP client for the central endpoint: the sync engine's transport, the sign-in and enrolment
 * calls, the desk, the reports and the console all send through `send` (the contract's routes by `callRoute` in
 * `./callRoute.ts`, which only the pages behind lazy routes load). Errors carry the server's code and message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What else the centre said (a wipe order's `revokedAt` and `revokedBy`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** 401/403: the token was revoked or never valid; retrying will not help. */
  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403
  }
}

export interface SendOptions {
  method?: string
  body?: unknown
  token?: string | null
  timeoutMs?: number
  baseUrl?: string
  fetch?: typeof fetch
}

/**
 * One request. A refusal (any status but 2xx) rejects with an ApiError holding the server's `{ error, message }`;
 * no answer at all rejects as `fetch` does (a TypeError, or a TimeoutError after `timeoutMs`), so a caller can tell
 * a network without a route from a server that said no.
 */
export async function send(path: string, options: SendOptions = {}): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  // Raw bytes (an attachment's chunk) go as they are; anything else as JSON.
  const raw = options.body instanceof Uint8Array
  const res = await doFetch(`${options.baseUrl ?? ''}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': raw ? 'application/octet-stream' : 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: raw ? (options.body as BodyInit) : options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  })
  if (!res.ok) throw await apiError(res)
  return res
}

/** The server's answer to a failed call, as an error with its code and message. */
export async function apiError(res: Response): Promise<ApiError> {
  const { error, message, ...details } = (await res.json().catch(() => ({}))) as {
    error?: string
    message?: string
  } & Record<string, unknown>
  return new ApiError(res.status, error ?? 'http', message ?? res.statusText, details)
}

/** A call whose answer the caller reads as JSON; no answer at all is an ApiError `offline` (status 0). */
export async function sendJson(path: string, options: SendOptions = {}): Promise<unknown> {
  let res: Response
  try {
    res = await send(path, options)
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError(0, 'offline', 'The central endpoint cannot be reached')
  }
  return res.json().catch(() => ({}))
}
