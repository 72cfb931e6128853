/** Mainland China phone numbers as a lobby manager types them: spaces, dashes and a +86 prefix allowed. */
const MOBILE = /^1[3-9]\d{9}$/
const LANDLINE = /^0\d{2,3}\d{7,8}$/

export function normalizePhone(input: string): string {
  let digits = input.replace(/[\s\-()（）]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  return digits
}

export function isValidPhone(input: string): boolean {
  const n = normalizePhone(input)
  return MOBILE.test(n) || LANDLINE.test(n)
}
