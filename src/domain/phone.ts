/**
 * Mainland China phone numbers as a lobby manager types them: spaces, dashes and a +86 prefix allowed; a landline
 * may carry an extension (转/分机/ext/x/#). The tablet's form and the centre's admission of events both check this.
 */
/** A mobile: 1, then 3–9 (no network uses 10–12), then nine digits. */
const MOBILE = /^1[3-9]\d{9}$/
/**
 * A landline: an area code (010 and 02x with an 8-digit local number; 03xx–09xx with a 7- or 8-digit one), and a
 * local number that never starts with 0 or 1.
 */
const LANDLINE = /^(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/
const EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i

function numberDigits(input: string): string {
  let digits = input.replace(/[\s\-()（）]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  return digits
}

/** The number and its extension (null when none), each as digits. */
export function splitPhone(input: string): { number: string; extension: string | null } {
  const m = EXTENSION.exec(input.trim())
  return m ? { number: numberDigits(m[1]!), extension: m[2]! } : { number: numberDigits(input), extension: null }
}

/** The number as stored: its digits, and `转` + the extension when there is one. */
export function normalizePhone(input: string): string {
  const { number, extension } = splitPhone(input)
  return extension ? `${number}转${extension}` : number
}

/** The number without its extension: what a phone search and a repeat complainant are matched on. */
export function phoneDigits(input: string): string {
  return splitPhone(input).number
}

export function isValidPhone(input: string): boolean {
  const { number, extension } = splitPhone(input)
  return LANDLINE.test(number) || (extension === null && MOBILE.test(number))
}

/** A mobile number (no landline, no extension): what an SMS can reach. */
export function isValidMobile(input: string): boolean {
  const { number, extension } = splitPhone(input)
  return extension === null && MOBILE.test(number)
}
