import { useI18n } from 'vue-i18n'
import { LOCALES } from './index'
import type { Locale } from './index'

/**
 * A lazily loaded page's own messages (the console's, the enrolment and lock screens'), merged into the app's when
 * the page is set up: they travel in the page's chunk, never in the first screen's. Merging again changes nothing.
 */
export function useMergedMessages(messages: Record<Locale, Record<string, unknown>>): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const locale of LOCALES) mergeLocaleMessage(locale, messages[locale])
}
