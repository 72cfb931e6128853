/**
 * How the book and the pages name a complaint and read a search for one: kept apart from the rest of case numbers
 * (caseNumber.ts) because the first screen needs only this.
 */

const CASE_NUMBER_START = /^[A-Z0-9]{2,6}-\d{1,6}(?:-(?:[A-HJ-NP-Z]\d{0,3})?)?$/

/**
 * A search for a case number or its start (`ZS-2612`, `zs-261203-a0`), upper-cased with spaces dropped, or null when
 * the query is not shaped like one: it holds a letter and a dash after the branch code, which no phone number or
 * Chinese name does.
 */
export function caseNumberQuery(input: string): string | null {
  const s = input.replace(/\s+/g, '').toUpperCase()
  return CASE_NUMBER_START.test(s) && /[A-Z]/.test(s) ? s : null
}

/**
 * How a complaint is named to people: its case number, or for a complaint recorded before case numbers (or on a
 * tablet the centre has not yet numbered) the last eight characters of its id: a UUIDv7 begins with its time, which
 * complaints recorded in the same minute share, and ends with random bits.
 */
export function complaintLabel(c: { id: string; caseNumber?: string }): string {
  return c.caseNumber ?? c.id.slice(-8).toUpperCase()
}
