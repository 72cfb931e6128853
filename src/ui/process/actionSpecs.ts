import {
  CONTACT_CHANNELS, CONTACT_PURPOSES, CORRECTABLE_FIELDS, fromChinaLocalInput, OPINIONS, toChinaLocalInput, VERDICTS,
} from '@/domain'
import type { ComplaintState, EventDraft, EventType } from '@/domain'

/** One input of an action's form. Labels are i18n keys `process.fields.<name>`; options `process.options.<name>.<value>`. */
export interface FieldSpec {
  name: string
  kind: 'text' | 'textarea' | 'date' | 'datetime' | 'choice'
  options?: readonly string[]
  required?: boolean
  initial?: (c: ComplaintState, now: Date) => string
}

/** A process action: its form, when it is offered, and the event it writes. Titles: `process.actions.<type>`. */
export interface ActionSpec {
  type: EventType
  fields: FieldSpec[]
  offered: (c: ComplaintState) => boolean
  toDraft: (v: Record<string, string>, c: ComplaintState) => EventDraft
}

const open = (c: ComplaintState) => c.status !== 'closed' && c.status !== 'withdrawn'
/** Until there is a staff directory on the tablet, people are named as typed. */
const staff = (name: string) => ({ staffId: `name:${name.trim()}`, staffName: name.trim() })
const opt = (s: string) => (s.trim() ? s.trim() : undefined)
const now = (_c: ComplaintState, d: Date) => toChinaLocalInput(d)
const instant = (v: string) => fromChinaLocalInput(v) ?? v

