import {
  approvalLevelOf,
  approvalNeeded,
  approvedExtensionToRecord,
  CONTACT_CHANNELS,
  CORRECTABLE_FIELDS,
  FUTURE_SLACK_MS,
  fromChinaLocalInput,
  mayApprove,
  NEW_CONTACT_PURPOSES,
  OPINIONS,
  pendingExtensionRequest,
  REMEDIES,
  toChinaLocalInput,
  VERDICTS,
} from '@/domain'
import type {
  Authority,
  ComplaintState,
  DeadlinePolicy,
  EventDraft,
  EventType,
  ExtensionLimits,
  StaffRef,
  WorkCalendar,
} from '@/domain'
import { correctionProblem, correctionText, correctionValue } from '@/domain/complaint/correctionInput'
import { unfilledPlaceholders } from '@/domain/complaint/smsCompose'
import type { CorrectableField, Signature } from '@/domain'

/**
 * One input of an action's form. Labels are i18n keys `process.fields.<label ?? name>`; a choice's options are
 * labelled `<optionLabels>.<value>` (default `process.options.<name>`). A `person` is a name typed or picked from
 * the people the tablet knows; `correction` is the value of a `field.corrected`, whose input depends on the field.
 */
export interface FieldSpec {
  name: string
  kind: 'text' | 'textarea' | 'date' | 'datetime' | 'choice' | 'person' | 'correction' | 'signature'
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

/** What a form knows besides its values: the time, the clocks' limits, and who the people named are. */
export interface ActionContext {
  now: Date
  /** China calendar date of `now`. */
  today: string
  limits: ExtensionLimits
  /** When the current round began (the receipt, new facts, a review request): nothing told before it counts. */
  roundStart: string
  /** The last instant a review of the told decision may be asked for, if a decision was told. */
  reviewUntil: string | null
  /** The calendar and policy in force, for what the domain computes on the form's behalf. */
  clocks: { calendar: WorkCalendar; policy: DeadlinePolicy }
  staff: (name: string) => StaffRef
  /** Who is using the tablet: an approval is made in their own name, with the authority they hold. */
  user?: StaffRef & Authority
}

export type ActionGroup = 'handle' | 'time' | 'finish' | 'record'

/**
 * A process action: its form, extra checks, and the one event it writes. Titles: `process.actions.<type>`. When it is
 * offered is not here: the domain's moveRefusal says, for the panel and for the write path alike.
 */
export interface ActionSpec {
  type: EventType
  group: ActionGroup
  fields: FieldSpec[]
  /** Problems beyond required fields, by field name. */
  check?: (v: Record<string, string>, c: ComplaintState, ctx: ActionContext) => Record<string, Problem | undefined>
  toDraft: (v: Record<string, string>, c: ComplaintState, ctx: ActionContext) => EventDraft
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined)
const now = (_c: ComplaintState, d: Date) => toChinaLocalInput(d)
const instant = (v: string) => fromChinaLocalInput(v) ?? v

const dt = (iso: string) => toChinaLocalInput(new Date(iso)).replace('T', ' ')

/**
 * A new reply date: before the deadline it extends has passed, after today, within the cap the approvals held allow
 * (`record`) or may be asked for (`request`). The write path refuses the same (decide); here the form says why.
 */
function extensionDateProblem(
  date: string | undefined,
  ctx: ActionContext,
  mode: 'record' | 'request',
): Problem | undefined {
  const l = ctx.limits
  if (l.late) return { key: 'process.extensionLateHint', params: { deadline: dt(l.deadline) } }
  if (!date) return undefined
  if (date <= ctx.today) return { key: 'process.problems.dateNotFuture' }
  if (date <= l.replyDue) return { key: 'process.extensionNotLater', params: { due: l.replyDue } }
  if (date > l.requestCap) return { key: 'process.extensionPastCap', params: { cap: l.requestCap } }
  if (mode === 'record' && date > l.cap) {
    return l.approval
      ? { key: 'process.extensionPastCap', params: { cap: l.cap } }
      : { key: 'process.extensionNeedsSuperior', params: { withoutSuperior: l.withoutSuperior } }
  }
  return undefined
}

/** A time the customer was told or asked something: a real time, not before the round began, not in the future. */
function toldAt(value: string | undefined, ctx: ActionContext): Problem | undefined {
  if (!value) return undefined
  const iso = fromChinaLocalInput(value)
  if (!iso) return { key: 'errors.invalidDateTime' }
  if (Date.parse(iso) > ctx.now.getTime() + FUTURE_SLACK_MS) return { key: 'process.problems.notFuture' }
  return Date.parse(iso) < Date.parse(ctx.roundStart) ? { key: 'refusals.timeBeforeReceipt' } : undefined
}

/** The remedies a decision notice names: a review's decision no longer offers another review. */
const remediesOf = (c: ComplaintState) =>
  c.rounds.at(-1)?.kind === 'review' ? REMEDIES.filter((r) => r !== 'review') : [...REMEDIES]
const byConsent = (c: ComplaintState) =>
  c.customer.consentSms ? 'sms' : c.customer.consentPhone ? 'phone' : 'inPerson'

export const ACTIONS: ActionSpec[] = [
  {
    type: 'complaint.acknowledged',
    group: 'handle',
    fields: [{ name: 'note', kind: 'textarea' }],
    toDraft: (v) => ({ type: 'complaint.acknowledged', payload: { note: opt(v.note) } }),
  },
  {
    type: 'validity.judged',
    group: 'handle',
    fields: [
      {
        name: 'verdict',
        kind: 'choice',
        options: VERDICTS,
        required: true,
        initial: (c) => c.validity?.verdict ?? (c.kind === 'suggestion' ? 'suggestion' : 'valid'),
      },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    toDraft: (v) => ({
      type: 'validity.judged',
      payload: { verdict: v.verdict as (typeof VERDICTS)[number], reason: v.reason! },
    }),
  },
  {
    type: 'plan.proposed',
    group: 'handle',
    fields: [
      { name: 'cause', kind: 'textarea', required: true, initial: (c) => c.plan?.cause ?? c.script.rootCause ?? '' },
      { name: 'plan', kind: 'textarea', required: true, initial: (c) => c.plan?.plan ?? c.script.plan ?? '' },
      {
        name: 'responsible',
        kind: 'person',
        required: true,
        initial: (c) => c.plan?.responsible.staffName ?? c.owner.staffName,
      },
      { name: 'promisedDate', kind: 'date', initial: (c) => c.plan?.promisedDate ?? c.script.promisedDate ?? '' },
    ],
    toDraft: (v, _c, ctx) => ({
      type: 'plan.proposed',
      payload: {
        cause: v.cause!,
        plan: v.plan!,
        responsible: ctx.staff(v.responsible!),
        promisedDate: opt(v.promisedDate),
      },
    }),
  },
  {
    type: 'customer.contacted',
    group: 'handle',
    fields: [
      {
        name: 'channel',
        kind: 'choice',
        options: CONTACT_CHANNELS,
        optionLabels: 'contactChannel',
        required: true,
        initial: (c) =>
          c.customerPresent && c.status === 'new'
            ? 'inPerson'
            : c.customer.consentSms
              ? 'sms'
              : c.customer.consentPhone
                ? 'phone'
                : 'inPerson',
      },
      // None of these answers the complaint, and none is chosen for the manager while the complaint is open.
      {
        name: 'purpose',
        kind: 'choice',
        options: NEW_CONTACT_PURPOSES,
        required: true,
        initial: (c) => (c.status === 'closed' ? 'followUp' : ''),
      },
      { name: 'content', kind: 'textarea', required: true },
      { name: 'contactedAt', kind: 'datetime', required: true, initial: now },
    ],
    check: (v, c, ctx) => ({
      content: blanksIn(v.content),
      contactedAt: toldAt(v.contactedAt, { ...ctx, roundStart: c.receivedAt }),
    }),
    toDraft: (v) => ({
      type: 'customer.contacted',
      payload: {
        channel: v.channel as (typeof CONTACT_CHANNELS)[number],
        purpose: v.purpose as (typeof NEW_CONTACT_PURPOSES)[number],
        content: v.content!,
        contactedAt: instant(v.contactedAt!),
      },
    }),
  },
  {
    type: 'decision.notified',
    group: 'handle',
    fields: [
      {
        name: 'channel',
        kind: 'choice',
        options: CONTACT_CHANNELS,
        optionLabels: 'contactChannel',
        required: true,
        initial: byConsent,
      },
      { name: 'findings', kind: 'textarea', required: true, initial: (c) => c.script.rootCause ?? c.plan?.cause ?? '' },
      {
        name: 'decision',
        kind: 'textarea',
        required: true,
        initial: (c) => c.resolution?.summary ?? c.plan?.plan ?? '',
      },
      { name: 'basis', kind: 'textarea', required: true, initial: (c) => c.validity?.reason ?? '' },
      { name: 'content', kind: 'textarea', required: true },
      { name: 'notifiedAt', kind: 'datetime', required: true, initial: now },
    ],
    check: (v, _c, ctx) => ({ content: blanksIn(v.content), notifiedAt: toldAt(v.notifiedAt, ctx) }),
    toDraft: (v, c) => ({
      type: 'decision.notified',
      payload: {
        channel: v.channel as (typeof CONTACT_CHANNELS)[number],
        notifiedAt: instant(v.notifiedAt!),
        decision: v.decision!,
        findings: v.findings!,
        basis: v.basis!,
        remedies: remediesOf(c),
        content: v.content!,
      },
    }),
  },
  {
    type: 'customer.unreachable',
    group: 'handle',
    fields: [{ name: 'reason', kind: 'textarea', label: 'unreachableReason', required: true }],
    toDraft: (v) => ({ type: 'customer.unreachable', payload: { reason: v.reason! } }),
  },
  {
    type: 'owner.handedOff',
    group: 'handle',
    fields: [
      { name: 'toName', kind: 'person', required: true },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    check: (v, c) => ({
      toName:
        v.toName?.trim() && v.toName.trim() === c.owner.staffName
          ? { key: 'process.problems.sameOwner', params: { name: c.owner.staffName } }
          : undefined,
    }),
    toDraft: (v, _c, ctx) => ({ type: 'owner.handedOff', payload: { to: ctx.staff(v.toName!), reason: v.reason! } }),
  },
  {
    type: 'complaint.escalated',
    group: 'handle',
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      { name: 'supervisorName', kind: 'person', label: 'supervisorNameOptional' },
    ],
    toDraft: (v, _c, ctx) => ({
      type: 'complaint.escalated',
      payload: { reason: v.reason!, supervisor: opt(v.supervisorName) ? ctx.staff(v.supervisorName!) : undefined },
    }),
  },
  {
    type: 'supervisor.planRecorded',
    group: 'handle',
    fields: [
      { name: 'plan', kind: 'textarea', required: true },
      {
        name: 'supervisorName',
        kind: 'person',
        required: true,
        initial: (c) => c.escalations.at(-1)?.supervisor?.staffName ?? '',
      },
    ],
    toDraft: (v, _c, ctx) => ({
      type: 'supervisor.planRecorded',
      payload: { plan: v.plan!, supervisor: ctx.staff(v.supervisorName!) },
    }),
  },
  {
    type: 'extension.decided',
    group: 'handle',
    fields: [
      {
        name: 'approved',
        kind: 'choice',
        options: ['true', 'false'],
        optionLabels: 'process.options.approved',
        required: true,
        initial: () => 'true',
      },
      { name: 'comment', kind: 'textarea', required: true },
    ],
    check: (v, c, ctx) => {
      const request = pendingExtensionRequest(c)
      const needs = request && approvalNeeded(c, request.newDueDate, { now: ctx.now, ...ctx.clocks })
      return {
        approved:
          v.approved === 'true' && needs && !mayApprove(ctx.user, needs) ? { key: 'process.approverLacks' } : undefined,
      }
    },
    toDraft: (v, c, ctx) => ({
      type: 'extension.decided',
      payload: {
        requestId: pendingExtensionRequest(c)!.eventId,
        approved: v.approved === 'true',
        comment: v.comment!,
        // Offered to approvers only: the tablet's user decides, in their own name and with the authority they hold.
        supervisor: { staffId: ctx.user!.staffId, staffName: ctx.user!.staffName },
        level: approvalLevelOf(ctx.user) ?? 'supervisor',
      },
    }),
  },
  {
    type: 'extension.requested',
    group: 'time',
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      { name: 'newDueDate', kind: 'date', required: true },
    ],
    check: (v, _c, ctx) => ({ newDueDate: extensionDateProblem(v.newDueDate, ctx, 'request') }),
    toDraft: (v) => ({ type: 'extension.requested', payload: { reason: v.reason!, newDueDate: v.newDueDate! } }),
  },
  {
    type: 'complaint.extended',
    group: 'time',
    fields: [
      // An approved request fills the form: the manager only records how and when the customer was told.
      { name: 'reason', kind: 'textarea', required: true, initial: (c) => approvedExtensionToRecord(c)?.reason ?? '' },
      {
        name: 'newDueDate',
        kind: 'date',
        required: true,
        initial: (c) => approvedExtensionToRecord(c)?.newDueDate ?? '',
      },
      {
        name: 'noticeChannel',
        kind: 'choice',
        options: CONTACT_CHANNELS,
        optionLabels: 'contactChannel',
        required: true,
        initial: byConsent,
      },
      { name: 'noticeAt', kind: 'datetime', required: true, initial: now },
    ],
    // The approval is not entered here: it is the approver's own decision (extension.decided), found by the clocks.
    check: (v, _c, ctx) => ({
      noticeAt: toldAt(v.noticeAt, ctx),
      newDueDate: extensionDateProblem(v.newDueDate, ctx, 'record'),
    }),
    toDraft: (v) => ({
      type: 'complaint.extended',
      payload: {
        reason: v.reason!,
        newDueDate: v.newDueDate!,
        noticeChannel: v.noticeChannel as (typeof CONTACT_CHANNELS)[number],
        noticeAt: instant(v.noticeAt!),
      },
    }),
  },
  {
    type: 'clock.paused',
    group: 'time',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    toDraft: (v) => ({ type: 'clock.paused', payload: { reason: v.reason! } }),
  },
  {
    type: 'clock.resumed',
    group: 'time',
    fields: [{ name: 'note', kind: 'textarea' }],
    toDraft: (v) => ({ type: 'clock.resumed', payload: { note: opt(v.note) } }),
  },
  {
    type: 'complaint.resolved',
    group: 'finish',
    fields: [{ name: 'summary', kind: 'textarea', required: true }],
    toDraft: (v) => ({ type: 'complaint.resolved', payload: { summary: v.summary! } }),
  },
  {
    type: 'opinion.recorded',
    group: 'finish',
    fields: [
      { name: 'opinion', kind: 'choice', options: OPINIONS, required: true, initial: () => 'satisfied' },
      { name: 'words', kind: 'textarea' },
      // The customer at the desk signs their opinion on the tablet; by phone nobody signs.
      { name: 'signature', kind: 'signature' },
    ],
    toDraft: (v) => ({
      type: 'opinion.recorded',
      payload: {
        opinion: v.opinion as (typeof OPINIONS)[number],
        words: opt(v.words),
        ...(v.signature ? { signature: JSON.parse(v.signature) as Signature } : {}),
      },
    }),
  },
  {
    type: 'complaint.closed',
    group: 'finish',
    fields: [{ name: 'note', kind: 'textarea' }],
    toDraft: (v) => ({ type: 'complaint.closed', payload: { note: opt(v.note) } }),
  },
  {
    type: 'followUp.scheduled',
    group: 'finish',
    fields: [
      { name: 'dueDate', kind: 'date', required: true },
      { name: 'note', kind: 'textarea' },
    ],
    check: (v, _c, ctx) => ({
      dueDate: v.dueDate && v.dueDate < ctx.today ? { key: 'process.problems.dateInPast' } : undefined,
    }),
    toDraft: (v) => ({ type: 'followUp.scheduled', payload: { dueDate: v.dueDate!, note: opt(v.note) } }),
  },
  {
    type: 'followUp.done',
    group: 'finish',
    fields: [
      {
        name: 'channel',
        kind: 'choice',
        options: CONTACT_CHANNELS,
        optionLabels: 'contactChannel',
        required: true,
        initial: (c) => (c.customer.consentPhone ? 'phone' : c.customer.consentSms ? 'sms' : 'inPerson'),
      },
      { name: 'content', kind: 'textarea', required: true },
      // Whether the customer is satisfied is what a follow-up is for: asked every time, chosen by the manager (no default).
      {
        name: 'satisfaction',
        kind: 'choice',
        options: OPINIONS,
        optionLabels: 'process.options.opinion',
        required: true,
      },
    ],
    toDraft: (v) => ({
      type: 'followUp.done',
      payload: {
        channel: v.channel as (typeof CONTACT_CHANNELS)[number],
        content: v.content!,
        satisfaction: v.satisfaction as (typeof OPINIONS)[number],
      },
    }),
  },
  {
    type: 'complaint.reopened',
    group: 'finish',
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      { name: 'receivedAt', kind: 'datetime', required: true, initial: now },
    ],
    check: (v, c, ctx) => ({ receivedAt: toldAt(v.receivedAt, { ...ctx, roundStart: c.receivedAt }) }),
    toDraft: (v) => ({
      type: 'complaint.reopened',
      payload: { reason: v.reason!, receivedAt: instant(v.receivedAt!) },
    }),
  },
  {
    type: 'review.requested',
    group: 'finish',
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      { name: 'requestedAt', kind: 'datetime', required: true, initial: now },
    ],
    check: (v, _c, ctx) => {
      const at = fromChinaLocalInput(v.requestedAt ?? '')
      if (at && ctx.reviewUntil && Date.parse(at) > Date.parse(ctx.reviewUntil))
        return { requestedAt: { key: 'process.reviewClosed', params: { until: dt(ctx.reviewUntil) } } }
      return { requestedAt: toldAt(v.requestedAt, ctx) }
    },
    toDraft: (v) => ({
      type: 'review.requested',
      payload: { reason: v.reason!, requestedAt: instant(v.requestedAt!) },
    }),
  },
  {
    type: 'complaint.withdrawn',
    group: 'finish',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    toDraft: (v) => ({ type: 'complaint.withdrawn', payload: { reason: v.reason! } }),
  },
  {
    type: 'field.corrected',
    group: 'record',
    fields: [
      // The old category and cause are no longer corrected: the codes are (an old complaint keeps its values).
      {
        name: 'field',
        kind: 'choice',
        options: CORRECTABLE_FIELDS.filter((f) => f !== 'category' && f !== 'cause'),
        required: true,
        initial: () => 'customer.name',
      },
      { name: 'value', kind: 'correction', initial: (c) => correctionText(c, 'customer.name') },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    check: (v, c, ctx) => {
      const code = correctionProblem(c, v.field as CorrectableField, v.value ?? '', ctx.now)
      if (!code) return {}
      return {
        value: {
          key:
            code === 'unchanged'
              ? 'process.problems.unchanged'
              : code === 'required'
                ? 'process.required'
                : `errors.${code}`,
        },
      }
    },
    toDraft: (v) => ({
      type: 'field.corrected',
      payload: {
        field: v.field as CorrectableField,
        value: correctionValue(v.field as CorrectableField, v.value ?? ''),
        reason: v.reason!,
      },
    }),
  },
]

/** Blanks left in a message to the customer (`{result}` …): it must not go out with them. */
function blanksIn(text: string | undefined): Problem | undefined {
  const blanks = unfilledPlaceholders(text ?? '')
  return blanks.length ? { key: 'process.problems.placeholders', params: { list: blanks.join(' ') } } : undefined
}

export const ACTION_GROUPS: ActionGroup[] = ['handle', 'time', 'finish', 'record']

export function actionSpec(type: EventType): ActionSpec | undefined {
  return ACTIONS.find((a) => a.type === type)
}

/** `action-complaint-acknowledged` for `complaint.acknowledged`. */
export const actionTestId = (type: string) => `action-${type.replaceAll('.', '-')}`
