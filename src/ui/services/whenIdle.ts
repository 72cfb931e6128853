/**
 * Runs `task` once the browser is idle after the first frames (at the latest after `timeoutMs`): warm-ups and checks
 * that no one waits for — the PIN's hash compiled, the storage asked about, the service worker registered — kept out
 * of the main thread while a starting tablet paints its first screen (docs/benchmarks.md, cold start).
 */
export function whenIdle(task: () => void, timeoutMs = 1000): void {
  const idle = globalThis.requestIdleCallback
  if (typeof idle === 'function') idle(() => task(), { timeout: timeoutMs })
  else setTimeout(task, 0)
}
