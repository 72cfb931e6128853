import type { Transaction } from 'dexie'
import type { AttachmentContentType, ClockName, ComplaintEvent, ComplaintState, ComplaintStatus } from '@/domain'
import type { Envelope } from '@/domain/privacy/sealedFields'
import type { AwaitingSupervisor } from '@/domain/complaint/supervisorQueue'
import { summaryOf, textRow, textRowOf } from './textRow'
import { upgradeToV3 } from './upgrades/v3'

/**
 * One row of the complaint book: the columns the book shows and queries, and nothing else. The complaint's
 * full state is folded from its events when it is opened (see complaintState), so that the many events that
 * change nothing the book shows (a note, a contact, a script step) never rewrite this row and its indexes.
 */
export interface ComplaintRow {
  id: string
  branchId: string
  status: ComplaintStatus
  receivedAt: string
  /** The date the book warns by (empty string when none: Dexie leaves such rows out of the index's range queries). */
  dueAt: string
  /**
   * The clock `dueAt` belongs to, so the book can say which deadline it is. Not indexed: rows written before it
   * existed lack it until reprojected (see projectionVersion.ts).
   */
  dueClock?: ClockName | ''
  /** Normalised digits, for prefix search by phone. */
  phone: string
  /** The same digits last first, for search by the phone's tail (尾号): the last four digits customers give. */
  phoneReversed: string
  name: string
  /**
   * The complaint's JR/T 0169 business-type code (B), or, for a complaint recorded before the codes, its old
   * category, read through the upgrade mapping when the book filters (so a reviewed mapping needs no rewrite).
   */
  category: string
  ownerId: string
  /** A scheduled follow-up not yet done (`YYYY-MM-DD`), or empty. */
  followUpDue: string
  /** The extended reply date of an open, extended complaint, or empty. */
  extendedUntil: string
  /** What the complaint waits for from a supervisor: a multi-entry index, so the desk's queue never scans. */
  awaiting: AwaitingSupervisor[]
  /** The start of the description, as the book's line shows it. */
  summary: string
  /**
   * The case number the customer was given (`ZS-261203-A01`), or empty. Indexed: the book finds a complaint by it,
   * and the write path finds the tablet's last number of the day. Rows of complaints recorded before have none.
   */
  caseNumber?: string
}

/**
 * The words of a complaint for search, in their own store: the ~20 index entries of `terms` are written when a
 * complaint is recorded or its text corrected, not each time its status or dates move.
 */
