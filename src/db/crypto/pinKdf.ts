/**
 * Argon2id's cost for a PIN: 19 MiB, two passes, one lane (OWASP's first recommended setting). Measured on the
 * project's 2-core machine: ~0.75–0.85 s a derivation in Node 20 and ~0.6–0.9 s in Chromium (bench/pinKdf.bench.ts),
 * about what a mid-range tablet's unlock may take. Stored with each user, so a later build may raise it.
 */
export interface KdfParams {
  alg: 'argon2id'
  memoryKiB: number
  iterations: number
  parallelism: number
}

export const PIN_KDF: KdfParams = { alg: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 }

/**
 * The PIN's key-encryption key (AES-GCM, non-extractable). hash-wasm's Argon2 (WASM, ~12 KB gzipped) is imported
 * on first use: only the lock and enrolment screens need it, never the book's first screen.
 */
export async function pinKey(pin: string, salt: Uint8Array, params: KdfParams = PIN_KDF): Promise<CryptoKey> {
  const { argon2id } = await import('hash-wasm')
  const bytes = await argon2id({
    password: pin,
    salt: Uint8Array.from(salt),
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  })
  try {
    return await crypto.subtle.importKey('raw', bytes as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt'])
  } finally {
    bytes.fill(0)
  }
}

/**
 * Loads and compiles Argon2id's WebAssembly ahead (a tiny derivation): the lock screen calls it as it opens, so the
 * first unlock does not wait for it (the first derivation took ~1.6 s in Chromium here, later ones ~0.6 s).
 */
export async function warmPinKdf(): Promise<void> {
  const { argon2id } = await import('hash-wasm')
  await argon2id({
    password: '0',
    salt: new Uint8Array(8),
    iterations: 1,
    memorySize: 8,
    parallelism: 1,
    hashLength: 4,
    outputType: 'binary',
  })
}
