import {
  approvedExtensionToRecord, pendingExtensionRequest, CONTACT_CHANNELS, CONTACT_PURPOSES, CORRECTABLE_FIELDS, fromChinaLocalInput, OPINIONS, toChinaLocalInput, VERDICTS,
} from '@/domain'
import type { ComplaintState, EventDraft, EventType, StaffRef } from '@/domain'
import { correctionProblem, correctionText, correctionValue } from '@/domain/complaint/correctionInput'
import { unfilledPlaceholders } from '@/domain/complaint/smsCompose'
import type { CorrectableField } from '@/domain'

/**
 * One input of an action's form. Labels are i18n keys `process.fields.<label ?? name>`; a choice's options are
 * labelled `<optionLabels>.<value>` (default `process.options.<name>`). A `person` is a name typed or picked from
 * the people the tablet knows; `correction` is the value of a `field.corrected`, whose input depends on the field.
 */
export interface FieldSpec {
  name: string
  kind: 'text' | 'textarea' | 'date' | 'datetime' | 'choice' | 'person' | 'correction'
  label?: string
  options?: readonly string[]
  optionLabels?: string
  required?: boolean
  initial?: (c: ComplaintState, now: Date) => string
}

/** A problem with what was entered: an i18n key and its parameters. */
export interface Problem {
  key: string
  params?: Record<string, string>
}

/** What a form knows besides its values: the time, the extension limits, and who the people named are. */
export interface ActionContext {
  now: Date
  /** China calendar date of `now`. */
  today: string
  limits: { cap: string; regulatoryWithoutApproval: string }
  staff: (name: string) => StaffRef
  /** Who is using the tablet: a supervisor's decision is made in their own name. */
  user?: StaffRef & { role: StaffRole }
}

export type StaffRole = 'manager' | 'supervisor' | 'admin'
export const SUPERVISOR_ROLES: readonly StaffRole[] = ['supervisor', 'admin']

export type ActionGroup = 'handle' | 'time' | 'finish' | 'record'

/** A process action: its form, when it is offered, extra checks, and the one event it writes. Titles: `process.actions.<type>`. */
export interface ActionSpec {
  type: EventType
  group: ActionGroup
  fields: FieldSpec[]
  offered: (c: ComplaintState) => boolean
  /** Offered only to these roles (a supervisor's decision); to everyone when absent. */
  roles?: readonly StaffRole[]
  /** Problems beyond required fields, by field name. */
  check?: (v: Record<string, string>, c: ComplaintState, ctx: ActionContext) => Record<string, Problem | undefined>
  toDraft: (v: Record<string, string>, c: ComplaintState, ctx: ActionContext) => EventDraft
}

const open = (c: ComplaintState) => c.status !== 'closed' && c.status !== 'withdrawn'
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined)
const now = (_c: ComplaintState, d: Date) => toChinaLocalInput(d)
const instant = (v: string) => fromChinaLocalInput(v) ?? v
/** A tablet clock a few minutes behind the manager's watch is not "the future". */
const SLACK_MS = 5 * 60_000

/** A new reply date: after today, within the 45-working-day cap. */
function extensionDateProblem(date: string | undefined, ctx: ActionContext): Problem | undefined {
  if (!date) return undefined
  if (date <= ctx.today) return { key: 'process.problems.dateNotFuture' }
  if (date > ctx.limits.cap) return { key: 'process.extensionPastCap', params: { cap: ctx.limits.cap } }
  return undefined
}

function notFuture(value: string | undefined, ctx: ActionContext): Problem | undefined {
  if (!value) return undefined
  const iso = fromChinaLocalInput(value)
  if (!iso) return { key: 'errors.invalidDateTime' }
  return Date.parse(iso) > ctx.now.getTime() + SLACK_MS ? { key: 'process.problems.notFuture' } : undefined
}

