import { onKeysChange } from './keyring'

const encoder = new TextEncoder()

/** Bytes of the HMAC kept as an index key: 96 bits, far beyond any collision a branch's book could meet. */
const KEY_BYTES = 12

/**
 * Keys already computed while this index key is unlocked. Terms repeat across complaints (surnames, the words of a
 * branch's usual complaints: a pulled page of new complaints asked for the same few thousand HMACs again and again,
 * the largest share of its crypto). Bounded, and dropped at the lock with the keys, so no term outlives the unlock
 * in it.
 */
const MAX_REMEMBERED = 50_000
let rememberedFor: CryptoKey | null = null
const remembered = new Map<string, string>()
function forget(): void {
  remembered.clear()
  rememberedFor = null
}
onKeysChange((unlocked) => unlocked || forget())

/**
 * Keyed hashes of search terms: equal terms give equal keys, so IndexedDB's indexes find them, and without the
 * tablet's key nobody can compute the key of a name or a phone to look for (a dictionary of 10^8 phone tails or of
 * common names is useless without it).
 */
export async function blindKeys(key: CryptoKey, terms: string[]): Promise<string[]> {
  if (rememberedFor !== key) {
    forget()
    rememberedFor = key
  }
  const known = new Map<string, string>()
  const missing: string[] = []
  for (const t of new Set(terms)) {
    const k = remembered.get(t)
    if (k === undefined) missing.push(t)
    else known.set(t, k)
  }
  if (missing.length) {
    const macs = await Promise.all(missing.map((t) => crypto.subtle.sign('HMAC', key, encoder.encode(t))))
    missing.forEach((t, i) => known.set(t, hex(new Uint8Array(macs[i]!, 0, KEY_BYTES))))
    // Locked (or another key unlocked) while hashing: these keys are right, but none is kept past that moment.
    if (rememberedFor === key) {
      if (remembered.size + missing.length > MAX_REMEMBERED) remembered.clear()
      for (const t of missing) remembered.set(t, known.get(t)!)
    }
  }
  return terms.map((t) => known.get(t)!)
}

export async function blindKey(key: CryptoKey, term: string): Promise<string> {
  return (await blindKeys(key, [term]))[0]!
}

function hex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}
