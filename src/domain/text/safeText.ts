import { z } from 'zod'

/**
 * Text a person could have typed: no NUL and no unpaired UTF-16 surrogate. PostgreSQL's jsonb refuses both (a
 * pushed event carrying one would fail its whole batch), and neither can come from a keyboard, so they are refused
 * where text enters: the tablet's forms and the centre's intake, with the same code (`errors.invalidCharacters`).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function isSafeText(s: string): boolean {
  return !UNSAFE.test(s)
}

/** True when no string anywhere in the value (keys included) holds a character `isSafeText` refuses. */
export function isSafeDeep(value: unknown, depth = 0): boolean {
  if (depth > 64) return false
  if (typeof value === 'string') return isSafeText(value)
  if (Array.isArray(value)) return value.every((v) => isSafeDeep(v, depth + 1))
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([k, v]) => isSafeText(k) && isSafeDeep(v, depth + 1))
  }
  return true
}

/** A string schema that refuses NUL and unpaired surrogates. */
export const safeString = () => z.string().refine(isSafeText, { error: 'invalidCharacters' })
