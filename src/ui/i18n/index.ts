import { createI18n } from 'vue-i18n'
import { authMessages } from '@/ui/auth/messages'
import { clockMessages } from '@/ui/clocks/messages'
import { processMessages } from '@/ui/process/messages'
import { pwaMessages } from '@/ui/pwa/messages'
import { scriptMessages } from '@/ui/script/messages'
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
      'zh-CN': { ...zhCN, ...pwaMessages['zh-CN'], ...scriptMessages['zh-CN'], ...processMessages['zh-CN'], ...clockMessages['zh-CN'], ...authMessages['zh-CN'] },
      en: { ...en, ...pwaMessages.en, ...scriptMessages.en, ...processMessages.en, ...clockMessages.en, ...authMessages.en },
    },
  })
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}
