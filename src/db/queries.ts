import { phoneDigits } from '@/domain/phone'
import { caseNumberQuery } from '@/domain/complaint/caseLabel'
import { chinaDate } from '@/domain/chinaTime'
import { fold } from '@/domain/complaint/fold'
import type { ComplaintState, ComplaintStatus } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import type { ComplaintRow, StoredEvent } from './schema'
import { blindKey } from './crypto/blindIndex'
import { currentKeys, TabletLocked } from './crypto/keyring'
import { openRows } from './crypto/sealMiddleware'
import { MAX_NAME_KEY, MIN_PHONE_KEY, phoneKeyTerm } from '@/domain/privacy/sealedFields'
import { blindQueryTerm, searchTerms } from './searchTerms'

/**
 * Every part of these compound keys is an ASCII string (ids, ISO times, status names), so '' and U+FFFF bound
 * them; Dexie.minKey/maxKey inside a compound key are refused by some IndexedDB implementations.
 */
const LOWEST = ''
const HIGHEST = '\uffff'

export interface BookCursor {
  receivedAt: string
  id: string
}

export interface BookQuery {
  status?: ComplaintStatus
  /** The row's category: this value, or one the test accepts (the book's business-type filter, see businessMatcher). */
  category?: string | ((category: string) => boolean)
  ownerId?: string
  /** Received on or after / before this instant (ISO, UTC). */
  from?: string
  to?: string
  /** The last row of the previous page: keyset paging stays fast at any depth, unlike offset(). */
  after?: BookCursor
  limit?: number
}

/**
 * A page of the complaint book, newest received first. The status and date range are read off the compound
 * indexes; category and owner are checked on the rows the index yields, and the scan stops at `limit`.
 */
export async function bookPage(db: ComplaintDb, q: BookQuery = {}): Promise<ComplaintRow[]> {
  const limit = q.limit ?? 50
  const lo = q.from ?? LOWEST
  let hi = q.to ?? HIGHEST
  let hiId = HIGHEST
  if (q.after && (q.to === undefined || q.after.receivedAt <= q.to)) {
    hi = q.after.receivedAt
    hiId = q.after.id
  }
  const coll = q.status
    ? db.complaints
        .where('[status+receivedAt+id]')
        .between([q.status, lo, LOWEST], [q.status, hi, hiId], true, !q.after)
    : db.complaints.where('[receivedAt+id]').between([lo, LOWEST], [hi, hiId], true, !q.after)
  const category = q.category
  const inCategory = typeof category === 'function' ? category : (c: string) => c === category
  const extra = (r: ComplaintRow) => (!category || inCategory(r.category)) && (!q.ownerId || r.ownerId === q.ownerId)
  // A filtered read walks a cursor, whose rows come sealed: opened here (the plain read is opened by the store).
  if (q.category || q.ownerId) return openRows(await coll.reverse().filter(extra).limit(limit).toArray())
  return coll.reverse().limit(limit).toArray()
}

/**
 * What needs the manager now: a deadline overdue or due soon, a follow-up due, or running on an extension (the
 * customer was promised a new date). `dueSoonUntil`: the end of the next working day (domain `dueSoonUntil`), so on
 * the last working day before a holiday the deadlines after it show.
 */
export async function needsAction(db: ComplaintDb, dueSoonUntil: number, limit = 200): Promise<ComplaintRow[]> {
  // dueAt holds UTC ISO text of one shape (toISOString): its order is the instants' order.
  const until = new Date(dueSoonUntil).toISOString()
  const [due, followUps, extended] = await Promise.all([
    db.complaints.where('dueAt').between('0', until, true, true).limit(limit).toArray(),
    db.complaints.where('followUpDue').between('0', chinaDate(dueSoonUntil), true, true).limit(limit).toArray(),
    db.complaints.where('extendedUntil').above('').limit(limit).toArray(),
  ])
  const byId = new Map([...due, ...followUps, ...extended].map((r) => [r.id, r]))
  return [...byId.values()].sort((a, b) =>
    (a.dueAt || a.followUpDue || a.extendedUntil).localeCompare(b.dueAt || b.followUpDue || b.extendedUntil),
  )
}

/** A phone as the book masks it (139****9963): its start and its tail. */
const MASKED_PHONE = /^(\d{3})\*+(\d{3,4})$/

/** The blind key of a term, with the key of the tablet as unlocked now. */
async function keyOf(term: string): Promise<string> {
  const keys = currentKeys()
  if (!keys) throw new TabletLocked()
  return blindKey(keys.index, term)
}

