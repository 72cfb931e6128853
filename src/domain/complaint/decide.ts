import { z } from 'zod'
import { chinaDate, instantMs } from '../chinaTime'
import { approvalNeeded, mayApprove } from './approvals'
import type { Authority } from './approvals'
import { clockStart, DEFAULT_POLICY, extensionLimits, reviewWindow } from './clocks'
import type { ClockContext } from './clocks'
import { boundedDateTime } from '../text/dateBounds'
import { codeSchema, customerSchema, payloadSchema, phoneSchema } from './events'
import { roleAtLeast } from '../staff/roles'
import { CENTRE_EVENT_TYPES } from './sms'
import { MAX_ATTACHMENTS_PER_COMPLAINT } from './attachments'
import { knownAttachment } from './fold'
import type { EventIssue, EventPayload, EventType, PayloadInput } from './events'
import type { ComplaintState } from './state'
import { CHANNELS, isFinished, KINDS, REMEDIES } from './vocabulary'
import type { CorrectableField } from './vocabulary'

/** A change a user asks for: an event type and its payload as entered, not yet stamped. */
export type EventDraft = { [T in EventType]: { type: T; payload: PayloadInput<T> } }[EventType]
export type ValidDraft = { [T in EventType]: { type: T; payload: EventPayload<T> } }[EventType]

/** Refusal codes are i18n keys under `refusals.`: the tablet explains the rule that forbids the move. */
export const REFUSALS = [
  'alreadyRecorded',
  'notRecorded',
  'alreadyAcknowledged',
  'isClosed',
  'isWithdrawn',
  'notClosed',
  'closeNeedsNotice',
  'closeNeedsVerdict',
  'notEscalated',
  'alreadyEscalated',
  'sameOwner',
  'clockAlreadyPaused',
  'clockNotPaused',
  'extensionBeforeToday',
  'extensionNotLater',
  'invalidCorrection',
  'extensionRequestPending',
  'noSuchRequest',
  'alreadyDecided',
  'extensionLate',
  'extensionPastCap',
  'extensionNeedsSuperior',
  'extensionInReview',
  'approvalIsAnEvent',
  'notAnApprover',
  'approvalNeedsSuperior',
  'replyIsDecisionNotice',
  'noticeNeedsVerdict',
  'noticeNeedsRemedies',
  'timeBeforeReceipt',
  'timeInFuture',
  'reviewNeedsNotice',
  'reviewWindowClosed',
  'reviewPending',
  'receiptCorrectionLate',
  'notASupervisor',
  'notResolved',
  'alreadyResolved',
  'reviewDone',
  'centreOnly',
  'smsNotCustomerPhone',
  'tooManyAttachments',
  'duplicateAttachment',
  'noSuchAttachment',
] as const
export type Refusal = (typeof REFUSALS)[number]

export type Decision =
  { ok: true; draft: ValidDraft } | { ok: false; refusal: Refusal } | { ok: false; issues: EventIssue[] }

/** A time typed to the minute on a tablet whose clock is a little behind the manager's watch is not "the future". */
export const FUTURE_SLACK_MS = 5 * 60_000

/** The time, the rules in force and who is acting: when the move is made, and what that person may approve. */
export interface DecideContext extends ClockContext {
  actor?: Authority
}

/**
 * Decides whether a change may be made to a complaint in its current state, and validates its payload.
 * The write path calls this before anything is stored; the server calls it again for what is made at the desk.
 */
export function decide(
  state: ComplaintState | null,
  draft: EventDraft,
  ctx: DecideContext = { now: new Date() },
): Decision {
  const parsed = payloadSchema(draft.type).safeParse(draft.payload)
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
  }
  const valid = { type: draft.type, payload: parsed.data } as ValidDraft
  const refusal = guard(state, valid, ctx)
  return refusal ? { ok: false, refusal } : { ok: true, draft: valid }
}

/** A time the customer was told or asked something: not before `from` (the receipt, or the round's start), not after now. */
function timeProblem(at: string, from: string, ctx: DecideContext): Refusal | null {
  if (instantMs(at) < instantMs(from)) return 'timeBeforeReceipt'
  return instantMs(at) > ctx.now.getTime() + FUTURE_SLACK_MS ? 'timeInFuture' : null
}

/** When the current round began: the receipt, the new facts, or the review request. */
export function roundStartAt(s: ComplaintState, policy = DEFAULT_POLICY): string {
  return s.rounds.at(-1)?.startAt ?? clockStart(s, policy)
}

/** The moves that may follow closure or withdrawal: notes, follow-up, corrections, reopening, a review. */
const AFTER_FINISH = new Set<EventType>([
  'note.added',
  'followUp.scheduled',
  'followUp.done',
  'complaint.reopened',
  'field.corrected',
  'opinion.recorded',
  'customer.contacted',
  'review.requested',
  'sms.requested',
  'attachment.added',
  'attachment.removed',
])
/** The moves that follow a resolution: the customer's opinion and the follow-up (seven-step script, step 7). */
const AFTER_RESOLUTION = new Set<EventType>(['opinion.recorded', 'followUp.scheduled', 'followUp.done'])

