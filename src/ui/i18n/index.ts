import { createI18n } from 'vue-i18n'
import { authMessages } from '@/ui/auth/messages'
import { pwaMessages } from '@/ui/pwa/messages'
import en from './locales/en'
import zhCN from './locales/zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const LOCALE_KEY = 'complaint-desk.locale'

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY)
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN'
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': { ...zhCN, ...pwaMessages['zh-CN'], ...authMessages['zh-CN'] },
      en: { ...en, ...pwaMessages.en, ...authMessages.en },
    },
  })
}

/** What loading messages needs of the app's i18n (whatever its message types). */
export interface MessageTarget {
  global: { mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void }
}

const merged = new WeakSet<MessageTarget>()

/** Adds the messages of the pages beyond the book (see featureMessages.ts); the router awaits it before them. */
export async function loadFeatureMessages(i18n: MessageTarget): Promise<void> {
  if (merged.has(i18n)) return
  const { featureMessages } = await import('./featureMessages')
  for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, featureMessages[locale])
  merged.add(i18n)
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}
