import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'

/** The meta row the sync engine keeps from each pull: whether the centre sends SMS through the bank's gateway. */
export const SMS_GATEWAY_KEY = 'smsGateway'

/**
 * Whether an SMS told from this tablet is sent by the centre (and proven by its delivery receipt) or, with no gateway,
 * sent by hand through the `sms:` link and only declared. Known from the last pull, so it holds offline too.
 */
export function useSmsGateway() {
  const db = useDatabase()
  return useLiveQuery({ query: async () => (await db.meta.get(SMS_GATEWAY_KEY))?.value === true, initial: false }).data
}
