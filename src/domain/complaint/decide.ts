import { z } from 'zod'
import { chinaDate } from '../chinaTime'
import { boundedDateTime } from '../text/dateBounds'
import { codeSchema, customerSchema, payloadSchema, phoneSchema } from './events'
import type { EventIssue, EventPayload, EventType, PayloadInput } from './events'
import type { ComplaintState } from './state'
import { CHANNELS, KINDS } from './vocabulary'
import type { CorrectableField } from './vocabulary'

/** A change a user asks for: an event type and its payload as entered, not yet stamped. */
export type EventDraft = { [T in EventType]: { type: T; payload: PayloadInput<T> } }[EventType]
export type ValidDraft = { [T in EventType]: { type: T; payload: EventPayload<T> } }[EventType]

/** Refusal codes are i18n keys under `refusals.`: the tablet explains the rule that forbids the move. */
export type Refusal =
  | 'alreadyRecorded' | 'notRecorded' | 'alreadyAcknowledged' | 'isClosed' | 'isWithdrawn' | 'notClosed'
  | 'closeNeedsReply' | 'closeNeedsVerdict' | 'notEscalated' | 'alreadyEscalated' | 'sameOwner'
  | 'clockAlreadyPaused' | 'clockNotPaused' | 'extensionBeforeToday' | 'invalidCorrection'
  | 'extensionRequestPending' | 'noSuchRequest' | 'alreadyDecided'

export type Decision =
  | { ok: true; draft: ValidDraft }
  | { ok: false; refusal: Refusal }
  | { ok: false; issues: EventIssue[] }

const FINISHED = new Set(['closed', 'withdrawn'])

/**
 * Decides whether a change may be made to a complaint in its current state, and validates its payload.
 * The write path calls this before anything is stored; the server calls it again for events it receives.
 */
export function decide(state: ComplaintState | null, draft: EventDraft): Decision {
  const parsed = payloadSchema(draft.type).safeParse(draft.payload)
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
  }
  const valid = { type: draft.type, payload: parsed.data } as ValidDraft
  const refusal = guard(state, valid)
  return refusal ? { ok: false, refusal } : { ok: true, draft: valid }
}

function guard(s: ComplaintState | null, d: ValidDraft): Refusal | null {
  if (d.type === 'complaint.recorded') return s ? 'alreadyRecorded' : null
  if (!s) return 'notRecorded'
  // A finished complaint accepts only what comes after closure: notes, follow-up, corrections, reopening.
  const afterClosure = ['note.added', 'followUp.scheduled', 'followUp.done', 'complaint.reopened', 'field.corrected', 'opinion.recorded', 'customer.contacted']
  if (FINISHED.has(s.status) && !afterClosure.includes(d.type)) return s.status === 'closed' ? 'isClosed' : 'isWithdrawn'
  switch (d.type) {
    case 'complaint.acknowledged':
      return s.acknowledged || s.status !== 'new' ? 'alreadyAcknowledged' : null
    case 'owner.handedOff':
      return d.payload.to.staffId === s.owner.staffId ? 'sameOwner' : null
    case 'complaint.escalated':
      return s.status === 'escalated' ? 'alreadyEscalated' : null
    case 'supervisor.planRecorded':
      return s.escalations.some((x) => !x.plan) ? null : 'notEscalated'
    case 'clock.paused':
      return s.pauses.some((x) => !x.resumedAt) ? 'clockAlreadyPaused' : null
    case 'clock.resumed':
      return s.pauses.some((x) => !x.resumedAt) ? null : 'clockNotPaused'
    case 'complaint.closed':
      if (!s.validity) return 'closeNeedsVerdict'
      // Section II.3: a customer who left a way to reach them gets the answer; a valid complaint is never closed unanswered.
      if (s.validity.verdict === 'valid' && !s.contacts.some((c) => c.purpose === 'reply')) return 'closeNeedsReply'
      return null
    case 'complaint.extended':
      // The extended limit lies after the day the complaint was received (the tablet's form also asks for a date after today).
      return d.payload.newDueDate <= chinaDate(s.receivedAt) ? 'extensionBeforeToday' : null
    case 'extension.requested':
      if (s.extensionRequests.some((r) => !r.decision)) return 'extensionRequestPending'
      return d.payload.newDueDate <= chinaDate(s.receivedAt) ? 'extensionBeforeToday' : null
    case 'extension.decided': {
      const request = s.extensionRequests.find((r) => r.eventId === d.payload.requestId)
      if (!request) return 'noSuchRequest'
      return request.decision ? 'alreadyDecided' : null
    }
    case 'complaint.reopened':
      return s.status === 'closed' || s.status === 'resolved' || s.status === 'withdrawn' ? null : 'notClosed'
    case 'field.corrected':
      return correctionIsValid(d.payload) ? null : 'invalidCorrection'
    default:
      return null
  }
}

const correctionValue: Record<CorrectableField, z.ZodType> = {
  'customer.name': customerSchema.shape.name,
  'customer.phone': z.union([phoneSchema, z.null(), z.literal('')]),
  'customer.consentSms': z.boolean(),
  'customer.consentPhone': z.boolean(),
  channel: z.enum(CHANNELS),
  kind: z.enum(KINDS),
  category: z.union([z.string().max(40), z.null()]),
  cause: z.union([z.string().max(40), z.null()]),
  description: z.string().trim().min(1).max(4000),
  demand: z.union([z.string().max(2000), z.null()]),
  customerPresent: z.boolean(),
  groupSize: z.union([z.int().min(2).max(10_000), z.null()]),
  recordingRef: z.union([z.string().max(200), z.null()]),
  receivedAt: boundedDateTime(),
  'codes.A': z.union([codeSchema('A'), z.null()]),
  'codes.B': z.union([codeSchema('B'), z.null()]),
  'codes.C': z.union([codeSchema('C'), z.null()]),
}

export function correctionIsValid(p: EventPayload<'field.corrected'>): boolean {
  return correctionValue[p.field].safeParse(p.value).success
}
