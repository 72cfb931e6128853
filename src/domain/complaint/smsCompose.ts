import { chinaDate } from '../chinaTime'
import { DEFAULT_SMS_TEMPLATES, fillTemplate } from './smsTemplates'
import type { SmsTemplate } from './smsTemplates'
import type { ComplaintState } from './state'

/** The placeholders a template may use, in the order the template editor explains them. */
export const SMS_PLACEHOLDERS = ['name', 'date', 'result', 'due', 'findings', 'decision', 'basis', 'reviewBy'] as const
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number]

export type SmsLocale = keyof typeof DEFAULT_SMS_TEMPLATES
/** The manager's edited templates as kept on the tablet (IndexedDB `meta`, key `smsTemplates`), per language. */
export type SavedSmsTemplates = Partial<Record<SmsLocale, SmsTemplate[]>>

export const smsLocale = (locale: string): SmsLocale => (locale === 'en' ? 'en' : 'zh-CN')

/** `templates` (built-in ones) with this language's entries of `over` laid over them (unknown or empty entries ignored). */
function layer(templates: SmsTemplate[], over: unknown, lang: SmsLocale): SmsTemplate[] {
  const list = over && typeof over === 'object' ? (over as Record<string, unknown>)[lang] : undefined
  const edits = Array.isArray(list) ? (list as Partial<SmsTemplate>[]) : []
  return templates.map((d) => {
    const edit = edits.find((e) => e && e.id === d.id && typeof e.text === 'string' && e.text.trim())
    return edit ? { id: d.id, text: edit.text! } : d
  })
}

/** The bank's wording in this language: the built-in templates with the centre's (set in the console) over them. */
export function bankSmsTemplates(central: unknown, locale: string): SmsTemplate[] {
  const lang = smsLocale(locale)
  return layer(DEFAULT_SMS_TEMPLATES[lang], central, lang)
}

/** The bank's templates with the manager's own saved edits laid over them. */
export function mergeSmsTemplates(saved: unknown, locale: string, central?: unknown): SmsTemplate[] {
  return layer(bankSmsTemplates(central, locale), saved, smsLocale(locale))
}

/** `saved` with this language's templates replaced; entries equal to the bank's text are not stored. */
export function withSavedTemplates(
  saved: unknown,
  locale: string,
  templates: SmsTemplate[],
  central?: unknown,
): SavedSmsTemplates {
  const lang = smsLocale(locale)
  const base = saved && typeof saved === 'object' ? { ...(saved as SavedSmsTemplates) } : {}
  const defaults = bankSmsTemplates(central, locale)
  const changed = templates
    .filter((t) => t.text.trim() && t.text !== defaults.find((d) => d.id === t.id)?.text)
    .map((t) => ({ id: t.id, text: t.text }))
  return { ...base, [lang]: changed }
}

/** A date as a customer reads it in an SMS: 2026年3月2日 in Chinese, 2026-03-02 otherwise. */
export function smsDate(isoDate: string, locale: string): string {
  if (smsLocale(locale) !== 'zh-CN') return isoDate
  const [y, m, d] = isoDate.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/**
 * The words of the form the message is sent from: a decision notice's findings, decision, basis and the last day a
 * review may be asked for (`reviewBy`, a China date); an extension's reason and new date, before it is recorded.
 */
export type NoticeValues = Partial<
  Record<'findings' | 'decision' | 'basis' | 'reviewBy' | 'extensionReason' | 'newDueDate', string>
>

/** What the placeholders stand for on this complaint; a placeholder with nothing to say is left out (and stays visible). */
export function smsValues(
  s: ComplaintState,
  templateId: SmsTemplate['id'],
  locale: string,
  notice: NoticeValues = {},
): Partial<Record<SmsPlaceholder, string>> {
  const lastExtension = s.extensions.at(-1)
  const words = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)
  const due = words(notice.newDueDate) ?? lastExtension?.newDueDate ?? s.plan?.promisedDate
  const outcome = s.resolution?.summary ?? s.escalations.findLast((e) => e.plan)?.plan?.text ?? s.plan?.plan
  return {
    name: s.customer.name,
    date: smsDate(chinaDate(s.receivedAt), locale),
    due: due ? smsDate(due, locale) : undefined,
    result: templateId === 'extensionNotice' ? (words(notice.extensionReason) ?? lastExtension?.reason) : outcome,
    findings: words(notice.findings),
    decision: words(notice.decision),
    basis: words(notice.basis),
    reviewBy: notice.reviewBy ? smsDate(notice.reviewBy, locale) : undefined,
  }
}

/** The template's text filled in for this complaint (and, for a decision notice, its form's words). */
export function composeSms(
  s: ComplaintState,
  template: SmsTemplate,
  locale: string,
  notice: NoticeValues = {},
): string {
  return fillTemplate(template.text, smsValues(s, template.id, locale, notice))
}

/** Placeholders still in a text (`{result}` …): a message to a customer must not go out with them. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => `{${m[1]}}`))]
}
