import { z } from 'zod'
import { complaintEventSchema } from '../complaint/events'
import type { ComplaintEvent } from '../complaint/events'

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

export type RejectReason =
  | 'invalid' | 'wrongBranch' | 'wrongDevice' | 'unknownComplaint' | 'conflictingDuplicate' | 'forbidden'

export type PushResult =
  | { id: string; status: 'accepted'; serverSeq: number }
  | { id: string; status: 'rejected'; reason: RejectReason; message: string }

export interface PushResponse {
  protocol: typeof PROTOCOL_VERSION
  results: PushResult[]
}

export const pullQuerySchema = z.object({
  protocol: z.coerce.number().pipe(z.literal(PROTOCOL_VERSION, { error: 'unsupportedProtocol' })),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_EVENTS).default(500),
})

export type PulledEvent = ComplaintEvent & { serverSeq: number }

export interface PullResponse {
  protocol: typeof PROTOCOL_VERSION
  events: PulledEvent[]
  /** The server sequence of the last event returned: the next pull asks for events after it. */
  cursor: number
  hasMore: boolean
  /** Central settings (calendar overrides, policy, taxonomy) as of this pull. */
  settings?: { calendar?: unknown; policy?: unknown; taxonomy?: unknown; version: number }
}

export const pulledEventSchema = complaintEventSchema.and(z.object({ serverSeq: z.number().int().positive() }))
