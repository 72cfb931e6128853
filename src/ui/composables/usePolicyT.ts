import { useI18n } from 'vue-i18n'
import { useSettingsStore } from '@/ui/stores/useSettingsStore'
import { policyValues } from './policyValues'

/**
 * `t` with the deadline policy's numbers as named values: the process's hints and refusals state the limits
 * ({regulatoryExtendedDays}, {extensionCapDays}, {reviewWindowDays}, …) as the centre's policy sets them.
 */
export function usePolicyT(): (key: string, params?: Record<string, unknown>) => string {
  const { t } = useI18n()
  const settings = useSettingsStore()
  return (key, params = {}) => t(key, { ...policyValues(settings.policy), ...params })
}
