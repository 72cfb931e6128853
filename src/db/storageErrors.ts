/** What went wrong with a write, in terms the user can act on. */
export type StorageProblem = 'quota' | 'connectionLost' | 'unavailable' | 'unknown'

/**
 * Dexie wraps the browser's errors: a full disk can surface as an AbortError whose `inner` is the real
 * QuotaExceededError (Dexie #776), and WebKit can lose the connection mid-session (Dexie #1139).
 */
export function classifyStorageError(error: unknown): StorageProblem {
  const names: string[] = []
  let e: unknown = error
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const err = e as { name?: string; message?: string; inner?: unknown }
    if (err.name) names.push(err.name)
    if (err.message && /quota/i.test(err.message)) return 'quota'
    e = err.inner
  }
  if (names.includes('QuotaExceededError')) return 'quota'
  if (names.some((n) => n === 'DatabaseClosedError' || n === 'InvalidStateError')) return 'connectionLost'
  if (names.some((n) => n === 'MissingAPIError' || n === 'OpenFailedError')) return 'unavailable'
  return 'unknown'
}
