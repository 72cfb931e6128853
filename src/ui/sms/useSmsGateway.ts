import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/**
 * Whether an SMS told from this tablet is sent by the centre (and proven by its delivery receipt) or, with no gateway,
 * sent by hand through the `sms:` link and only declared. Known from the last pull, so it holds offline too.
 */
export function useSmsGateway() {
  const db = useDatabase()
  return useLiveQuery({ query: async () => (await db.getMeta('smsGateway')) === true, initial: false }).data
}
