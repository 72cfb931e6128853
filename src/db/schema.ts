import type { Transaction } from 'dexie'
import type { ComplaintEvent, ComplaintState, ComplaintStatus } from '@/domain'
import { awaitingSupervisor } from '@/domain/complaint/supervisorQueue'
import type { AwaitingSupervisor } from '@/domain/complaint/supervisorQueue'

/** One row of the complaint book: the folded state plus the flat, indexed columns the book queries. */
export interface ComplaintRow {
  id: string
  branchId: string
  status: ComplaintStatus
  receivedAt: string
  /** The date the book warns by (empty string when none: Dexie leaves such rows out of the index's range queries). */
  dueAt: string
  /** Normalised digits, for prefix search by phone. */
  phone: string
  name: string
  category: string
  ownerId: string
  /** A scheduled follow-up not yet done (`YYYY-MM-DD`), or empty. */
  followUpDue: string
  /** The extended reply date of an open, extended complaint, or empty. */
  extendedUntil: string
  /** Search terms of the text (see searchTerms): a multi-entry index, so word search never scans the table. */
  terms: string[]
  /** What the complaint waits for from a supervisor: a multi-entry index, so the desk's queue never scans. */
  awaiting: AwaitingSupervisor[]
  updatedHlc: string
  state: ComplaintState
}

export interface OutboxRow {
  eventId: string
  complaintId: string
  /** Local insertion order: the outbox is pushed first in, first out. */
  queuedAt: number
  attempts: number
  lastError?: string
  /** The server refused this event for good: kept and shown to the user, never retried, never blocking others. */
  rejected?: { reason: string; message: string; at: number }
}

export type StoredEvent = ComplaintEvent & {
  /** The server's sequence once the central endpoint has stored it. */
  serverSeq?: number
}

export interface MetaRow {
  key: string
  value: unknown
}

export interface DraftRow {
  key: string
  value: unknown
  savedAt: number
}

/**
 * The IndexedDB schema, one entry per version. Append-only: a released version is never edited, a change
 * is a new version (with an upgrade function when data must move), and each has an upgrade test.
 */
export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string | null>; upgrade?: (tx: Transaction) => Promise<unknown> }[] = [
  {
    version: 1,
    stores: {
      events: 'id, complaintId, [complaintId+hlc], serverSeq',
      complaints: 'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, name, category, ownerId, *terms',
      outbox: 'eventId, queuedAt, complaintId',
      meta: 'key',
    },
  },
  {
    // v2: unsaved forms survive an app update or a crash.
    version: 2,
    stores: { drafts: 'key, savedAt' },
  },
  {
    // v3: the supervisor's desk finds escalations and extension requests by index. States stored before
    // extension requests existed get the empty list, so nothing that reads them needs to guess.
    version: 3,
    stores: { complaints: 'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, name, category, ownerId, *terms, *awaiting' },
    upgrade: (tx) => tx.table<ComplaintRow>('complaints').toCollection().modify((row) => {
      row.state.extensionRequests ??= []
      row.awaiting = awaitingSupervisor(row.state)
    }),
  },
]

export const DB_NAME = 'complaint-desk'
