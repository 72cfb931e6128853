const encoder = new TextEncoder()

/** Bytes of the HMAC kept as an index key: 96 bits, far beyond any collision a branch's book could meet. */
const KEY_BYTES = 12

/**
 * Keyed hashes of search terms: equal terms give equal keys, so IndexedDB's indexes find them, and without the
 * tablet's key nobody can compute the key of a name or a phone to look for (a dictionary of 10^8 phone tails or of
 * common names is useless without it).
 */
export async function blindKeys(key: CryptoKey, terms: string[]): Promise<string[]> {
  const macs = await Promise.all(terms.map((t) => crypto.subtle.sign('HMAC', key, encoder.encode(t))))
  return macs.map((m) => hex(new Uint8Array(m, 0, KEY_BYTES)))
}

export async function blindKey(key: CryptoKey, term: string): Promise<string> {
  return (await blindKeys(key, [term]))[0]!
}

function hex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}