/**
 * May this person make this kind of move on the complaint as it stands, whatever they then fill in? The one answer
 * to "is this offered": the process panel offers exactly the moves this allows, `decide` starts from it, and the
 * centre's intake calls `decide`. Payload rules (dates, remedies, the value of a correction) come after, in `decide`.
 */
export function moveRefusal(
  s: ComplaintState | null,
  type: EventType,
  ctx: DecideContext = { now: new Date() },
): Refusal | null {
  if (type === 'complaint.recorded') return s ? 'alreadyRecorded' : null
  // The gateway's answers are the centre's own record, never made on a tablet or at the desk.
  if (CENTRE_EVENT_TYPES.has(type)) return 'centreOnly'
  if (!s) return 'notRecorded'
  if (isFinished(s.status) && !AFTER_FINISH.has(type)) return s.status === 'closed' ? 'isClosed' : 'isWithdrawn'
  if (AFTER_RESOLUTION.has(type) && s.status !== 'resolved' && s.status !== 'closed') return 'notResolved'
  const round = s.rounds.length
  const inReview = s.rounds.at(-1)?.kind === 'review'
  const decided = s.notices.some((n) => n.round === round) || s.unreachable.some((u) => u.round === round)
  switch (type) {
    case 'complaint.acknowledged':
      return s.acknowledged || s.status !== 'new' ? 'alreadyAcknowledged' : null
    case 'complaint.escalated':
      return s.status === 'escalated' ? 'alreadyEscalated' : null
    case 'supervisor.planRecorded':
      if (!s.escalations.some((x) => !x.plan)) return 'notEscalated'
      // The plan that answers an escalation is the supervisor's own (section II.5): never typed in by a lobby manager.
      return ctx.actor && !roleAtLeast(ctx.actor.role, 'supervisor') ? 'notASupervisor' : null
    case 'clock.paused':
      return s.pauses.some((x) => !x.resumedAt) ? 'clockAlreadyPaused' : null
    case 'clock.resumed':
      return s.pauses.some((x) => !x.resumedAt) ? null : 'clockNotPaused'
    case 'decision.notified':
    case 'customer.unreachable':
      return s.validity ? null : 'noticeNeedsVerdict'
    case 'complaint.resolved':
      return s.status === 'resolved' ? 'alreadyResolved' : null
    case 'complaint.closed':
      if (!s.validity) return 'closeNeedsVerdict'
      // Section II.3 and Art. 18: every decision, valid or not, is told to the customer (or why that was impossible is recorded).
      return decided ? null : 'closeNeedsNotice'
    case 'complaint.extended':
    case 'extension.requested': {
      if (type === 'extension.requested' && s.extensionRequests.some((r) => !r.decision))
        return 'extensionRequestPending'
      const limits = extensionLimits(s, ctx)
      if (limits.inReview) return 'extensionInReview'
      // A deadline that has passed is breached for good: no extension recorded afterwards can move it.
      return limits.late ? 'extensionLate' : null
    }
    case 'extension.decided':
      if (!s.extensionRequests.some((r) => !r.decision))
        return s.extensionRequests.length > 0 ? 'alreadyDecided' : 'noSuchRequest'
      return ctx.actor && !mayApprove(ctx.actor, 'supervisor') ? 'notAnApprover' : null
    case 'complaint.reopened':
      return s.status === 'closed' || s.status === 'resolved' || s.status === 'withdrawn' ? null : 'notClosed'
    case 'review.requested':
      if (s.status === 'withdrawn') return 'isWithdrawn'
      // Art. 20: one review, asked for within 30 days of the decision.
      if (inReview) return decided ? 'reviewDone' : 'reviewPending'
      return reviewWindow(s, ctx) ? null : 'reviewNeedsNotice'
    default:
      return null
  }
}