export interface TextRow {
  id: string
  /** The indexed text, lower-cased: what a match is confirmed on. */
  text: string
  /** Search terms of the text (see searchTerms): a multi-entry index, so word search never scans. */
  terms: string[]
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

export type { MetaRow } from './metaValues'

/**
 * A photo or file of a complaint on this tablet (src/db/attachments.ts). Its bytes are sealed whole with the tablet's
 * data key (`sealed`, one binary envelope: sealedFields.ts SEALED_FILES); the clear fields name no customer.
 * Its name and caption are in the `attachment.added` event, sealed with it.
 */
export interface AttachmentRow {
  attachmentId: string
  complaintId: string
  /** The `attachment.added` event: an upload waits until the centre holds it. */
  eventId: string
  contentType: AttachmentContentType
  byteSize: number
  sha256: string
  /** The bytes; absent while another tablet's attachment is not fetched yet. */
  sealed?: Envelope
  /** How many bytes the centre said it holds (an upload resumes there). */
  uploadedBytes: number
  /** 1 while the centre does not hold all of it (indexed; removed once it does: IndexedDB leaves a row out of an index without the key). */
  needsUpload?: 1
  /** 1 for another tablet's attachment whose bytes are not here yet (indexed, as needsUpload). */
  needsFetch?: 1
  /** When the bytes were fetched from the centre. */
  fetchedAt?: number
  /** The centre refused the bytes for good (their checksum or type did not match the event): never sent again. */
  rejected?: { code: string; at: number }
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
export const SCHEMA_VERSIONS: {
  version: number
  stores: Record<string, string | null>
  upgrade?: (tx: Transaction) => Promise<unknown>
}[] = [
  {
    version: 1,
    stores: {
      events: 'id, complaintId, [complaintId+hlc], serverSeq',
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, name, category, ownerId, *terms',
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
    stores: {
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, name, category, ownerId, *terms, *awaiting',
    },
    // Frozen as released (upgrades/v3.ts): it does not follow later changes of the domain's rules.
    upgrade: upgradeToV3,
  },
  {
    // v4: the book's rows lose the folded state (and its clock), so a row is rewritten only when what the book
    // shows or queries changes; the search terms move to their own store, written only when the text changes; the
    // category and owner indexes go (the book checks those on the rows it pages through). See docs/benchmarks.md.
    version: 4,
    stores: {
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, name, *awaiting',
      texts: 'id, *terms',
    },
    upgrade: upgradeToV4,
  },
  {
    // v5: search by a phone's tail (尾号), and by one character of a name or a word: the book rows get their phone
    // reversed (its own index), and the texts hold the customer's name and the terms one character is found by.
    version: 5,
    stores: {
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, phoneReversed, name, *awaiting',
    },
    upgrade: upgradeToV5,
  },
  {
    // v6: case numbers, by which the book finds a complaint and the write path numbers the next one. No rows move:
    // complaints recorded before have none, and a row without the field is simply not in the index.
    version: 6,
    stores: {
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, phone, phoneReversed, name, *awaiting, caseNumber',
    },
  },
  {
    // v7: a lost tablet gives away nothing (issue 17). The book's personal columns are sealed, so their plaintext
    // indexes (phone, its tail, name) go; one multi-entry index of blind keys (keyed hashes of phone prefixes and
    // tails and name starts, see sealedFields.ts) serves all three. No row moves here: the upgrade runs before anyone
    // has unlocked, without the key; the first unlock seals what is stored, a page at a time (sealStored.ts).
    version: 7,
    stores: {
      complaints:
        'id, [receivedAt+id], [status+receivedAt+id], dueAt, followUpDue, extendedUntil, *find, *awaiting, caseNumber',
    },
  },
  {
    // v8: photos and files of a complaint (issue 20 §2), their bytes sealed. A new store: no row moves.
    version: 8,
    stores: { attachments: 'attachmentId, complaintId, needsUpload, needsFetch' },
  },
]

/** A v1–v3 row: the book's columns plus the folded state and the search terms. */
type V3Row = ComplaintRow & { state: ComplaintState; terms: string[]; updatedHlc?: string }

/** Moves the rows a page at a time, so a tablet with years of complaints never holds them all in memory. */
async function upgradeToV4(tx: Transaction): Promise<void> {
  const complaints = tx.table<V3Row | ComplaintRow, string>('complaints')
  const texts = tx.table<TextRow, string>('texts')
  let after = ''
  for (;;) {
    const page = (await complaints.where(':id').above(after).limit(500).toArray()) as V3Row[]
    if (page.length === 0) return
    await texts.bulkPut(page.map((r) => textRow(r.state)))
    await complaints.bulkPut(
      page.map(({ state, terms: _terms, updatedHlc: _hlc, ...row }) => ({ ...row, summary: summaryOf(state) })),
    )
    after = page.at(-1)!.id
  }
}

/** A page at a time, as upgradeToV4; the texts are rebuilt from what they held (already the start of the text). */
async function upgradeToV5(tx: Transaction): Promise<void> {
  const complaints = tx.table<ComplaintRow, string>('complaints')
  const texts = tx.table<TextRow, string>('texts')
  let after = ''
  for (;;) {
    const page = await complaints.where(':id').above(after).limit(500).toArray()
    if (page.length === 0) return
    const old = await texts.bulkGet(page.map((r) => r.id))
    await texts.bulkPut(page.map((r, i) => textRowOf(r.id, `${r.name} ${old[i]?.text ?? ''}`)))
    await complaints.bulkPut(page.map((r) => ({ ...r, phoneReversed: [...r.phone].reverse().join('') })))
    after = page.at(-1)!.id
  }
}

export const DB_NAME = 'complaint-desk'
