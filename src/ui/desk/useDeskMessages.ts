import { useI18n } from 'vue-i18n'
import { deskMessages } from './messages'

/** Adds the desk's and the reports' messages to the app's the first time one of their pages is shown. */
export function useDeskMessages(): void {
  const { mergeLocaleMessage, getLocaleMessage } = useI18n({ useScope: 'global' })
  for (const locale of ['zh-CN', 'en'] as const) {
    if (!('desk' in getLocaleMessage(locale))) mergeLocaleMessage(locale, deskMessages[locale])
  }
}
