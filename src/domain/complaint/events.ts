import { z } from 'zod'
import { HLC_PATTERN, hlcWallMs } from '../hlc'
import { isValidPhone } from '../phone'
import { boundedDate, boundedDateTime, isInstantInRange } from '../text/dateBounds'
import { safeString } from '../text/safeText'
import { CODE_PATTERN } from '../taxonomy/codes'
import { isCaseNumber } from './caseNumber'
import { signatureSchema } from './signature'
import { SMS_PURPOSES } from './sms'
import { ATTACHMENT_CONTENT_TYPES, isSafeFileName, MAX_ATTACHMENT_BYTES, SHA256_HEX } from './attachments'
import type { Dimension } from '../taxonomy/codes'
import {
  APPROVAL_LEVELS,
  CHANNELS,
  CONTACT_CHANNELS,
  CONTACT_PURPOSES,
  CORRECTABLE_FIELDS,
  KINDS,
  MAX_REPRESENTATIVES,
  MOOD_MAX,
  MOOD_MIN,
  OPINIONS,
  REMEDIES,
  SCRIPT_STEPS,
  VERDICTS,
} from './vocabulary'

/**
 * Every change to a complaint is one of these immutable events. Messages are i18n keys under `errors.`
 * so the tablet can show them in the manager's language and the server can return them as they are.
 */

const text = (max: number) => safeString().trim().min(1, { error: 'required' }).max(max, { error: 'tooLong' })
const optionalText = (max: number) => safeString().trim().max(max, { error: 'tooLong' }).optional()
const isoDateTime = boundedDateTime()
const isoDate = boundedDate()
const staffRef = z.object({ staffId: text(64), staffName: text(100) })
const requestId = z.uuid({ error: 'invalidId' })

export const phoneSchema = safeString().trim().refine(isValidPhone, { error: 'invalidPhone' })

export const customerSchema = z.object({
  name: text(100),
  phone: phoneSchema.optional(),
  consentSms: z.boolean().default(false),
  consentPhone: z.boolean().default(false),
})

/** A JR/T 0169-2018 code of one dimension (whether the table has it is the tablet's and the centre's concern). */
export const codeSchema = (d: Dimension) =>
  z
    .string()
    .regex(CODE_PATTERN, { error: 'invalidCode' })
    .refine((c) => c.startsWith(d), { error: 'invalidCode' })

export const groupSchema = z.object({
  size: z.int({ error: 'invalidNumber' }).min(2, { error: 'groupTooSmall' }).max(10_000, { error: 'invalidNumber' }),
  representatives: z.array(text(100)).max(MAX_REPRESENTATIVES, { error: 'tooManyRepresentatives' }).default([]),
})