/** The book rows holding this blind key (phone prefix or tail, name start), opened. */
async function byKey(
  db: ComplaintDb,
  term: string,
  limit: number,
  test?: (r: ComplaintRow) => boolean,
): Promise<ComplaintRow[]> {
  const rows = await db.complaints
    .where('find')
    .equals(await keyOf(term))
    .limit(test ? limit * 4 : limit)
    .toArray()
  return test ? rows.filter(test).slice(0, limit) : rows
}

/**
 * Search by a case number, by a phone number's start or its tail (尾号, the last digits customers give), by the
 * start of a customer name, or by words — one character too — in the name and the text: all through indexes. The
 * personal columns are sealed: phone, tail, name and words are found by their blind keys (keyed hashes), then
 * confirmed on the opened rows where a key only approximates the query.
 */
export async function searchComplaints(db: ComplaintDb, text: string, limit = 50): Promise<ComplaintRow[]> {
  const q = text.trim()
  if (!q) return []
  // A case number as the customer reads it out (or its start): straight off its index.
  const caseNumber = caseNumberQuery(q)
  if (caseNumber) return db.complaints.where('caseNumber').startsWith(caseNumber).limit(limit).toArray()
  const masked = MASKED_PHONE.exec(q.replace(/\s/g, ''))
  if (masked) {
    const [, head, tail] = masked
    const t = phoneKeyTerm('t', tail!)
    return byKey(db, t.term, limit, (r) => r.phone.startsWith(head!) && r.phone.endsWith(tail!))
  }
  const digits = phoneDigits(q)
  if (/^\d{3,}$/.test(digits)) return byPhone(db, digits, limit)
  const name = [...q.toLowerCase()]
  const byName = await byKey(
    db,
    `n:${name.slice(0, MAX_NAME_KEY).join('')}`,
    limit,
    name.length > MAX_NAME_KEY ? (r) => r.name.toLowerCase().startsWith(q.toLowerCase()) : undefined,
  )
  const needle = q.toLowerCase()
  const term = blindQueryTerm(q)
  if (!term || byName.length >= limit) return byName
  const seen = new Set(byName.map((r) => r.id))
  // The query's other pairs and words confirm it on the stored keys alone: no text is opened. (Its last character
  // alone is a term only where a run of characters ends, which in the text it may not.)
  const rest = await Promise.all(
    searchTerms(needle)
      .slice(1)
      .filter((t) => [...t].length > 1)
      .map((t) => keyOf(`w:${t}`)),
  )
  const ids = await db.texts
    .where('terms')
    .equals(await keyOf(term))
    .filter((r) => !seen.has(r.id) && rest.every((k) => r.terms.includes(k)))
    .limit(limit - byName.length)
    .primaryKeys()
  const byText = await db.complaints.bulkGet(ids)
  return [...byName, ...byText.filter((r): r is ComplaintRow => r !== undefined)]
}

/** Numbers ending with the digits and numbers starting with them; the tail first when it is one (four digits or fewer). */
async function byPhone(db: ComplaintDb, digits: string, limit: number): Promise<ComplaintRow[]> {
  if (digits.length < MIN_PHONE_KEY) return []
  const byPart = (kind: 'p' | 't') => {
    const { term, exact } = phoneKeyTerm(kind, digits)
    const whole =
      kind === 'p' ? (r: ComplaintRow) => r.phone.startsWith(digits) : (r: ComplaintRow) => r.phone.endsWith(digits)
    return byKey(db, term, limit, exact ? undefined : whole)
  }
  const [byTail, byStart] = await Promise.all([byPart('t'), byPart('p')])
  const rows = digits.length <= 4 ? [...byTail, ...byStart] : [...byStart, ...byTail]
  return [...new Map(rows.map((r) => [r.id, r])).values()].slice(0, limit)
}

/** A complaint as it stands, folded from its events (null until its record has arrived). */
export async function complaintState(db: ComplaintDb, complaintId: string): Promise<ComplaintState | null> {
  return fold(await complaintEvents(db, complaintId))
}

/** A complaint's events in clock order, for its timeline. */
export function complaintEvents(db: ComplaintDb, complaintId: string): Promise<StoredEvent[]> {
  return db.events.where('[complaintId+hlc]').between([complaintId, LOWEST], [complaintId, HIGHEST]).toArray()
}

/** Other complaints from the same phone number: a repeat complainant. */
export async function complaintsByPhone(db: ComplaintDb, phone: string, exceptId?: string): Promise<ComplaintRow[]> {
  const digits = phoneDigits(phone)
  if (!digits) return []
  if (digits.length < MIN_PHONE_KEY) return []
  const rows = await byKey(db, phoneKeyTerm('p', digits).term, 20, (r) => r.phone === digits)
  return rows.filter((r) => r.id !== exceptId)
}
