import { onScopeDispose, readonly, ref, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'

export interface IdleLockOptions {
  /** Lock after this long without a touch or a key (may change: the script waits longer). */
  timeoutMs: MaybeRefOrGetter<number>
  /** Show "still there?" after this long without a touch, or never (null). */
  warnAfterMs?: MaybeRefOrGetter<number | null>
  onIdle: () => void
  /** Called (at most every few seconds) on activity. */
  onActive?: () => void
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/** A tablet left on a counter in the banking hall locks itself: nobody else reads the complaints on it. */
export function useIdleLock(options: IdleLockOptions): { warning: Readonly<Ref<boolean>> } {
  const target = options.target ?? window
  const warning = ref(false)
  let lockTimer: ReturnType<typeof setTimeout> | null = null
  let warnTimer: ReturnType<typeof setTimeout> | null = null
  let lastActive = 0
  const clear = () => {
    if (lockTimer) clearTimeout(lockTimer)
    if (warnTimer) clearTimeout(warnTimer)
    lockTimer = warnTimer = null
  }
  /** Counts the quiet time again from now. */
  const arm = () => {
    clear()
    warning.value = false
    const timeout = toValue(options.timeoutMs)
    lockTimer = setTimeout(() => {
      warning.value = false
      options.onIdle()
    }, timeout)
    const warnAfter = toValue(options.warnAfterMs) ?? null
    if (warnAfter !== null && warnAfter < timeout)
      warnTimer = setTimeout(() => (warning.value = true), Math.max(0, warnAfter))
  }
  const reset = () => {
    if (Date.now() - lastActive > 5_000) {
      lastActive = Date.now()
      options.onActive?.()
    }
    arm()
  }
  const events = ['pointerdown', 'keydown', 'scroll'] as const
  for (const e of events) target.addEventListener(e, reset, { passive: true })
  reset()
  // Entering or leaving the script changes how long the lock waits: counted from the change.
  watch(() => [toValue(options.timeoutMs), toValue(options.warnAfterMs)], arm)
  onScopeDispose(() => {
    clear()
    for (const e of events) target.removeEventListener(e, reset)
  })
  return { warning: readonly(warning) }
}
