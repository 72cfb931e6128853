import { ref, watch } from 'vue'
import { useSettingsStore } from '@/ui/stores/useSettingsStore'
import type { Ref } from 'vue'
import type { MetaKey } from '@/db/meta'
import type { SmsTemplate } from '@/domain'
import type { SavedSmsTemplates } from '@/domain/complaint/smsCompose'
import { mergeSmsTemplates, withSavedTemplates } from '@/domain/complaint/smsCompose'
import { useDatabase } from '@/ui/services/database'

/** Where the manager's edited SMS templates are kept on the tablet (IndexedDB `meta`), per language. */
export const SMS_TEMPLATES_KEY = 'smsTemplates' satisfies MetaKey

/**
 * The SMS templates in the manager's language: the built-in ones, the bank's wording from the centre over them, and
 * the manager's own saved edits over that.
 */
export function useSmsTemplates(locale: Ref<string>) {
  const db = useDatabase()
  const settings = useSettingsStore()
  const templates = ref<SmsTemplate[]>(mergeSmsTemplates(null, locale.value, settings.sms))

  async function load(): Promise<void> {
    const saved = await db.getMeta(SMS_TEMPLATES_KEY)
    templates.value = mergeSmsTemplates(saved, locale.value, settings.sms)
  }

  /** Saves this language's templates (only the ones that differ from the built-in text are kept). */
  async function save(next: SmsTemplate[]): Promise<void> {
    const lang = locale.value
    await db.transaction('rw', db.meta, async () => {
      const saved = await db.getMeta(SMS_TEMPLATES_KEY)
      // Plain copies: IndexedDB cannot store Vue's reactive proxies.
      await db.putMeta(
        SMS_TEMPLATES_KEY,
        JSON.parse(JSON.stringify(withSavedTemplates(saved, lang, next, settings.sms))) as SavedSmsTemplates,
      )
    })
    await load()
  }

  watch([locale, () => settings.sms], () => void load(), { immediate: true })
  return { templates, load, save }
}
