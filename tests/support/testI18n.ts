import { adminMessages } from '@/ui/admin/messages'
import { setupMessages } from '@/ui/auth/setupMessages'
import { createAppI18n } from '@/ui/i18n'
import type { Locale } from '@/ui/i18n'
import { firstScreenEn } from '@/ui/i18n/enMessages'
import { featureMessages } from '@/ui/i18n/featureMessages'

/** The app's i18n with every page's messages, as the app has them once the router and the pages have loaded them. */
export function createTestI18n(locale: Locale = 'zh-CN') {
  const i18n = createAppI18n(locale)
  i18n.global.mergeLocaleMessage('en', firstScreenEn)
  for (const l of ['zh-CN', 'en'] as const) {
    for (const messages of [featureMessages, adminMessages, setupMessages])
      i18n.global.mergeLocaleMessage(l, messages[l])
  }
  return i18n
}
