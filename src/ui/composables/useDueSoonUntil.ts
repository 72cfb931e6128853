import { ref, watch } from 'vue'
import type { Ref } from 'vue'
import { dueSoonLimit } from '@/db/dueSoon'
import type { ComplaintDb } from '@/db/ComplaintDb'

/**
 * The end of "due soon" (domain dueSoonUntil) as `now` ticks; null until the calendar has loaded, after the first
 * screen. Computed outside any live query: a live query may only wait on IndexedDB.
 */
export function useDueSoonUntil(db: ComplaintDb, now: Ref<number>): Ref<number | null> {
  const until = ref<number | null>(null)
  watch(now, (t) => void dueSoonLimit(db, new Date(t)).then((u) => (until.value = u)), { immediate: true })
  return until
}
