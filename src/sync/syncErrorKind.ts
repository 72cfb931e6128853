import { SyncHttpError } from './transport'

/**
 * What went wrong with a sync, in terms the screen can say in the manager's language: the browser's own messages
 * ("Failed to fetch", "signal timed out") are English whatever the screen's language, and mean nothing to them.
 */
export type SyncErrorKind = 'network' | 'timeout' | 'server' | 'unknown'

export function syncErrorKind(e: unknown): SyncErrorKind {
  if (e instanceof SyncHttpError) return 'server'
  const name = (e as { name?: unknown } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout'
  // fetch rejects with a TypeError when no answer came at all: no route, DNS, refused connection, CORS.
  if (e instanceof TypeError) return 'network'
  return 'unknown'
}
