import { createHash, randomInt } from 'node:crypto'

/** An enrolment code is read out over the phone: no 0/O or 1/I/L; 12 characters of 31 (59 bits), single use. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const ENROLMENT_CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/
/** Long enough to phone the branch and walk someone through it; short enough that a code on a note soon means nothing. */
export const ENROLMENT_CODE_TTL_MS = 2 * 3600_000

export function newEnrolmentCode(): string {
  return Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
  ).join('-')
}

/** Only the hash is stored, like every other credential. */
export const hashEnrolmentCode = (code: string): string => createHash('sha256').update(code).digest('hex')