const payloads = {
  'complaint.recorded': z.object({
    customer: customerSchema,
    channel: z.enum(CHANNELS),
    kind: z.enum(KINDS),
    /** The app's earlier category and cause: in complaints recorded before `codes`, read through the upgrade mapping. */
    category: optionalText(40),
    cause: optionalText(40),
    /** The complaint's classification by JR/T 0169-2018; absent in complaints recorded before the app had it. */
    codes: z
      .object({ A: codeSchema('A').optional(), B: codeSchema('B').optional(), C: codeSchema('C').optional() })
      .optional(),
    description: text(4000),
    demand: optionalText(2000),
    customerPresent: z.boolean().default(true),
    group: groupSchema.optional(),
    recordingRef: optionalText(200),
    receivedAt: isoDateTime,
    /** The number the customer is given (caseNumber.ts); absent in complaints recorded before, or on an unnumbered tablet. */
    caseNumber: z.string().refine(isCaseNumber, { error: 'invalidCaseNumber' }).optional(),
  }),
  /** The first response to the customer (section II.2: within 24 hours). */
  'complaint.acknowledged': z.object({ note: optionalText(1000) }),
  'script.stepDone': z.object({
    step: z.enum(SCRIPT_STEPS),
    checked: z.array(safeString().max(60)).max(20).default([]),
    notes: optionalText(2000),
    /** gather: what the customer really wants and the root cause; propose: the plan and promised date. */
    realDemand: optionalText(2000),
    rootCause: optionalText(2000),
    plan: optionalText(2000),
    promisedDate: isoDate.optional(),
  }),
  'script.stepSkipped': z.object({ step: z.enum(SCRIPT_STEPS), reason: text(500) }),
  'script.moodRecorded': z.object({ phase: z.enum(['start', 'end']), mood: z.int().min(MOOD_MIN).max(MOOD_MAX) }),
  'note.added': z.object({ text: text(4000) }),
  'validity.judged': z.object({ verdict: z.enum(VERDICTS), reason: text(2000) }),
  'owner.handedOff': z.object({ to: staffRef, reason: text(1000) }),
  'plan.proposed': z.object({
    cause: text(2000),
    plan: text(4000),
    responsible: staffRef,
    promisedDate: isoDate.optional(),
  }),
  /**
   * A contact that does not decide the complaint: acknowledgement, progress, extension notice, follow-up. Stored
   * contacts with the retired purpose `reply` read as decision notices (see decisionNotices).
   */
  'customer.contacted': z.object({
    channel: z.enum(CONTACT_CHANNELS),
    purpose: z.enum(CONTACT_PURPOSES),
    content: text(2000),
    contactedAt: isoDateTime,
  }),
  /**
   * The decision notice (处理决定告知), which alone answers the complaint (or a review of it). 2020 rule Art. 19: it
   * states what was verified, the basis and reasons, and the remedies open to the customer; Art. 21: the notice
   * counts as given when the SMS was sent or the call placed (`notifiedAt`), the content is kept as proof.
   */
  'decision.notified': z.object({
    channel: z.enum(CONTACT_CHANNELS),
    notifiedAt: isoDateTime,
    decision: text(2000),
    findings: text(2000),
    basis: text(2000),
    remedies: z.array(z.enum(REMEDIES)).min(1, { error: 'required' }).max(REMEDIES.length),
    content: text(2000),
  }),
  /** The decision could not be told: no way to reach the customer, or every attempt failed (what was tried). */
  'customer.unreachable': z.object({ reason: text(2000) }),
  'complaint.escalated': z.object({ reason: text(2000), supervisor: staffRef.optional() }),
  'supervisor.planRecorded': z.object({ plan: text(4000), supervisor: staffRef }),
  'complaint.extended': z.object({
    reason: text(2000),
    newDueDate: isoDate,
    noticeChannel: z.enum(CONTACT_CHANNELS),
    noticeAt: isoDateTime,
    /** Stored events only: a name typed on the form, never an approval (approvals are `extension.decided`). */
    approvedBy: staffRef.optional(),
  }),
  /**
   * An extension asked of an approver: past 30 days only with a superior office's or head-office senior manager's
   * approval (2020 rule Art. 18). The extension itself counts once recorded with the notice to the customer.
   */
  'extension.requested': z.object({ reason: text(2000), newDueDate: isoDate }),
  /**
   * The approver's answer to an extension request, made in their own signed-in or PIN-unlocked name. `level`: the
   * authority it was given with (stored events without it were the bank's own supervisor's).
   */
  'extension.decided': z.object({
    requestId: z.uuid({ error: 'invalidId' }),
    approved: z.boolean(),
    comment: text(2000),
    supervisor: staffRef,
    level: z.enum(APPROVAL_LEVELS).optional(),
  }),
  /** Time excluded from the clocks (2020 rule Art. 18, 23: external appraisal, mediation). */
  'clock.paused': z.object({ reason: text(1000) }),
  'clock.resumed': z.object({ note: optionalText(1000) }),
  'complaint.resolved': z.object({ summary: text(4000) }),
  /** `signature`: the customer signs their opinion on the tablet (optional: by phone there is nobody to sign). */
  'opinion.recorded': z.object({
    opinion: z.enum(OPINIONS),
    words: optionalText(2000),
    signature: signatureSchema().optional(),
  }),
  /** The customer signed the acceptance slip (受理回执) on the tablet; signed again, the last signature stands. */
  'slip.signed': z.object({ signature: signatureSchema() }),
  'complaint.closed': z.object({ note: optionalText(1000) }),
  'followUp.scheduled': z.object({ dueDate: isoDate, note: optionalText(1000) }),
  /** `satisfaction`: asked at each follow-up since it was added; events stored before it lack it. */
  'followUp.done': z.object({
    channel: z.enum(CONTACT_CHANNELS),
    content: text(2000),
    satisfaction: z.enum(OPINIONS).optional(),
  }),
  /** New facts (2020 rule Art. 18): the decision clocks start again from when they were received. */
  'complaint.reopened': z.object({ reason: text(2000), receivedAt: isoDateTime.optional() }),
  /** The customer disputes the decision and asks for it to be reviewed (核查, Art. 20): within 30 days of the notice. */
  'review.requested': z.object({ reason: text(2000), requestedAt: isoDateTime }),
  /** 2020 rule Art. 15: a withdrawal ends the procedure. */
  'complaint.withdrawn': z.object({ reason: text(2000) }),
  /**
   * An SMS the centre is to send through the bank's gateway (sms.ts). Personal fields: `recipientPhone` and
   * `messageText` (the customer's number and the words sent). `aboutEventId`: the decision notice or contact it carries.
   */
  'sms.requested': z.object({
    recipientPhone: phoneSchema,
    messageText: text(2000),
    purpose: z.enum(SMS_PURPOSES),
    aboutEventId: requestId.optional(),
  }),
  /** Made by the centre: the gateway took the message (`messageId`, its own reference). */
  'sms.accepted': z.object({ requestId, messageId: text(128) }),
  /** Made by the centre: the gateway's delivery receipt, the proof the customer was told. */
  'sms.delivered': z.object({ requestId, messageId: optionalText(128), deliveredAt: isoDateTime }),
  /** Made by the centre: refused by the gateway or not delivered (its reason, as it said it; no number or text). */
  'sms.failed': z.object({ requestId, reason: text(500) }),
  /**
   * A photo or file kept with the complaint (attachments.ts); its bytes follow apart, uploaded after this event. Personal
   * fields: `fileName` and `caption` (sealed with the payload on the tablet, never logged by the centre).
   */
  'attachment.added': z.object({
    attachmentId: requestId,
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES, { error: 'invalidAttachmentType' }),
    byteSize: z
      .int({ error: 'invalidNumber' })
      .min(1, { error: 'invalidNumber' })
      .max(MAX_ATTACHMENT_BYTES, { error: 'attachmentTooLarge' }),
    sha256: z.string().regex(SHA256_HEX, { error: 'invalidChecksum' }),
    fileName: optionalText(200).refine((n) => n === undefined || isSafeFileName(n), { error: 'invalidFileName' }),
    caption: optionalText(500),
  }),
  /** An attachment taken by mistake (the wrong paper, the wrong customer): hidden, its bytes deleted; the event stays. */
  'attachment.removed': z.object({ attachmentId: requestId, reason: text(500) }),
  'field.corrected': z.object({
    field: z.enum(CORRECTABLE_FIELDS),
    value: z.union([safeString().max(4000), z.number(), z.boolean(), z.null()]),
    reason: text(1000),
  }),
} as const

