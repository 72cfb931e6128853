import { decide, fromChinaLocalInput, newId, RECEIPT_FUTURE_TOLERANCE_MS, toChinaLocalInput } from '@/domain'
import type { ComplaintKind, Dimension, IntakeChannel, PayloadInput } from '@/domain'

export interface IntakeForm {
  /**
   * Made when the form opens and kept with its draft: saving the same form twice (a double tap, a retry) names the
   * same complaint and event, and the write path refuses the second.
   */
  complaintId: string
  eventId: string
  name: string
  phone: string
  consentSms: boolean
  consentPhone: boolean
  channel: IntakeChannel
  kind: ComplaintKind
  description: string
  demand: string
  customerPresent: boolean
  /** China wall-clock time, `YYYY-MM-DDTHH:mm`. */
  receivedAt: string
  /** JR/T 0169-2018 codes, '' where not chosen. */
  codes: Record<Dimension, string>
  isGroup: boolean
  /** A number input gives a number, an emptied one a string. */
  groupSize: string | number
  representatives: string
  recordingRef: string
}

export type IntakeField = keyof IntakeForm
/** Field → i18n key under `errors.` */
export type IntakeErrors = Partial<Record<IntakeField, string>>

/** A clock a few minutes fast on another device must not make "now" unsavable. */
const FUTURE_TOLERANCE_MS = RECEIPT_FUTURE_TOLERANCE_MS

export function emptyIntake(now: Date): IntakeForm {
  return {
    complaintId: newId(),
    eventId: newId(),
    name: '',
    phone: '',
    consentSms: false,
    consentPhone: false,
    channel: 'inPerson',
    kind: 'complaint',
    description: '',
    demand: '',
    customerPresent: true,
    receivedAt: toChinaLocalInput(now),
    codes: { A: '', B: '', C: '' },
    isGroup: false,
    groupSize: '',
    representatives: '',
    recordingRef: '',
  }
}

export function toRecordedPayload(form: IntakeForm): PayloadInput<'complaint.recorded'> {
  const phone = form.phone.trim()
  const demand = form.demand.trim()
  const recordingRef = form.recordingRef.trim()
  const representatives = form.representatives
    .split(/[,，、\n]/)
    .map((r) => r.trim())
    .filter(Boolean)
  return {
    customer: {
      name: form.name,
      ...(phone ? { phone } : {}),
      consentSms: form.consentSms,
      consentPhone: form.consentPhone,
    },
    channel: form.channel,
    kind: form.kind,
    description: form.description,
    ...(demand ? { demand } : {}),
    customerPresent: form.customerPresent,
    // Always present, even empty: a complaint recorded with codes is never read through the upgrade mapping.
    codes: Object.fromEntries(Object.entries(form.codes).filter(([, c]) => c)),
    ...(form.isGroup ? { group: { size: Number(String(form.groupSize).trim() || NaN), representatives } } : {}),
    ...(recordingRef ? { recordingRef } : {}),
    receivedAt: fromChinaLocalInput(form.receivedAt) ?? form.receivedAt,
  }
}

const PATH_TO_FIELD: Record<string, IntakeField> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  description: 'description',
  demand: 'demand',
  receivedAt: 'receivedAt',
  channel: 'channel',
  kind: 'kind',
  'group.size': 'groupSize',
  'group.representatives': 'representatives',
  recordingRef: 'recordingRef',
}

/** The same rules the write path enforces, plus the ones that need the current time. */
export function validateIntake(form: IntakeForm, now: Date): IntakeErrors {
  const errors: IntakeErrors = {}
  const decision = decide(null, { type: 'complaint.recorded', payload: toRecordedPayload(form) })
  if (!decision.ok && 'issues' in decision) {
    for (const issue of decision.issues) {
      const field = PATH_TO_FIELD[issue.path]
      if (field && !errors[field]) errors[field] = issue.message
    }
  }
  const received = fromChinaLocalInput(form.receivedAt)
  if (!received) errors.receivedAt = 'invalidDateTime'
  else if (Date.parse(received) > now.getTime() + FUTURE_TOLERANCE_MS) errors.receivedAt = 'receivedInFuture'
  return errors
}
