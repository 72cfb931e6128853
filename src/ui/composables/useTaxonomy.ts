import { computed, shallowRef } from 'vue'
import type { Taxonomy } from '@/domain/taxonomy/taxonomy'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/**
 * The synced taxonomy for the complaint book's first screen, without the settings validators (zod, the holiday
 * tables) that the full settings store brings: the server validated it when it was set. The default code tables
 * are loaded after the first screen (null until then): the book shows its rows without them.
 */
export function useTaxonomy() {
  const db = useDatabase()
  const fallback = shallowRef<Taxonomy | null>(null)
  const { data } = useLiveQuery({
    query: async () => (await db.getMeta('settings'))?.taxonomy ?? null,
    initial: null as unknown,
  })
  void import('@/domain/taxonomy/taxonomy').then((m) => (fallback.value = m.DEFAULT_TAXONOMY))
  return computed<Taxonomy | null>(() => {
    const synced = data.value as Partial<Taxonomy> | null
    return synced && Array.isArray(synced.codes) && synced.mapping ? (synced as Taxonomy) : fallback.value
  })
}
