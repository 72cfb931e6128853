import { fromChinaLocalInput, toChinaLocalInput } from '../chinaTime'
import { isValidPhone, normalizePhone } from '../phone'
import type { ComplaintState } from './state'
import { CHANNELS, KINDS } from './vocabulary'
import type { CorrectableField } from './vocabulary'

/** How a correctable field is entered on the tablet. */
export type CorrectionInputKind =
  'text' | 'textarea' | 'phone' | 'yesNo' | 'channel' | 'kind' | 'category' | 'cause' | 'number' | 'datetime' | 'code'

export const CORRECTION_INPUT: Record<CorrectableField, CorrectionInputKind> = {
  'customer.name': 'text',
  'customer.phone': 'phone',
  'customer.consentSms': 'yesNo',
  'customer.consentPhone': 'yesNo',
  channel: 'channel',
  kind: 'kind',
  category: 'category',
  cause: 'cause',
  description: 'textarea',
  demand: 'textarea',
  customerPresent: 'yesNo',
  groupSize: 'number',
  recordingRef: 'text',
  receivedAt: 'datetime',
  'codes.A': 'code',
  'codes.B': 'code',
  'codes.C': 'code',
}

/** The field's current value as the form shows it (booleans 'true'/'false', times China wall clock). */
export function correctionText(s: ComplaintState, field: CorrectableField): string {
  switch (field) {
    case 'customer.name':
      return s.customer.name
    case 'customer.phone':
      return s.customer.phone ?? ''
    case 'customer.consentSms':
      return String(s.customer.consentSms)
    case 'customer.consentPhone':
      return String(s.customer.consentPhone)
    case 'channel':
      return s.channel
    case 'kind':
      return s.kind
    case 'category':
      return s.category ?? ''
    case 'cause':
      return s.cause ?? ''
    case 'description':
      return s.description
    case 'demand':
      return s.demand ?? ''
    case 'customerPresent':
      return String(s.customerPresent)
    case 'groupSize':
      return s.group ? String(s.group.size) : ''
    case 'recordingRef':
      return s.recordingRef ?? ''
    case 'receivedAt':
      return toChinaLocalInput(new Date(s.receivedAt))
    case 'codes.A':
      return s.codes.A ?? ''
    case 'codes.B':
      return s.codes.B ?? ''
    case 'codes.C':
      return s.codes.C ?? ''
  }
}

/** The value a `field.corrected` event carries for what was entered; an empty optional field becomes null. */
export function correctionValue(field: CorrectableField, text: string): string | number | boolean | null {
  const t = text.trim()
  switch (CORRECTION_INPUT[field]) {
    case 'yesNo':
      return t === 'true'
    case 'number':
      return t ? Number(t) : null
    case 'datetime':
      return fromChinaLocalInput(t) ?? t
    case 'phone':
      return t ? normalizePhone(t) : null
    default:
      return t || null
  }
}

/** Error codes (i18n `errors.*`) for an entered correction, before the write path sees it; null when it is fine. */
export function correctionProblem(s: ComplaintState, field: CorrectableField, text: string, now: Date): string | null {
  const t = text.trim()
  const kind = CORRECTION_INPUT[field]
  const requiredFields: CorrectableField[] = [
    'customer.name',
    'description',
    'channel',
    'kind',
    'receivedAt',
    'customer.consentSms',
    'customer.consentPhone',
    'customerPresent',
  ]
  if (!t && requiredFields.includes(field)) return 'required'
  if (t === correctionText(s, field).trim()) return 'unchanged'
  if (kind === 'phone' && t && !isValidPhone(t)) return 'invalidPhone'
  if (kind === 'number' && t) {
    const n = Number(t)
    if (!Number.isInteger(n) || n > 10_000) return 'invalidNumber'
    if (n < 2) return 'groupTooSmall'
  }
  if (kind === 'datetime') {
    const iso = fromChinaLocalInput(t)
    if (!iso) return 'invalidDateTime'
    if (Date.parse(iso) > now.getTime()) return 'receivedInFuture'
  }
  if (kind === 'channel' && !(CHANNELS as readonly string[]).includes(t)) return 'invalid'
  if (kind === 'kind' && !(KINDS as readonly string[]).includes(t)) return 'invalid'
  return null
}
