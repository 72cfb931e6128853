import { phoneDigits } from '@/domain/phone'
import { caseNumberQuery } from '@/domain/complaint/caseLabel'
import { chinaDate } from '@/domain/chinaTime'
import { fold } from '@/domain/complaint/fold'
import type { ComplaintState, ComplaintStatus } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import type { ComplaintRow, StoredEvent } from './schema'
import { reversed } from './reversed'
import { searchTerms } from './searchTerms'

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
    ? db.complaints.where('[status+receivedAt+id]').between([q.status, lo, LOWEST], [q.status, hi, hiId], true, !q.after)
    : db.complaints.where('[receivedAt+id]').between([lo, LOWEST], [hi, hiId], true, !q.after)
  const category = q.category
  const inCategory = typeof category === 'function' ? category : (c: string) => c === category
  const extra = (r: ComplaintRow) => (!category || inCategory(r.category)) && (!q.ownerId || r.ownerId === q.ownerId)
  const filtered = q.category || q.ownerId ? coll.reverse().filter(extra) : coll.reverse()
  return filtered.limit(limit).toArray()
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
  return [...byId.values()].sort((a, b) => (a.dueAt || a.followUpDue || a.extendedUntil).localeCompare(b.dueAt || b.followUpDue || b.extendedUntil))
}

/** How many complaints have a deadline overdue or due before `dueSoonUntil`: the header's and the app icon's badge. */
export function countDueSoon(db: ComplaintDb, dueSoonUntil: number): Promise<number> {
  return db.complaints.where('dueAt').between('0', new Date(dueSoonUntil).toISOString(), true, true).count()
}

/** A phone as the book masks it (139****9963): its start and its tail. */
const MASKED_PHONE = /^(\d{3})\*+(\d{3,4})$/

/**
 * Search by a case number, by a phone number's start or its tail (尾号, the last digits customers give), by the
 * start of a customer name, or by words — one character too — in the name and the text: all through indexes.
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
    return db.complaints.where('phoneReversed').startsWith(reversed(tail!)).filter((r) => r.phone.startsWith(head!)).limit(limit).toArray()
  }
  const digits = phoneDigits(q)
  if (/^\d{3,}$/.test(digits)) return byPhone(db, digits, limit)
  const byName = await db.complaints.where('name').startsWith(q).limit(limit).toArray()
  const needle = q.toLowerCase()
  // A one-character query has no term of its own: the terms that start with it are those of every text holding it.
  const [first = [...needle].length === 1 ? needle : undefined] = searchTerms(q)
  if (!first || byName.length >= limit) return byName
  const seen = new Set(byName.map((r) => r.id))
  // Every text with a term starting with the one character holds it: keys alone answer, no text is read.
  const ids = [...first].length === 1
    ? (await db.texts.where('terms').startsWith(first).distinct().limit(limit).primaryKeys()).filter((id) => !seen.has(id)).slice(0, limit - byName.length)
    : await db.texts.where('terms').equals(first).filter((r) => !seen.has(r.id) && r.text.includes(needle)).limit(limit - byName.length).primaryKeys()
  const byText = await db.complaints.bulkGet(ids)
  return [...byName, ...byText.filter((r): r is ComplaintRow => r !== undefined)]
}

/** Numbers ending with the digits and numbers starting with them; the tail first when it is one (four digits or fewer). */
async function byPhone(db: ComplaintDb, digits: string, limit: number): Promise<ComplaintRow[]> {
  const [byTail, byStart] = await Promise.all([
    db.complaints.where('phoneReversed').startsWith(reversed(digits)).limit(limit).toArray(),
    db.complaints.where('phone').startsWith(digits).limit(limit).toArray(),
  ])
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
  const rows = await db.complaints.where('phone').equals(digits).limit(20).toArray()
  return rows.filter((r) => r.id !== exceptId)
}
