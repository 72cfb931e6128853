import { computed, onScopeDispose, ref, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import { formatElapsed } from '@/domain/script/scriptSession'

export interface ElapsedOptions {
  /** When the span began (ms since the epoch); null shows 0:00. Read again on every tick. */
  since: MaybeRefOrGetter<number | null>
  /** How often the display is refreshed; a second by default. */
  intervalMs?: number
  /** The clock, for tests. */
  now?: () => number
}

/**
 * How long something has been going on, as a ticking ref and an `m:ss` / `h:mm:ss` label.
 * The interval is cleared when the component (or effect scope) that called it ends.
 */
export function useElapsed(options: ElapsedOptions): {
  elapsedMs: ComputedRef<number>
  label: ComputedRef<string>
  now: Ref<number>
} {
  const clock = options.now ?? Date.now
  const now = ref(clock())
  const timer = setInterval(() => (now.value = clock()), options.intervalMs ?? 1000)
  onScopeDispose(() => clearInterval(timer))
  const elapsedMs = computed(() => {
    const since = toValue(options.since)
    return since === null ? 0 : Math.max(0, now.value - since)
  })
  const label = computed(() => formatElapsed(elapsedMs.value))
  return { elapsedMs, label, now }
}
