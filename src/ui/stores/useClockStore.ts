import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { ClockOffsetRow } from '@/db/meta'
import { correctedNowMs, describeSkew, isClockSkewed } from '@/domain/sync/clockSkew'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/**
 * How far this tablet's clock is off the centre's, as the last sync measured it (kept in `meta`, so it holds
 * offline and across reloads). `now()` is the time forms prefill and the write path checks with.
 */
export const useClockStore = defineStore('clock', () => {
  const db = useDatabase()
  const { data: row } = useLiveQuery({
    query: async () => (await db.getMeta('clockOffset')) ?? null,
    initial: null as ClockOffsetRow | null,
  })
  const offsetMs = computed(() => row.value?.offsetMs ?? 0)
  const skewed = computed(() => isClockSkewed(offsetMs.value))
  const skew = computed(() => (skewed.value ? describeSkew(offsetMs.value) : null))
  const now = (): number => correctedNowMs(Date.now(), offsetMs.value)
  return { offsetMs, skewed, skew, now }
})
