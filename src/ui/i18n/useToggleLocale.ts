import { useI18n } from 'vue-i18n'
import { switchLocale } from './index'

/** 中文 or English, from the header or the script's screen: loads the other language's words first if needed. */
export function useToggleLocale() {
  const composer = useI18n()
  return () => switchLocale({ global: composer }, composer.locale, composer.locale.value === 'zh-CN' ? 'en' : 'zh-CN')
}
