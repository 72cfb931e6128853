import { sendJson } from '@/http/apiClient'

export { ApiError, apiError } from '@/http/apiClient'

/**
 * The calls a tablet makes outside sync to routes not yet in the contract (`src/domain/api/`); `T` names the answer
 * the caller expects. Routes in the contract are called with `callRoute`, typed by their schema.
 */
export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  return (await sendJson(path, options)) as T
}