/** The move, then what was filled in: dates, remedies, the request decided, the value of a correction. */
function guard(s: ComplaintState | null, d: ValidDraft, ctx: DecideContext): Refusal | null {
  const move = moveRefusal(s, d.type, ctx)
  if (move || !s) return move
  switch (d.type) {
    case 'owner.handedOff':
      return d.payload.to.staffId === s.owner.staffId ? 'sameOwner' : null
    case 'customer.contacted':
      // A decision is told with the decision notice, which states what the rule requires (Art. 19).
      if (d.payload.purpose === 'reply') return 'replyIsDecisionNotice'
      return timeProblem(d.payload.contactedAt, s.receivedAt, ctx)
    case 'decision.notified': {
      // The review is the last remedy inside the bank: a review's decision names the others.
      const needed = s.rounds.at(-1)?.kind === 'review' ? REMEDIES.filter((r) => r !== 'review') : REMEDIES
      if (!needed.every((r) => d.payload.remedies.includes(r))) return 'noticeNeedsRemedies'
      return timeProblem(d.payload.notifiedAt, roundStartAt(s, ctx.policy), ctx)
    }
    case 'complaint.extended': {
      // Only an approver's own decision allows 60 days; a name typed on a form is no approval.
      if (d.payload.approvedBy) return 'approvalIsAnEvent'
      const refusal = extensionRefusal(s, d.payload.newDueDate, ctx, 'record')
      return refusal ?? timeProblem(d.payload.noticeAt, roundStartAt(s, ctx.policy), ctx)
    }
    case 'extension.requested':
      return extensionRefusal(s, d.payload.newDueDate, ctx, 'request')
    case 'extension.decided': {
      const request = s.extensionRequests.find((r) => r.eventId === d.payload.requestId)
      if (!request) return 'noSuchRequest'
      if (request.decision) return 'alreadyDecided'
      return approvalRefusal(s, request.newDueDate, d.payload, ctx)
    }
    case 'sms.requested':
      // The centre sends only to the complaint's customer: a tablet cannot use the bank's gateway for any other number.
      return d.payload.recipientPhone === s.customer.phone ? null : 'smsNotCustomerPhone'
    case 'attachment.added':
    case 'attachment.removed':
      return attachmentRefusal(s, d)
    case 'complaint.reopened':
      return d.payload.receivedAt ? timeProblem(d.payload.receivedAt, s.receivedAt, ctx) : null
    case 'review.requested': {
      const window = reviewWindow(s, ctx)!
      if (instantMs(d.payload.requestedAt) > instantMs(window.until)) return 'reviewWindowClosed'
      return timeProblem(d.payload.requestedAt, window.notifiedAt, ctx)
    }
    case 'field.corrected':
      if (!correctionIsValid(d.payload)) return 'invalidCorrection'
      return d.payload.field === 'receivedAt' && receiptCorrectionIsLate(s, String(d.payload.value), ctx)
        ? 'receiptCorrectionLate'
        : null
    default:
      return null
  }
}

/**
 * An attachment's id is used once (a retried upload names it again, never a second file); past the maximum a complaint
 * takes no more; only a kept attachment can be removed. The centre checks the same (centreRules.ts).
 */
export function attachmentRefusal(
  s: ComplaintState,
  d: { type: 'attachment.added' | 'attachment.removed' | EventType; payload: unknown },
): Refusal | null {
  const id = (d.payload as { attachmentId: string }).attachmentId
  if (d.type === 'attachment.removed')
    return s.attachments?.some((a) => a.attachmentId === id) ? null : 'noSuchAttachment'
  if (knownAttachment(s, id)) return 'duplicateAttachment'
  return (s.attachments?.length ?? 0) >= MAX_ATTACHMENTS_PER_COMPLAINT ? 'tooManyAttachments' : null
}

/** Why an extension to `newDueDate` may not be recorded (or asked for) now (the move itself is allowed). */
function extensionRefusal(
  s: ComplaintState,
  newDueDate: string,
  ctx: DecideContext,
  mode: 'record' | 'request',
): Refusal | null {
  const limits = extensionLimits(s, ctx)
  if (newDueDate <= chinaDate(ctx.now)) return 'extensionBeforeToday'
  // An "extension" that does not move the reply date past the one in force would tell the customer of a delay that is none.
  if (newDueDate <= limits.replyDue) return 'extensionNotLater'
  if (newDueDate > limits.requestCap) return 'extensionPastCap'
  return mode === 'record' && newDueDate > limits.cap ? 'extensionNeedsSuperior' : null
}

/** An approver decides with the level they hold; past 30 days only a superior's approval counts (Art. 18). */
function approvalRefusal(
  s: ComplaintState,
  newDueDate: string,
  p: EventPayload<'extension.decided'>,
  ctx: DecideContext,
): Refusal | null {
  const level = p.level ?? 'supervisor'
  if (ctx.actor && !mayApprove(ctx.actor, level)) return 'approvalNeedsSuperior'
  return p.approved && approvalNeeded(s, newDueDate, ctx) === 'superior' && level !== 'superior'
    ? 'approvalNeedsSuperior'
    : null
}

/** A later receipt time may be entered only while no deadline can have passed (see clockStart). */
function receiptCorrectionIsLate(s: ComplaintState, value: string, ctx: DecideContext): boolean {
  const policy = ctx.policy ?? DEFAULT_POLICY
  const start = instantMs(clockStart(s, policy))
  const grace = Math.min(policy.firstResponseHours, policy.handlingHours) * 3600_000
  return instantMs(value) > start && ctx.now.getTime() > start + grace
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
