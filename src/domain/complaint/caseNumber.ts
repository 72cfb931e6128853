import { chinaDate } from '../chinaTime'

export { caseNumberQuery, complaintLabel } from './caseLabel'

/**
 * A case number a customer can read aloud over the phone, e.g. `ZS-261203-A01`: the branch's code, the China date
 * it was recorded on (yymmdd), the tablet's letter and that tablet's sequence for the day. Each tablet numbers its
 * own complaints, so tablets of one branch never collide while offline; the centre gives each tablet of a branch
 * its own letter at enrolment and refuses a number given twice.
 */

/**
 * A branch's short code, printed in its case numbers: 2 to 6 capital letters or digits, unique in the bank. Short
 * because staff read it out to customers; capitals and digits only so it survives any channel. (Here, not beside the
 * branch's schema, so the book can name complaints without loading zod at start.)
 */
export const BRANCH_CODE = /^[A-Z0-9]{2,6}$/

/**
 * The letters a centre gives tablets: I and O are left out because read aloud or handwritten they pass for 1 and 0.
 */
export const TABLET_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
export const TABLET_LETTER = /^[A-HJ-NP-Z]$/

/** A tablet's day runs to 999 complaints: two digits are printed up to 99, three beyond. */
export const MAX_DAILY_SEQUENCE = 999

export const CASE_NUMBER = /^([A-Z0-9]{2,6})-(\d{2})(\d{2})(\d{2})-([A-HJ-NP-Z])(\d{2,3})$/

export interface CaseNumber {
  branchCode: string
  /** The China date, `YYYY-MM-DD`. */
  date: string
  letter: string
  sequence: number
}

/** What a tablet needs to number its complaints: given by the centre (branch code, letter), absent until then. */
export interface CaseNumbering {
  branchCode: string
  letter: string
}

export function formatCaseNumber(n: CaseNumber): string {
  if (!BRANCH_CODE.test(n.branchCode)) throw new RangeError(`Not a branch code: ${n.branchCode}`)
  if (!TABLET_LETTER.test(n.letter)) throw new RangeError(`Not a tablet letter: ${n.letter}`)
  if (!Number.isInteger(n.sequence) || n.sequence < 1 || n.sequence > MAX_DAILY_SEQUENCE)
    throw new RangeError(`Sequence out of range: ${n.sequence}`)
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(n.date)
  if (!m) throw new RangeError(`Not a date: ${n.date}`)
  return `${n.branchCode}-${m[1]}${m[2]}${m[3]}-${n.letter}${String(n.sequence).padStart(2, '0')}`
}

/**
 * Reads a case number (spaces and lower case forgiven, as typed in a search box). Null unless it is exactly what
 * `formatCaseNumber` writes: `A001` or `A00` never name a complaint, so they are not case numbers.
 */
export function parseCaseNumber(input: string): CaseNumber | null {
  const s = input.trim().toUpperCase()
  const m = CASE_NUMBER.exec(s)
  if (!m) return null
  const [, branchCode, yy, mm, dd, letter, seq] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const sequence = Number(seq)
  const month = Number(mm)
  const day = Number(dd)
  if (sequence < 1 || month < 1 || month > 12 || day < 1 || day > 31) return null
  const date = `20${yy}-${mm}-${dd}`
  // A calendar date (no 30 February).
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null
  const n = { branchCode, date, letter, sequence }
  return formatCaseNumber(n) === s ? n : null
}

export function isCaseNumber(input: string): boolean {
  return parseCaseNumber(input) !== null
}

/** What every number this tablet gives on the China date of `at` starts with (for finding the day's last one). */
export function caseNumberPrefix(numbering: CaseNumbering, at: Date | number): string {
  return formatCaseNumber({ ...numbering, date: chinaDate(at), sequence: 1 }).slice(0, -2)
}

/**
 * The next number this tablet gives at `at`: one after the highest it has given that China day (`given`: numbers
 * of the day, in any order; others are ignored). Null when the day's numbers have run out.
 */
export function nextCaseNumber(numbering: CaseNumbering, at: Date | number, given: readonly string[]): string | null {
  const date = chinaDate(at)
  let highest = 0
  for (const g of given) {
    const n = parseCaseNumber(g)
    if (n && n.branchCode === numbering.branchCode && n.letter === numbering.letter && n.date === date)
      highest = Math.max(highest, n.sequence)
  }
  if (highest >= MAX_DAILY_SEQUENCE) return null
  return formatCaseNumber({ ...numbering, date, sequence: highest + 1 })
}

/**
 * The centre's check of a case number pushed with a record: well formed, the branch's code, the pushing tablet's
 * letter. Whether it was given before is the caller's (it needs the branch's stored numbers).
 */
export function caseNumberRefusal(
  caseNumber: string,
  expected: { branchCode?: string | null; letter?: string | null },
): string | null {
  const n = parseCaseNumber(caseNumber)
  if (!n) return 'invalidCaseNumber'
  if (!expected.branchCode || n.branchCode !== expected.branchCode) return 'caseNumberBranch'
  if (!expected.letter || n.letter !== expected.letter) return 'caseNumberTablet'
  return null
}