export const ACTIONS: ActionSpec[] = [
  {
    type: 'complaint.acknowledged',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: (c) => c.status === 'new',
    toDraft: (v) => ({ type: 'complaint.acknowledged', payload: { note: opt(v.note!) } }),
  },
  {
    type: 'validity.judged',
    fields: [{ name: 'verdict', kind: 'choice', options: VERDICTS, required: true, initial: () => 'valid' }, { name: 'reason', kind: 'textarea', required: true }],
    offered: open,
    toDraft: (v) => ({ type: 'validity.judged', payload: { verdict: v.verdict as (typeof VERDICTS)[number], reason: v.reason! } }),
  },
  {
    type: 'plan.proposed',
    fields: [
      { name: 'cause', kind: 'textarea', required: true },
      { name: 'plan', kind: 'textarea', required: true },
      { name: 'responsible', kind: 'text', required: true, initial: (c) => c.owner.staffName },
      { name: 'promisedDate', kind: 'date' },
    ],
    offered: open,
    toDraft: (v) => ({ type: 'plan.proposed', payload: { cause: v.cause!, plan: v.plan!, responsible: staff(v.responsible!), promisedDate: opt(v.promisedDate!) } }),
  },
  {
    type: 'customer.contacted',
    fields: [
      { name: 'channel', kind: 'choice', options: CONTACT_CHANNELS, required: true, initial: (c) => (c.customerPresent ? 'inPerson' : c.customer.consentSms ? 'sms' : 'phone') },
      { name: 'purpose', kind: 'choice', options: CONTACT_PURPOSES, required: true, initial: (c) => (c.contacts.some((x) => x.purpose === 'reply') ? 'progress' : 'reply') },
      { name: 'content', kind: 'textarea', required: true },
      { name: 'contactedAt', kind: 'datetime', required: true, initial: now },
    ],
    offered: () => true,
    toDraft: (v) => ({
      type: 'customer.contacted',
      payload: { channel: v.channel as (typeof CONTACT_CHANNELS)[number], purpose: v.purpose as (typeof CONTACT_PURPOSES)[number], content: v.content!, contactedAt: instant(v.contactedAt!) },
    }),
  },
  {
    type: 'owner.handedOff',
    fields: [{ name: 'toName', kind: 'text', required: true }, { name: 'reason', kind: 'textarea', required: true }],
    offered: open,
    toDraft: (v) => ({ type: 'owner.handedOff', payload: { to: staff(v.toName!), reason: v.reason! } }),
  },
  {
    type: 'complaint.escalated',
    fields: [{ name: 'reason', kind: 'textarea', required: true }, { name: 'supervisorName', kind: 'text' }],
    offered: (c) => open(c) && c.status !== 'escalated',
    toDraft: (v) => ({ type: 'complaint.escalated', payload: { reason: v.reason!, supervisor: v.supervisorName?.trim() ? staff(v.supervisorName) : undefined } }),
  },
  {
    type: 'supervisor.planRecorded',
    fields: [{ name: 'plan', kind: 'textarea', required: true }, { name: 'supervisorName', kind: 'text', required: true, initial: (c) => c.escalations.at(-1)?.supervisor?.staffName ?? '' }],
    offered: (c) => c.escalations.some((e) => !e.plan),
    toDraft: (v) => ({ type: 'supervisor.planRecorded', payload: { plan: v.plan!, supervisor: staff(v.supervisorName!) } }),
  },
  {
    type: 'complaint.extended',
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      { name: 'newDueDate', kind: 'date', required: true },
      { name: 'noticeChannel', kind: 'choice', options: CONTACT_CHANNELS, required: true, initial: (c) => (c.customer.consentSms ? 'sms' : 'phone') },
      { name: 'noticeAt', kind: 'datetime', required: true, initial: now },
      { name: 'approvedBy', kind: 'text' },
    ],
    offered: open,
    toDraft: (v) => ({
      type: 'complaint.extended',
      payload: {
        reason: v.reason!, newDueDate: v.newDueDate!, noticeChannel: v.noticeChannel as (typeof CONTACT_CHANNELS)[number],
        noticeAt: instant(v.noticeAt!), approvedBy: v.approvedBy?.trim() ? staff(v.approvedBy) : undefined,
      },
    }),
  },
  {
    type: 'clock.paused',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: (c) => open(c) && !c.pauses.some((p) => !p.resumedAt),
    toDraft: (v) => ({ type: 'clock.paused', payload: { reason: v.reason! } }),
  },
  {
    type: 'clock.resumed',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: (c) => c.pauses.some((p) => !p.resumedAt),
    toDraft: (v) => ({ type: 'clock.resumed', payload: { note: opt(v.note!) } }),
  },
  {
    type: 'complaint.resolved',
    fields: [{ name: 'summary', kind: 'textarea', required: true }],
    offered: (c) => open(c) && c.status !== 'resolved',
    toDraft: (v) => ({ type: 'complaint.resolved', payload: { summary: v.summary! } }),
  },
  {
    type: 'opinion.recorded',
    fields: [{ name: 'opinion', kind: 'choice', options: OPINIONS, required: true, initial: () => 'satisfied' }, { name: 'words', kind: 'textarea' }],
    offered: (c) => c.status === 'resolved' || c.status === 'closed',
    toDraft: (v) => ({ type: 'opinion.recorded', payload: { opinion: v.opinion as (typeof OPINIONS)[number], words: opt(v.words!) } }),
  },
  {
    type: 'complaint.closed',
    fields: [{ name: 'note', kind: 'textarea' }],
    offered: open,
    toDraft: (v) => ({ type: 'complaint.closed', payload: { note: opt(v.note!) } }),
  },
  {
    type: 'followUp.scheduled',
    fields: [{ name: 'dueDate', kind: 'date', required: true }, { name: 'note', kind: 'textarea' }],
    offered: (c) => c.status === 'closed' || c.status === 'resolved',
    toDraft: (v) => ({ type: 'followUp.scheduled', payload: { dueDate: v.dueDate!, note: opt(v.note!) } }),
  },
  {
    type: 'followUp.done',
    fields: [{ name: 'channel', kind: 'choice', options: CONTACT_CHANNELS, required: true, initial: () => 'phone' }, { name: 'content', kind: 'textarea', required: true }],
    offered: (c) => c.status === 'closed' || c.status === 'resolved',
    toDraft: (v) => ({ type: 'followUp.done', payload: { channel: v.channel as (typeof CONTACT_CHANNELS)[number], content: v.content! } }),
  },
  {
    type: 'complaint.reopened',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: (c) => !open(c) || c.status === 'resolved',
    toDraft: (v) => ({ type: 'complaint.reopened', payload: { reason: v.reason! } }),
  },
  {
    type: 'complaint.withdrawn',
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    offered: open,
    toDraft: (v) => ({ type: 'complaint.withdrawn', payload: { reason: v.reason! } }),
  },
  {
    type: 'field.corrected',
    fields: [{ name: 'field', kind: 'choice', options: CORRECTABLE_FIELDS, required: true, initial: () => 'customer.name' }, { name: 'value', kind: 'text' }, { name: 'reason', kind: 'textarea', required: true }],
    offered: () => true,
    toDraft: (v) => ({ type: 'field.corrected', payload: { field: v.field as (typeof CORRECTABLE_FIELDS)[number], value: correctedValue(v.field!, v.value ?? ''), reason: v.reason! } }),
  },
]

/** A corrected value typed as text, turned into what the field holds. */
function correctedValue(field: string, text: string): string | number | boolean | null {
  const t = text.trim()
  if (field === 'customer.consentSms' || field === 'customer.consentPhone' || field === 'customerPresent') return /^(是|yes|true|1|y)$/i.test(t)
  if (field === 'groupSize') return t ? Number(t) : null
  if (field === 'receivedAt') return fromChinaLocalInput(t.replace(' ', 'T')) ?? t
  return t || null
}

export function actionSpec(type: EventType): ActionSpec {
  return ACTIONS.find((a) => a.type === type)!
}
