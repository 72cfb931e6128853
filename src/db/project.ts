import { complaintSummary, computeClocks, pendingFollowUp } from '@/domain'
import type { ClockContext, ComplaintEvent, ComplaintState, EventDraft } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import type { ComplaintRow, TextRow } from './schema'
import { reversed } from './reversed'
import { summaryOf, textRow } from './textRow'

/**
 * The complaint book's row for a folded complaint.
 * `ctx`: the calendar and policy in force (the centre's, once synced) and the time of projection.
 */
export function project(state: ComplaintState, ctx: ClockContext = { now: new Date() }): ComplaintRow {
  const { due, awaiting, phone, finished } = complaintSummary(state, computeClocks(state, ctx))
  return {
    id: state.id,
    branchId: state.branchId,
    status: state.status,
    // UTC so that the index sorts correctly whatever offset the time was entered with.
    receivedAt: new Date(state.receivedAt).toISOString(),
    dueAt: due?.dueAt ?? '',
    dueClock: due?.clock ?? '',
    phone: phone ?? '',
    phoneReversed: reversed(phone ?? ''),
    name: state.customer.name,
    category: state.codes.B ?? (state.preStandard ? (state.category ?? '') : ''),
    ownerId: state.owner.staffId,
    followUpDue: pendingFollowUp(state) ?? '',
    extendedUntil: state.extensions.length > 0 && !finished ? state.extensions.at(-1)!.newDueDate : '',
    awaiting,
    summary: summaryOf(state),
    ...(state.caseNumber ? { caseNumber: state.caseNumber } : {}),
  }
}

/** Rows are flat: strings, and string lists (`awaiting`) compared in order. */
function same(a: ComplaintRow | TextRow, b: ComplaintRow | TextRow): boolean {
  const keys = Object.keys(a) as (keyof typeof a)[]
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => {
    const x: unknown = a[k]
    const y: unknown = (b as typeof a)[k]
    return Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, i) => v === y[i]) : x === y
  })
}

/**
 * Whether an event (or a draft) can change what word search finds: only the record and corrections of the
 * customer's name, the description or the demand. Other events never read or write `texts`, whose ~20 index entries a row would
 * otherwise cost on every page of pulled events.
 */
export function changesText(e: EventDraft | ComplaintEvent): boolean {
  return (
    e.type === 'complaint.recorded' ||
    (e.type === 'field.corrected' &&
      (e.payload.field === 'description' || e.payload.field === 'demand' || e.payload.field === 'customer.name'))
  )
}

/**
 * Events whose fold changes nothing the book row or the search text is projected from: a note, a photo added or
 * removed. A pulled page is mostly such events on complaints already held (issue 19); refolding those complaints
 * meant reading and opening (AES-GCM) every event they hold, to write nothing. Their events are stored, and a
 * complaint's page folds them as it reads the timeline.
 */
const BOOK_INERT: ReadonlySet<ComplaintEvent['type']> = new Set([
  'note.added',
  'attachment.added',
  'attachment.removed',
])

/** Whether an event can change its complaint's book row or text (see BOOK_INERT): only those are refolded on a pull. */
export function changesRow(e: ComplaintEvent): boolean {
  return !BOOK_INERT.has(e.type)
}

/** What is stored for some complaints: their book rows, and the texts of those whose text may have changed. */
export interface StoredProjections {
  rows: (ComplaintRow | undefined)[]
  texts: Map<string, TextRow | undefined>
}

/**
 * The book rows and search texts of these complaints that differ from what is stored (`stored.rows[i]` belongs
 * to `states[i]`; a text is considered only when `stored.texts` has the complaint). IndexedDB rewrites every
 * index entry of a row it puts, and most events change nothing the book shows, so only these are written.
 */
export function changedProjections(states: ComplaintState[], ctx: ClockContext, stored: StoredProjections) {
  const changed = { rows: [] as ComplaintRow[], texts: [] as TextRow[] }
  states.forEach((state, i) => {
    const row = project(state, ctx)
    const old = stored.rows[i]
    if (!old || !same(old, row)) changed.rows.push(row)
    if (!stored.texts.has(state.id)) return
    const text = textRow(state)
    const oldText = stored.texts.get(state.id)
    // The stored terms are keyed hashes (sealMiddleware), never equal to the plaintext ones: the text decides.
    if (!oldText || oldText.text !== text.text) changed.texts.push(text)
  })
  return changed
}

/**
 * Reads what is stored, then writes what changed (see changedProjections), inside the caller's transaction.
 * `textMayChange`: the complaints whose text is to be checked (see changesText).
 */
export async function writeProjections(
  db: ComplaintDb,
  states: ComplaintState[],
  ctx: ClockContext,
  textMayChange: (id: string) => boolean,
): Promise<void> {
  if (states.length === 0) return
  const textIds = states.map((s) => s.id).filter(textMayChange)
  const [rows, texts] = await Promise.all([db.complaints.bulkGet(states.map((s) => s.id)), db.texts.bulkGet(textIds)])
  await putProjections(
    db,
    changedProjections(states, ctx, { rows, texts: new Map(textIds.map((id, i) => [id, texts[i]])) }),
  )
}

export function putProjections(db: ComplaintDb, changed: { rows: ComplaintRow[]; texts: TextRow[] }): Promise<unknown> {
  return Promise.all([
    changed.rows.length > 0 && db.complaints.bulkPut(changed.rows),
    changed.texts.length > 0 && db.texts.bulkPut(changed.texts),
  ])
}
