/** The few calls a tablet makes to the central endpoint outside sync; errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method: options.method ?? (options.body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: options.body ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(20_000),
    })
  } catch {
    throw new ApiError(0, 'offline', 'The central endpoint cannot be reached')
  }
  if (!res.ok) throw await apiError(res)
  return (await res.json().catch(() => ({}))) as T
}

/** The server's answer to a failed call, as an error with its code and message. */
export async function apiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
  return new ApiError(res.status, body.error ?? 'http', body.message ?? res.statusText)
}
