/**
 * What of each IndexedDB store is personal, and so sealed (encrypted with the tablet's data key) at rest. Pure: the
 * tablet's sealing layer (src/db/crypto) applies it; the architecture's threat model cites it.
 *
 * Left in the clear, because the indexes and the sync need them and they name no customer: ids, the branch, the
 * event's type, its hybrid clock and its actor (a staff member), the server sequence; the book row's status, dates,
 * deadline columns, category code, owner (staff), what it awaits from a supervisor and its case number.
 */
export const SEALED_FIELDS = {
  /** An event's payload holds everything the customer said: name, phone, description, demand, notes, contacts, signatures. */
  events: ['payload'],
  /** The book's display values. Their search is served by blind keys (`find`), never by these. */
  complaints: ['name', 'phone', 'phoneReversed', 'summary'],
  /** The text search confirms on; its terms are stored only as keyed hashes. */
  texts: ['text'],
  /** Whatever a half-filled form holds. */
  drafts: ['value'],
} as const satisfies Record<string, readonly string[]>

export type SealedStore = keyof typeof SEALED_FIELDS

/**
 * Stores holding a customer's file (a photo of a slip, a letter): its bytes are sealed whole as one binary envelope
 * (`sealed`), never as JSON, by the store's own module (src/db/attachments.ts), not by the row middleware. What stays
 * in the clear names no customer: ids, the type, the size, the upload's progress. The file's name and caption are in
 * the `attachment.added` event's payload, sealed with it.
 */
export const SEALED_FILES = { attachments: ['sealed'] } as const satisfies Record<string, readonly string[]>

/** AES-GCM's output as stored: a 96-bit random nonce and the ciphertext with its tag. `s: 1` is the format's version. */
export interface Envelope {
  s: 1
  iv: Uint8Array
  ct: Uint8Array
}

export function isEnvelope(x: unknown): x is Envelope {
  // Not instanceof: a row read back may hold another realm's Uint8Array (a test's fake IndexedDB, a worker).
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Envelope).s === 1 &&
    ArrayBuffer.isView((x as Envelope).iv) &&
    ArrayBuffer.isView((x as Envelope).ct)
  )
}

/** A row split into what stays in the clear and the object to seal (only the fields it has). */
export function splitRow(
  store: SealedStore,
  row: Record<string, unknown>,
): { clear: Record<string, unknown>; secret: Record<string, unknown> } {
  const clear: Record<string, unknown> = {}
  const secret: Record<string, unknown> = {}
  const fields: readonly string[] = SEALED_FIELDS[store]
  for (const [k, v] of Object.entries(row)) {
    if (fields.includes(k)) secret[k] = v
    else clear[k] = v
  }
  return { clear, secret }
}

/** Shortest prefix or tail of a phone that finds it (the book's search asks for three digits or more). */
export const MIN_PHONE_KEY = 3
/** Name prefixes are indexed up to this many characters: a longer query is confirmed on the opened rows. */
export const MAX_NAME_KEY = 8

/**
 * Phone prefixes are indexed up to this many digits, tails up to MAX_PHONE_TAIL_KEY: a longer query is looked up by
 * its indexed start (or tail) and confirmed on the opened rows. Each key is an index entry a new complaint writes
 * (issue 19: 18 phone keys a row were a large share of a pulled page's cost). Nine digits: a mobile number's first
 * seven name its region, which a branch's customers share; the ninth leaves a few dozen at most.
 */
export const MAX_PHONE_PREFIX_KEY = 9
/** Six digits of a tail leave no more than one or two numbers in a book (customers give four). */
export const MAX_PHONE_TAIL_KEY = 6

/**
 * The blind-key term a phone query is looked up by: its start (`p`) or its tail (`t`) as far as indexed, and whether
 * that term is the query itself (otherwise the rows it finds are to be confirmed on the whole query).
 */
export function phoneKeyTerm(kind: 'p' | 't', digits: string): { term: string; exact: boolean } {
  const max = kind === 'p' ? MAX_PHONE_PREFIX_KEY : MAX_PHONE_TAIL_KEY
  const part = digits.length <= max ? digits : kind === 'p' ? digits.slice(0, max) : digits.slice(-max)
  return { term: `${kind}:${part}`, exact: part === digits }
}

/**
 * The plaintext of a book row's blind keys, each with its kind: the prefixes of the phone from three digits up to
 * MAX_PHONE_PREFIX_KEY (`p:`), its tails from three digits up to MAX_PHONE_TAIL_KEY (`t:`, 尾号), every start of the
 * name up to MAX_NAME_KEY characters (`n:`). The tablet stores only keyed hashes of these, so a query is hashed the
 * same way and looked up by equality (phoneKeyTerm). Rows written before the caps hold longer ones too, unused.
 */
export function rowKeyTerms(row: { phone?: string; name?: string }): string[] {
  const terms: string[] = []
  const phone = row.phone ?? ''
  for (let n = MIN_PHONE_KEY; n <= Math.min(phone.length, MAX_PHONE_PREFIX_KEY); n++)
    terms.push(`p:${phone.slice(0, n)}`)
  for (let n = MIN_PHONE_KEY; n <= Math.min(phone.length, MAX_PHONE_TAIL_KEY); n++) terms.push(`t:${phone.slice(-n)}`)
  const name = [...(row.name ?? '').toLowerCase()]
  for (let n = 1; n <= Math.min(name.length, MAX_NAME_KEY); n++) terms.push(`n:${name.slice(0, n).join('')}`)
  return [...new Set(terms)]
}
