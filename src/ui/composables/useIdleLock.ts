import { onScopeDispose } from 'vue'

export interface IdleLockOptions {
  /** Lock after this long without a touch or a key. */
  timeoutMs: number
  onIdle: () => void
  /** Called (at most every few seconds) on activity. */
  onActive?: () => void
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/** A tablet left on a counter in the banking hall locks itself: nobody else reads the complaints on it. */
export function useIdleLock(options: IdleLockOptions): void {
  const target = options.target ?? window
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastActive = 0
  const reset = () => {
    if (Date.now() - lastActive > 5_000) {
      lastActive = Date.now()
      options.onActive?.()
    }
    if (timer) clearTimeout(timer)
    timer = setTimeout(options.onIdle, options.timeoutMs)
  }
  const events = ['pointerdown', 'keydown', 'scroll'] as const
  for (const e of events) target.addEventListener(e, reset, { passive: true })
  reset()
  onScopeDispose(() => {
    if (timer) clearTimeout(timer)
    for (const e of events) target.removeEventListener(e, reset)
  })
}
