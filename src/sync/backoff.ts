export interface BackoffOptions {
  baseMs?: number
  maxMs?: number
  random?: () => number
}

/**
 * Exponential backoff with full jitter (AWS architecture blog): after `attempt` failures wait a random time up
 * to base·2^attempt, capped — so fifty tablets coming back online at once do not retry in step.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 2_000
  const max = options.maxMs ?? 5 * 60_000
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt))
  return Math.round(ceiling * (options.random ?? Math.random)())
}
