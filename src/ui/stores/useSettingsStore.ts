import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { StoredSettings } from '@/db/metaValues'
import { resolveSettings } from '@/domain'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/** The centre's calendar overrides, deadline policy, taxonomy and SMS wording, as last synced (built-in defaults before). */
export const useSettingsStore = defineStore('settings', () => {
  const db = useDatabase()
  const { data: raw } = useLiveQuery({
    query: async () => (await db.getMeta('settings')) ?? null,
    initial: null as StoredSettings | null,
  })
  const resolved = computed(() => resolveSettings(raw.value))
  return {
    calendar: computed(() => resolved.value.calendar),
    policy: computed(() => resolved.value.policy),
    taxonomy: computed(() => resolved.value.taxonomy),
    sms: computed(() => resolved.value.sms),
  }
})
