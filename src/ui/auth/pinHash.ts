/**
 * A staff member's PIN, checked on the tablet with no network. Only a PBKDF2-SHA-256 derivation with a random
 * salt is stored; the PIN itself never is. A 6-digit PIN is weak against an attacker holding the tablet's
 * IndexedDB, so the iteration count is high and five failed attempts lock the user out for five minutes
 * (`useSessionStore`'s `unlock`, counted in the stored user).
 */
import type { PinHash } from '@/db/metaValues'

export type { PinHash } from '@/db/metaValues'

export const PIN_ITERATIONS = 310_000
export const PIN_PATTERN = /^\d{6}$/

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  if (!PIN_PATTERN.test(pin)) throw new Error('A PIN is six digits')
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return { salt: b64(salt), hash: b64(await derive(pin, salt, iterations)), iterations }
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, unb64(stored.salt), stored.iterations)
  const expected = unb64(stored.hash)
  // Constant-time comparison: no early exit that a timing attack could measure.
  let diff = actual.length ^ expected.length
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) diff |= actual[i]! ^ expected[i]!
  return diff === 0
}
