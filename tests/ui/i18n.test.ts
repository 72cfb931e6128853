import { describe, expect, it } from 'vitest'
import { CHANNELS, CONTACT_PURPOSES, CORRECTABLE_FIELDS, EVENT_TYPES, KINDS, OPINIONS, REFUSALS, REMEDIES, STATUSES, VERDICTS } from '@/domain'
import { createTestI18n } from '../support/testI18n'
import { createAppI18n, loadFeatureMessages } from '@/ui/i18n'

describe.each(['zh-CN', 'en'] as const)('%s messages', (locale) => {
  const { global } = createTestI18n(locale)
  const keys = [
    ...EVENT_TYPES.map((t) => `timeline.types.${t}`),
    ...STATUSES.map((s) => `status.${s}`),
    ...CHANNELS.map((c) => `channel.${c}`),
    ...KINDS.map((k) => `kind.${k}`),
    ...REFUSALS.map((r) => `refusals.${r}`),
    ...EVENT_TYPES.map((t) => `process.actions.${t}`),
    ...CORRECTABLE_FIELDS.map((f) => `process.options.field.${f}`),
    ...VERDICTS.map((v) => `process.options.verdict.${v}`),
    ...OPINIONS.map((v) => `process.options.opinion.${v}`),
    ...CONTACT_PURPOSES.map((v) => `process.options.purpose.${v}`),
    ...REMEDIES.map((v) => `process.options.remedies.${v}`),
  ]
  it.each(keys)('has %s', (key) => {
    expect(global.te(key, locale)).toBe(true)
  })
})

describe('messages of the pages beyond the book', () => {
  it('are not in the first screen’s messages and are added on demand', async () => {
    const i18n = createAppI18n('zh-CN')
    expect(i18n.global.te('process.title')).toBe(false)
    await loadFeatureMessages(i18n)
    expect(i18n.global.t('process.title')).toBe('处理流程')
    expect(i18n.global.t('desk.title', {}, { locale: 'en' })).toBe("Supervisor's desk")
  })
})
