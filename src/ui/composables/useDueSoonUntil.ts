import { ref, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { dueSoonLimit } from '@/db/dueSoon'
import type { ComplaintDb } from '@/db/ComplaintDb'

/**
 * The end of "due soon" (domain dueSoonUntil) as `now` ticks; null until the calendar has loaded, after the first
 * screen. Computed outside any live query: a live query may only wait on IndexedDB. `active` false: not computed (the
 * last value stays), nor its calendar and settings loaded.
 */
export function useDueSoonUntil(
  db: ComplaintDb,
  now: Ref<number>,
  active: MaybeRefOrGetter<boolean> = true,
): Ref<number | null> {
  const until = ref<number | null>(null)
  watch(
    [now, () => toValue(active)],
    ([t, on]) => on && void dueSoonLimit(db, new Date(t)).then((u) => (until.value = u)),
    { immediate: true },
  )
  return until
}
