import { z } from 'zod'
import { complaintEventSchema } from '../complaint/events'
import type { ComplaintEvent } from '../complaint/events'
import type { CaseNumbering } from '../complaint/caseNumber'

/**
 * The sync protocol between a tablet and the central endpoint, shared by both (like Dexie Cloud's
 * dexie-cloud-common). Versioned: a server refuses a protocol it does not speak with a clear 4xx, and a
 * tablet with an old app is told to update rather than silently misread.
 */
export const PROTOCOL_VERSION = 1
export const MAX_PUSH_EVENTS = 500
export const MAX_PULL_EVENTS = 1000

/** Events are checked one by one on the server, so the batch itself is only a list of objects here. */
export const pushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION, { error: 'unsupportedProtocol' }),
  events: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_PUSH_EVENTS, { error: 'batchTooLarge' }),
})
export type PushRequest = { protocol: typeof PROTOCOL_VERSION; events: ComplaintEvent[] }

/** Why the centre refused an event for good; the tablet shows each in its user's language (`sync.reasons.*`). */
export const REJECT_REASONS = [
  'invalid',
  'wrongBranch',
  'wrongDevice',
  'unknownComplaint',
  'conflictingDuplicate',
  'forbidden',
  'beforeReceipt',
  'receivedInFuture',
  'alreadyRecorded',
  /** The record's case number is malformed, not this branch's and tablet's, or given before (message: the code). */
  'caseNumber',
  /** A rule of the procedure the centre enforces (centreRules.ts); the message is the refusal's code (`refusals.*`). */
  'refused',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

/**
 * Per event: stored (with its server sequence), refused for good (with a coded reason the tablet shows), or
 * deferred — not stored yet, sent again later (a clock ahead of the centre's time: see eventBounds.ts).
 */
export type PushResult =
  | { id: string; status: 'accepted'; serverSeq: number }
  | { id: string; status: 'rejected'; reason: RejectReason; message: string }
  | { id: string; status: 'deferred'; reason: 'clockAhead'; message: string }

export interface PushResponse {
  protocol: typeof PROTOCOL_VERSION
  results: PushResult[]
}

/** Query values arrive as text: whole decimal numbers only (no `1e3`, `0x10`, spaces or `Infinity`). */
const wholeNumber = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'invalidNumber' })
  .transform(Number)

export const pullQuerySchema = z.object({
  protocol: wholeNumber.pipe(z.literal(PROTOCOL_VERSION, { error: 'unsupportedProtocol' })),
  after: wholeNumber.default(0),
  limit: wholeNumber.pipe(z.number().int().min(1).max(MAX_PULL_EVENTS)).default(500),
  /** What the tablet reports for the administrator's list: events it has not pushed yet, its app's version. */
  pending: wholeNumber.pipe(z.number().int().max(10_000_000)).optional(),
  app: z
    .string()
    .regex(/^[\w.+-]{1,40}$/, { error: 'invalidVersion' })
    .optional(),
  /** The tablet can erase its data when revoked with a wipe (`1`): only then does the console offer it. */
  wipe: z.literal('1').optional(),
})

/** What a tablet tells the centre about itself with each pull. */
export interface TabletReport {
  pending: number
  app: string
  wipe: boolean
}

export type PulledEvent = ComplaintEvent & { serverSeq: number }

export interface PullResponse {
  protocol: typeof PROTOCOL_VERSION
  events: PulledEvent[]
  /** The server sequence of the last event returned: the next pull asks for events after it. */
  cursor: number
  hasMore: boolean
  /** The centre's time as it answered (ISO): the tablet measures how far its own clock is off (clockSkew.ts). */
  serverTime?: string
  /** Central settings (calendar overrides, policy, taxonomy) as of this pull. */
  settings?: { calendar?: unknown; policy?: unknown; taxonomy?: unknown; sms?: unknown; version: number }
  /**
   * The staff who may use this branch's tablets now (not disabled, of this branch or covering it, administrators):
   * a tablet refuses the PIN of anyone else from this pull on.
   */
  staffIds?: string[]
  /** The branch code and letter this tablet gives case numbers with; null while the branch has no code or no letter is free. */
  caseNumbering?: CaseNumbering | null
  /** The centre sends SMS through the bank's gateway (else the tablet's `sms:` link, declared by the manager). */
  smsGateway?: boolean
  /** A new device token (the old one is due for rotation): the tablet stores it and uses it from now on. */
  deviceToken?: string
}

/** A complaint's whole history at the centre, for a tablet that had pruned it (retention) and pulled a new event of it. */
export interface ComplaintHistoryResponse {
  protocol: typeof PROTOCOL_VERSION
  events: PulledEvent[]
}

export const pulledEventSchema = complaintEventSchema.and(z.object({ serverSeq: z.number().int().positive() }))