export type EventType = keyof typeof payloads
export const EVENT_TYPES = Object.keys(payloads) as EventType[]
export type EventPayload<T extends EventType> = z.output<(typeof payloads)[T]>
/** What a command produces before the write path stamps it with id, clock and actor. */
export type PayloadInput<T extends EventType> = z.input<(typeof payloads)[T]>

/** The current version of every event's schema; bumped per type when its payload changes shape. */
export const EVENT_SCHEMA_VERSION = 1

export const actorSchema = z.object({
  staffId: text(64),
  staffName: text(100),
  deviceId: z.string().regex(/^[\w-]{1,64}$/, { error: 'invalidDevice' }),
})
export type Actor = z.infer<typeof actorSchema>

const envelope = {
  id: z.uuid({ error: 'invalidId' }),
  complaintId: z.uuid({ error: 'invalidId' }),
  branchId: text(64),
  v: z.literal(EVENT_SCHEMA_VERSION, { error: 'unsupportedVersion' }),
  hlc: z
    .string()
    .regex(HLC_PATTERN, { error: 'invalidClock' })
    .refine((h) => isInstantInRange(hlcWallMs(h)), { error: 'clockOutOfRange' }),
  actor: actorSchema,
}

function eventSchema<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), payload: payloads[type] })
}

export const complaintEventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map(eventSchema) as unknown as [ReturnType<typeof eventSchema<EventType>>],
  { error: 'unknownEventType' },
)

type EventOf<T extends EventType> = {
  id: string
  complaintId: string
  branchId: string
  v: typeof EVENT_SCHEMA_VERSION
  hlc: string
  actor: Actor
  type: T
  payload: EventPayload<T>
}
export type ComplaintEvent = { [T in EventType]: EventOf<T> }[EventType]
export type EventOfType<T extends EventType> = Extract<ComplaintEvent, { type: T }>

export function payloadSchema<T extends EventType>(type: T): (typeof payloads)[T] {
  return payloads[type]
}

export interface EventIssue {
  path: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: EventIssue[] }

/** Validates an event from anywhere (a form, IndexedDB, the network) and says exactly what is wrong. */
export function parseEvent(input: unknown): ParseResult<ComplaintEvent> {
  const r = complaintEventSchema.safeParse(input)
  if (r.success) return { ok: true, value: r.data as ComplaintEvent }
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
}
