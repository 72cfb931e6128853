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
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
  if (!res.ok) throw new ApiError(res.status, body.error ?? 'http', body.message ?? res.statusText)
  return body as T
}
