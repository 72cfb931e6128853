import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CHANNELS,
  CONTACT_PURPOSES,
  CORRECTABLE_FIELDS,
  DEFAULT_POLICY,
  EVENT_TYPES,
  KINDS,
  OPINIONS,
  REFUSALS,
  REJECT_REASONS,
  REMEDIES,
  SCHEDULE_PROBLEM_CODES,
  SETTINGS_KEYS,
  SMS_TEMPLATE_IDS,
  STAFF_FIELD_PROBLEMS,
  STAFF_ROLES,
  STATUSES,
  VERDICTS,
} from '@/domain'
import { createTestI18n } from '../support/testI18n'
import { createAppI18n, loadFeatureMessages, loadLocale } from '@/ui/i18n'

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
    ...REJECT_REASONS.map((r) => `sync.reasons.${r}`),
    'errors.invalidCharacters',
    'errors.dateOutOfRange',
    'errors.clockOutOfRange',
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

  it('in English only once an English screen asks for it; Chinese tablets never load it', async () => {
    const i18n = createAppI18n('zh-CN')
    expect(i18n.global.te('book.title', 'en')).toBe(false)
    await loadLocale(i18n, 'en')
    expect(i18n.global.te('book.title', 'en')).toBe(true)
    expect(i18n.global.t('auth.lock', {}, { locale: 'en' })).not.toBe(
      i18n.global.t('auth.lock', {}, { locale: 'zh-CN' }),
    )
  })
})

/** Every action the centre writes to the audit log. */
const AUDIT_ACTIONS = [
  'staff.create',
  'staff.update',
  'staff.disable',
  'staff.enable',
  'staff.resetPassword',
  'branch.create',
  'branch.update',
  'device.enrolmentCode',
  'device.enrol',
  'device.revoke',
  'device.confirm',
  'device.wipe_acknowledged',
  ...SETTINGS_KEYS.map((k) => `settings.${k}`),
]

describe.each(['zh-CN', 'en'] as const)('the console’s %s messages', (locale) => {
  const { global } = createTestI18n(locale)
  const keys = [
    ...STAFF_ROLES.map((r) => `admin.roles.${r}`),
    // From the domain's own lists: a problem added there without words here fails this test.
    ...SCHEDULE_PROBLEM_CODES.map((c) => `admin.errors.${c}`),
    ...STAFF_FIELD_PROBLEMS.map((c) => `admin.errors.${c}`),
    ...['username', 'branchCode', 'unknownPlaceholder'].map((c) => `admin.errors.${c}`),
    ...['username_taken', 'code_taken', 'last_admin', 'wipe_unsupported'].map((c) => `admin.errors.${c}`),
    ...['firstResponse', 'handling', 'reply', 'regulatory', 'extensionCap'].map((c) => `admin.preview.clocks.${c}`),
    ...Object.keys(DEFAULT_POLICY).map((k) => `admin.settings.fields.policy.${k}`),
    ...SMS_TEMPLATE_IDS.map((id) => `admin.settings.sms.names.${id}`),
    ...AUDIT_ACTIONS.map((a) => `admin.audit.actions.${a}`),
    'auth.inactive',
    'auth.badCode',
    'desk.enrolCode.hint',
  ]
  it.each(keys)('has %s', (key) => {
    expect(global.te(key, locale)).toBe(true)
  })
})

/** Every key a screen names literally, `t('a.b')` in a .vue or .ts file under src/ui: a missing one shows its raw key. */
function literalKeys(): string[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../src/ui')
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(vue|ts)$/.test(f))
  const keys = new Set<string>()
  for (const f of files) {
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g))
      keys.add(m[1]!)
  }
  return [...keys].sort()
}

describe.each(['zh-CN', 'en'] as const)('every key the screens name, in %s', (locale) => {
  const { global } = createTestI18n(locale)
  it.each(literalKeys())('has %s', (key) => {
    expect(global.te(key, locale)).toBe(true)
  })
})
