import { computed } from 'vue'
import { DEFAULT_TAXONOMY } from '@/domain/complaint/taxonomy'
import type { Taxonomy } from '@/domain/complaint/taxonomy'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/**
 * The synced categories and causes for the complaint book's first screen, without the settings validators
 * (zod, the holiday tables) that the full settings store brings: the server validated them when they were set.
 */
export function useTaxonomy() {
  const db = useDatabase()
  const { data } = useLiveQuery({ query: async () => ((await db.meta.get('settings'))?.value as { taxonomy?: Taxonomy } | undefined)?.taxonomy ?? null, initial: null as Taxonomy | null })
  return computed<Taxonomy>(() => (Array.isArray(data.value?.categories) && Array.isArray(data.value?.causes) ? data.value : DEFAULT_TAXONOMY))
}