export const ACTIONS: ActionSpec[] = [
  {
    type: 'complaint.acknowledged',
    group: 'handle',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: (c) => c.status === 'new',
    toDraft: (v) => ({ type: 'complaint.acknowledged', payload: { note: opt(v.note) } }),
  },
  {
    type: 'validity.judged',
    group: 'handle',
    fields: [
      { name: 'verdict', kind: 'choice', options: VERDICTS, required: true, initial: (c) => c.validity?.verdict ?? (c.kind === 'suggestion' ? 'suggestion' : 'valid') },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    offered: open,
    toDraft: (v) => ({ type: 'validity.judged', payload: { verdict: v.verdict as (typeof VERDICTS)[number], reason: v.reason! } }),
  },
  {
    type: 'plan.proposed',
    group: 'handle',
    fields: [
      { name: 'cause', kind: 'textarea', required: true, initial: (c) => c.plan?.cause ?? c.script.rootCause ?? '' },
      { name: 'plan', kind: 'textarea', required: true, initial: (c) => c.plan?.plan ?? c.script.plan ?? '' },
      { name: 'responsible', kind: 'person', required: true, initial: (c) => c.plan?.responsible.staffName ?? c.owner.staffName },
      { name: 'promisedDate', kind: 'date', initial: (c) => c.plan?.promisedDate ?? c.script.promisedDate ?? '' },
    ],
    offered: open,
    toDraft: (v, _c, ctx) => ({
      type: 'plan.proposed',
      payload: { cause: v.cause!, plan: v.plan!, responsible: ctx.staff(v.responsible!), promisedDate: opt(v.promisedDate) },
    }),
  },
  {
    type: 'customer.contacted',
    group: 'handle',
    fields: [
      {
        name: 'channel', kind: 'choice', options: CONTACT_CHANNELS, optionLabels: 'contactChannel', required: true,
        initial: (c) => (c.customerPresent && c.status === 'new' ? 'inPerson' : c.customer.consentSms ? 'sms' : c.customer.consentPhone ? 'phone' : 'inPerson'),
      },
      { name: 'purpose', kind: 'choice', options: CONTACT_PURPOSES, required: true, initial: (c) => (c.status === 'closed' ? 'followUp' : c.contacts.some((x) => x.purpose === 'reply') ? 'progress' : 'reply') },
      { name: 'content', kind: 'textarea', required: true },
      { name: 'contactedAt', kind: 'datetime', required: true, initial: now },
    ],
    offered: () => true,
    check: (v, _c, ctx) => {
      const blanks = unfilledPlaceholders(v.content ?? '')
      return {
        content: blanks.length ? { key: 'process.problems.placeholders', params: { list: blanks.join(' ') } } : undefined,
        contactedAt: notFuture(v.contactedAt, ctx),
      }
    },
    toDraft: (v) => ({
      type: 'customer.contacted',
      payload: {
        channel: v.channel as (typeof CONTACT_CHANNELS)[number], purpose: v.purpose as (typeof CONTACT_PURPOSES)[number],
        content: v.content!, contactedAt: instant(v.contactedAt!),
      },
    }),
  },
  {
    type: 'owner.handedOff',
    group: 'handle',
    fields: [{ name: 'toName', kind: 'person', required: true }, { name: 'reason', kind: 'textarea', required: true }],
    offered: open,
    check: (v, c) => ({
      toName: v.toName?.trim() && v.toName.trim() === c.owner.staffName ? { key: 'process.problems.sameOwner', params: { name: c.owner.staffName } } : undefined,
    }),
    toDraft: (v, _c, ctx) => ({ type: 'owner.handedOff', payload: { to: ctx.staff(v.toName!), reason: v.reason! } }),
  },
  {
    type: 'complaint.escalated',
    group: 'handle',
    fields: [{ name: 'reason', kind: 'textarea', required: true }, { name: 'supervisorName', kind: 'person', label: 'supervisorNameOptional' }],
    offered: (c) => open(c) && c.status !== 'escalated',
    toDraft: (v, _c, ctx) => ({ type: 'complaint.escalated', payload: { reason: v.reason!, supervisor: opt(v.supervisorName) ? ctx.staff(v.supervisorName!) : undefined } }),
  },
  {
    type: 'supervisor.planRecorded',
    group: 'handle',
    fields: [
      { name: 'plan', kind: 'textarea', required: true },
      { name: 'supervisorName', kind: 'person', required: true, initial: (c) => c.escalations.at(-1)?.supervisor?.staffName ?? '' },
    ],
    offered: (c) => c.escalations.some((e) => !e.plan),
    toDraft: (v, _c, ctx) => ({ type: 'supervisor.planRecorded', payload: { plan: v.plan!, supervisor: ctx.staff(v.supervisorName!) } }),
  },
  {
    type: 'extension.decided',
    group: 'handle',
    roles: SUPERVISOR_ROLES,
    fields: [
      { name: 'approved', kind: 'choice', options: ['true', 'false'], optionLabels: 'process.options.approved', required: true, initial: () => 'true' },
      { name: 'comment', kind: 'textarea', required: true },
    ],
    offered: (c) => open(c) && !!pendingExtensionRequest(c),
    toDraft: (v, c, ctx) => ({
      type: 'extension.decided',
      payload: {
        requestId: pendingExtensionRequest(c)!.eventId, approved: v.approved === 'true', comment: v.comment!,
        // Offered to supervisors only, so the tablet's user is the one deciding.
        supervisor: { staffId: ctx.user!.staffId, staffName: ctx.user!.staffName },
      },
    }),
  },
  {
    type: 'extension.requested',
    group: 'time',
    fields: [{ name: 'reason', kind: 'textarea', required: true }, { name: 'newDueDate', kind: 'date', required: true }],
    offered: (c) => open(c) && !pendingExtensionRequest(c),
    check: (v, _c, ctx) => ({ newDueDate: extensionDateProblem(v.newDueDate, ctx) }),
    toDraft: (v) => ({ type: 'extension.requested', payload: { reason: v.reason!, newDueDate: v.newDueDate! } }),
  },
  {
    type: 'complaint.extended',
    group: 'time',
    fields: [
      // An approved request fills the form: the manager only records how and when the customer was told.
      { name: 'reason', kind: 'textarea', required: true, initial: (c) => approvedExtensionToRecord(c)?.reason ?? '' },
      { name: 'newDueDate', kind: 'date', required: true, initial: (c) => approvedExtensionToRecord(c)?.newDueDate ?? '' },
      {
        name: 'noticeChannel', kind: 'choice', options: CONTACT_CHANNELS, optionLabels: 'contactChannel', required: true,
        initial: (c) => (c.customer.consentSms ? 'sms' : c.customer.consentPhone ? 'phone' : 'inPerson'),
      },
      { name: 'noticeAt', kind: 'datetime', required: true, initial: now },
      { name: 'approvedBy', kind: 'person', initial: (c) => approvedExtensionToRecord(c)?.decision?.supervisor.staffName ?? '' },
    ],
    offered: open,
    check: (v, _c, ctx) => {
      const out: Record<string, Problem | undefined> = { noticeAt: notFuture(v.noticeAt, ctx) }
      const date = v.newDueDate
      if (!date) return out
      out.newDueDate = extensionDateProblem(date, ctx)
      if (!out.newDueDate && date > ctx.limits.regulatoryWithoutApproval && !v.approvedBy?.trim()) {
        out.approvedBy = { key: 'process.extensionNeedsApproval', params: { regulatory: ctx.limits.regulatoryWithoutApproval } }
      }
      return out
    },
    toDraft: (v, _c, ctx) => ({
      type: 'complaint.extended',
      payload: {
        reason: v.reason!, newDueDate: v.newDueDate!, noticeChannel: v.noticeChannel as (typeof CONTACT_CHANNELS)[number],
        noticeAt: instant(v.noticeAt!), approvedBy: opt(v.approvedBy) ? ctx.staff(v.approvedBy!) : undefined,
      },
    }),
  },
  {
    type: 'clock.paused',
    group: 'time',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: (c) => open(c) && !c.pauses.some((p) => !p.resumedAt),
    toDraft: (v) => ({ type: 'clock.paused', payload: { reason: v.reason! } }),
  },
  {
    type: 'clock.resumed',
    group: 'time',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: (c) => open(c) && c.pauses.some((p) => !p.resumedAt),
    toDraft: (v) => ({ type: 'clock.resumed', payload: { note: opt(v.note) } }),
  },
  {
    type: 'complaint.resolved',
    group: 'finish',
    fields: [{ name: 'summary', kind: 'textarea', required: true }],
    offered: (c) => open(c) && c.status !== 'resolved',
    toDraft: (v) => ({ type: 'complaint.resolved', payload: { summary: v.summary! } }),
  },
  {
    type: 'opinion.recorded',
    group: 'finish',
    fields: [{ name: 'opinion', kind: 'choice', options: OPINIONS, required: true, initial: () => 'satisfied' }, { name: 'words', kind: 'textarea' }],
    offered: (c) => c.status === 'resolved' || c.status === 'closed',
    toDraft: (v) => ({ type: 'opinion.recorded', payload: { opinion: v.opinion as (typeof OPINIONS)[number], words: opt(v.words) } }),
  },
  {
    type: 'complaint.closed',
    group: 'finish',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: open,
    toDraft: (v) => ({ type: 'complaint.closed', payload: { note: opt(v.note) } }),
  },
  {
    type: 'followUp.scheduled',
    group: 'finish',
    fields: [{ name: 'dueDate', kind: 'date', required: true }, { name: 'note', kind: 'textarea' }],
    offered: (c) => c.status === 'closed' || c.status === 'resolved',
    check: (v, _c, ctx) => ({ dueDate: v.dueDate && v.dueDate < ctx.today ? { key: 'process.problems.dateInPast' } : undefined }),
    toDraft: (v) => ({ type: 'followUp.scheduled', payload: { dueDate: v.dueDate!, note: opt(v.note) } }),
  },
  {
    type: 'followUp.done',
    group: 'finish',
    fields: [
      { name: 'channel', kind: 'choice', options: CONTACT_CHANNELS, optionLabels: 'contactChannel', required: true, initial: (c) => (c.customer.consentPhone ? 'phone' : c.customer.consentSms ? 'sms' : 'inPerson') },
      { name: 'content', kind: 'textarea', required: true },
    ],
    offered: (c) => c.status === 'closed' || c.status === 'resolved',
    toDraft: (v) => ({ type: 'followUp.done', payload: { channel: v.channel as (typeof CONTACT_CHANNELS)[number], content: v.content! } }),
  },
  {
    type: 'complaint.reopened',
    group: 'finish',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: (c) => !open(c) || c.status === 'resolved',
    toDraft: (v) => ({ type: 'complaint.reopened', payload: { reason: v.reason! } }),
  },
  {
    type: 'complaint.withdrawn',
    group: 'finish',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: open,
    toDraft: (v) => ({ type: 'complaint.withdrawn', payload: { reason: v.reason! } }),
  },
  {
    type: 'field.corrected',
    group: 'record',
    fields: [
      // The old category and cause are no longer corrected: the codes are (an old complaint keeps its values).
      { name: 'field', kind: 'choice', options: CORRECTABLE_FIELDS.filter((f) => f !== 'category' && f !== 'cause'), required: true, initial: () => 'customer.name' },
      { name: 'value', kind: 'correction', initial: (c) => correctionText(c, 'customer.name') },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    offered: () => true,
    check: (v, c, ctx) => {
      const code = correctionProblem(c, v.field as CorrectableField, v.value ?? '', ctx.now)
      if (!code) return {}
      return { value: { key: code === 'unchanged' ? 'process.problems.unchanged' : code === 'required' ? 'process.required' : `errors.${code}` } }
    },
    toDraft: (v) => ({
      type: 'field.corrected',
      payload: { field: v.field as CorrectableField, value: correctionValue(v.field as CorrectableField, v.value ?? ''), reason: v.reason! },
    }),
  },
]

export const ACTION_GROUPS: ActionGroup[] = ['handle', 'time', 'finish', 'record']

export function actionSpec(type: EventType): ActionSpec | undefined {
  return ACTIONS.find((a) => a.type === type)
}

/** `action-complaint-acknowledged` for `complaint.acknowledged`. */
export const actionTestId = (type: string) => `action-${type.replaceAll('.', '-')}`
