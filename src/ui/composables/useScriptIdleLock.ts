import { onScopeDispose, readonly, shallowRef, toValue, watchEffect } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import type { IdleLockTiming } from '@/domain/staff/idleLock'

const held = shallowRef<IdleLockTiming | null>(null)

/** The timing a page on screen asks the idle lock for (the script's), or null for the hall's. */
export const idleLockHeld = readonly(held)

/**
 * While the calling page is on screen the idle lock follows its timing: the seven-step script, read in front of the
 * customer, waits longer and asks "still there?" first. Lives in the first chunk; the script's chunk sets it.
 */
export function useScriptIdleLock(timing: MaybeRefOrGetter<IdleLockTiming>): void {
  watchEffect(() => (held.value = toValue(timing)))
  onScopeDispose(() => (held.value = null))
}
