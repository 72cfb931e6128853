import { createI18n } from 'vue-i18n'
import type { Ref } from 'vue'
import { authMessages } from '@/ui/auth/messages'
import { pwaMessages } from '@/ui/pwa/messages'
import { reminderMessages } from '@/ui/reminders/messages'
import zhCN from './locales/zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const LOCALE_KEY = 'complaint-desk.locale'

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY)
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN'
}

/**
 * The app's i18n with the Chinese of the first screen; English comes with `useLocale` (before mounting when the saved
 * locale is English), so a Chinese tablet's first screen does not carry it.
 */
export function createAppI18n(locale: Locale = 'zh-CN') {
  const firstScreen = { ...zhCN, ...pwaMessages, ...authMessages, ...reminderMessages }
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': firstScreen, en: {} } as Record<Locale, typeof firstScreen>,
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

const withEnglish = new WeakSet<MessageTarget>()

/** Makes sure the first screen's messages of `locale` are there (English is loaded once, on first use). */
export async function loadLocale(i18n: MessageTarget, locale: Locale): Promise<void> {
  if (locale !== 'en' || withEnglish.has(i18n)) return
  const { firstScreenEn } = await import('./enMessages')
  i18n.global.mergeLocaleMessage('en', firstScreenEn)
  withEnglish.add(i18n)
}

/** Switches the screen's language (loading it first if needed) and remembers the choice on this tablet. */
export async function switchLocale(i18n: MessageTarget, current: Ref<string>, next: Locale): Promise<void> {
  await loadLocale(i18n, next)
  current.value = next
  globalThis.localStorage?.setItem(LOCALE_KEY, next)
  document.documentElement.lang = next
}
