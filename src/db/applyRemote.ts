import { fold, receiveHlc } from '@/domain'
import type { ComplaintState, ComplaintStatus } from '@/domain'
import { decodeHlc } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { loadIdentity, readClock, writeClock } from './meta'
import { changedProjections, changesRow, changesText, putProjections, writeProjections } from './project'
import type { AttachmentRow, ComplaintRow, StoredEvent } from './schema'
import { removedAttachments } from './commit'
import type { EventOfType } from '@/domain'

/**
 * Stores events that came from the central endpoint (another tablet's work, or our own acknowledged) and
 * refolds the complaints whose book row they can change (changesRow), in one transaction, writing only the book rows
 * and texts that changed.
 * Idempotent: an event already held is overwritten with the same content plus its server sequence.
 * Complaints are refolded once per page, not per event.
 */
export async function applyRemote(
  db: ComplaintDb,
  events: StoredEvent[],
  options: { cursor?: number; now?: () => number } = {},
): Promise<void> {
  const now = options.now ?? Date.now
  await db.transaction('rw', [db.events, db.complaints, db.texts, db.meta, db.attachments], async () => {
    // The pull cursor moves in the same transaction as the events it covers: it never passes what was not stored.
    const cursor = options.cursor !== undefined && db.putMeta('cursor', options.cursor)
    if (events.length === 0) return cursor
    // Only the complaints with an event that can change their row are refolded (changesRow): a note on a complaint
    // held is stored, and nothing of the complaint is read.
    const page = eventsByComplaint(events)
    const refold = new Set(events.filter(changesRow).map((e) => e.complaintId))
    const touched = [...page.keys()].filter((id) => refold.has(id))
    const textIds = [...new Set(events.filter(changesText).map((e) => e.complaintId))]
    // Everything the page needs is asked for in one batch and everything it changes written in one: IndexedDB
    // runs a transaction's requests in order, so the store never idles while this code folds (docs/benchmarks.md).
    const added = events.filter((e): e is EventOfType<'attachment.added'> => e.type === 'attachment.added')
    const [me, storedClock, ctx, held, rows, texts, attachments] = await Promise.all([
      loadIdentity(db),
      readClock(db),
      loadClockContext(db, new Date(now())),
      Promise.all(touched.map((id) => db.events.where('complaintId').equals(id).toArray())),
      db.complaints.bulkGet(touched),
      db.texts.bulkGet(textIds),
      db.attachments.bulkGet(added.map((e) => e.payload.attachmentId)),
    ])
    let clock = storedClock
    for (const e of events) clock = receiveHlc(clock, decodeHlc(e.hlc), now(), me.deviceId)
    // fold drops the copies of events already held (our own, acknowledged): the page is folded with what was.
    const folded = touched
      .map((id, i) => ({ state: fold([...held[i]!, ...page.get(id)!]), row: rows[i] }))
      .filter((f): f is { state: ComplaintState; row: ComplaintRow | undefined } => f.state !== null)
    const changed = changedProjections(
      folded.map((f) => f.state),
      ctx,
      { rows: folded.map((f) => f.row), texts: new Map(textIds.map((id, i) => [id, texts[i]])) },
    )
    const removed = removedAttachments(events)
    // Another tablet's attachment: known from its event, its bytes fetched later (sync's fetchAttachments).
    const toFetch = added
      .filter((e, i) => !attachments[i] && !removed.includes(e.payload.attachmentId))
      .map((e) => remoteAttachmentRow(e))
    await Promise.all([
      cursor,
      db.events.bulkPut(events),
      clock && writeClock(db, clock),
      putProjections(db, changed),
      toFetch.length ? db.attachments.bulkPut(toFetch) : undefined,
      removed.length ? db.attachments.bulkDelete(removed) : undefined,
    ])
  })
}

function remoteAttachmentRow(e: EventOfType<'attachment.added'>): AttachmentRow {
  const { attachmentId, contentType, byteSize, sha256 } = e.payload
  return {
    attachmentId,
    complaintId: e.complaintId,
    eventId: e.id,
    contentType,
    byteSize,
    sha256,
    uploadedBytes: byteSize,
    needsFetch: 1,
  }
}

/** A page's events by the complaint they belong to, in the page's order. */
export function eventsByComplaint<E extends { complaintId: string }>(events: E[]): Map<string, E[]> {
  const page = new Map<string, E[]>()
  for (const e of events) {
    const same = page.get(e.complaintId)
    if (same) same.push(e)
    else page.set(e.complaintId, [e])
  }
  return page
}

/** The statuses whose deadlines can run: a closed or withdrawn complaint has none. */
const OPEN_STATUSES: ComplaintStatus[] = ['new', 'inProgress', 'escalated', 'resolved']

/** Open complaints refolded per transaction by `reprojectOpen`: keeps each block of main-thread work short. */
export const REPROJECT_SLICE = 50

/**
 * After the centre changed the calendar or the policy, or the rules of the clocks changed with an update:
 * recompute the deadline columns of every complaint still open, so the book's "due" and "needs action" follow the
 * new rules at once. Read by status (a complaint whose clocks were all met may have one running again).
 * In slices of REPROJECT_SLICE complaints, one transaction each: a cold pull ends here (the centre's settings come
 * with its last page) with thousands of open complaints, and one transaction folding them all held the main thread
 * for as long (issue 19). Each slice refolds from the events, so a complaint changed between slices stays right.
 */
export async function reprojectOpen(db: ComplaintDb): Promise<number> {
  const ids = (
    await db.transaction('r', [db.complaints], () =>
      Promise.all(
        OPEN_STATUSES.map((s) =>
          db.complaints.where('[status+receivedAt+id]').between([s, '', ''], [s, '\uffff', '\uffff']).primaryKeys(),
        ),
      ),
    )
  ).flat()
  for (let start = 0; start < ids.length; start += REPROJECT_SLICE) {
    const slice = ids.slice(start, start + REPROJECT_SLICE)
    await db.transaction('rw', [db.events, db.complaints, db.texts, db.meta], async () => {
      const [ctx, histories] = await Promise.all([
        loadClockContext(db),
        Promise.all(slice.map((id) => db.events.where('complaintId').equals(id).toArray())),
      ])
      // The calendar and policy move dates, never words: the texts stay as they are.
      await writeProjections(
        db,
        histories.map(fold).filter((s): s is ComplaintState => s !== null),
        ctx,
        () => false,
      )
    })
  }
  return ids.length
}
