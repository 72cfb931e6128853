import type { CipherGCMTypes } from 'node:crypto'
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * A test-only stand-in for WebCrypto's `crypto.subtle`, computing AES-GCM, HMAC-SHA-256, HKDF and SHA-256 at once with
 * `node:crypto`: Node's WebCrypto hands every call to its thread pool (on two busy cores a schedule spent a quarter of
 * its time waiting for it), which the convergence schedules, testing the sync protocol and not the cipher, need not
 * pay. Only the operations the tablet's sealing layer uses (src/db/crypto/*) are here, with WebCrypto's arguments and
 * byte-for-byte its outputs for the same keys (tests/db/syncSubtle.test.ts proves it), so the sealed format is the
 * app's own; anything else throws rather than quietly differ. Never imported by the app.
 */

type Usage = KeyUsage
type Alg = { name: string; hash?: string | { name: string }; length?: number }

/** A key of this stand-in: its raw bytes are kept out of reach, as a non-extractable WebCrypto key's are. */
class SyncKey {
  readonly type = 'secret' as const
  constructor(
    readonly algorithm: Alg,
    readonly extractable: boolean,
    readonly usages: Usage[],
  ) {}
}
const raws = new WeakMap<SyncKey, Buffer>()

function newKey(algorithm: Alg, raw: Uint8Array, extractable: boolean, usages: Usage[]): CryptoKey {
  const key = new SyncKey(algorithm, extractable, [...usages])
  raws.set(key, Buffer.from(raw))
  return key as unknown as CryptoKey
}

function raw(key: CryptoKey, name: string, usage: Usage): Buffer {
  const bytes = raws.get(key as unknown as SyncKey)
  if (!bytes) throw new TypeError('syncSubtle: not a key of the synchronous test keyring')
  if (key.algorithm.name !== name || !key.usages.includes(usage))
    throw new DOMException(`key is not a ${name} key for ${usage}`, 'InvalidAccessError')
  return bytes
}

const algName = (a: AlgorithmIdentifier | Alg): string => (typeof a === 'string' ? a : a.name).toUpperCase()
const hashName = (h: Alg['hash']): string => {
  const name = typeof h === 'string' ? h : h?.name
  if (name?.toUpperCase() !== 'SHA-256') throw new DOMException(`syncSubtle: hash ${name}`, 'NotSupportedError')
  return 'sha256'
}
const bytesOf = (d: BufferSource): Buffer =>
  ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d)
const out = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
const unsupported = (what: string) =>
  Promise.reject(new DOMException(`syncSubtle: ${what} is not supported`, 'NotSupportedError'))

/** Normalises an algorithm as WebCrypto reports it on the key. */
function keyAlgorithm(a: AlgorithmIdentifier | Alg, rawLength: number): Alg {
  const name = algName(a)
  if (name === 'AES-GCM') return { name, length: rawLength * 8 }
  if (name === 'HMAC') return { name, hash: { name: 'SHA-256' }, length: rawLength * 8 }
  if (name === 'HKDF') return { name }
  throw new DOMException(`syncSubtle: ${name} keys are not supported`, 'NotSupportedError')
}

const gcm = (k: Buffer) => `aes-${k.length * 8}-gcm` as CipherGCMTypes

function encrypt(a: AesGcmParams, key: CryptoKey, data: BufferSource): ArrayBuffer {
  const k = raw(key, 'AES-GCM', 'encrypt')
  const tagBytes = (a.tagLength ?? 128) / 8
  const cipher = createCipheriv(gcm(k), k, bytesOf(a.iv), { authTagLength: tagBytes })
  if (a.additionalData) cipher.setAAD(bytesOf(a.additionalData))
  return out(Buffer.concat([cipher.update(bytesOf(data)), cipher.final(), cipher.getAuthTag()]))
}

function decrypt(a: AesGcmParams, key: CryptoKey, data: BufferSource): ArrayBuffer {
  const k = raw(key, 'AES-GCM', 'decrypt')
  const tagBytes = (a.tagLength ?? 128) / 8
  const all = bytesOf(data)
  if (all.length < tagBytes) throw new DOMException('The provided data is too small.', 'OperationError')
  const decipher = createDecipheriv(gcm(k), k, bytesOf(a.iv), { authTagLength: tagBytes })
  if (a.additionalData) decipher.setAAD(bytesOf(a.additionalData))
  decipher.setAuthTag(all.subarray(all.length - tagBytes))
  try {
    return out(Buffer.concat([decipher.update(all.subarray(0, all.length - tagBytes)), decipher.final()]))
  } catch {
    // WebCrypto's failure of GCM's tag: a wrong key or a changed byte.
    throw new DOMException('The operation failed for an operation-specific reason', 'OperationError')
  }
}

function sign(key: CryptoKey, data: BufferSource): ArrayBuffer {
  return out(
    createHmac('sha256', raw(key, 'HMAC', 'sign'))
      .update(bytesOf(data))
      .digest(),
  )
}

/** Every method answers with an already settled promise, as WebCrypto's own would, only without the thread hop. */
const run = <T>(f: () => T): Promise<T> => {
  try {
    return Promise.resolve(f())
  } catch (e) {
    return Promise.reject(e)
  }
}

export const syncSubtle = {
  importKey(
    format: KeyFormat,
    keyData: BufferSource | JsonWebKey,
    algorithm: AlgorithmIdentifier | Alg,
    extractable: boolean,
    usages: Usage[],
  ): Promise<CryptoKey> {
    if (format !== 'raw') return unsupported(`importKey(${format})`)
    return run(() => {
      const bytes = bytesOf(keyData as BufferSource)
      return newKey(keyAlgorithm(algorithm, bytes.length), bytes, extractable, usages)
    })
  },
  generateKey(algorithm: AesKeyGenParams, extractable: boolean, usages: Usage[]): Promise<CryptoKey> {
    if (algName(algorithm) !== 'AES-GCM') return unsupported(`generateKey(${algorithm.name})`)
    return run(() =>
      newKey(keyAlgorithm(algorithm, algorithm.length / 8), randomBytes(algorithm.length / 8), extractable, usages),
    )
  },
  deriveKey(
    params: HkdfParams,
    base: CryptoKey,
    derived: AesKeyGenParams | HmacKeyGenParams,
    extractable: boolean,
    usages: Usage[],
  ): Promise<CryptoKey> {
    if (algName(params) !== 'HKDF') return unsupported(`deriveKey(${params.name})`)
    return run(() => {
      const name = algName(derived)
      if (name === 'HMAC') hashName((derived as HmacKeyGenParams).hash as Alg['hash'])
      // HMAC's default length is the hash's block size (512 bits for SHA-256), as WebCrypto's.
      const bits = derived.length ?? (name === 'HMAC' ? 512 : 0)
      const bytes = hkdfSync(
        hashName(params.hash as Alg['hash']),
        raw(base, 'HKDF', 'deriveKey'),
        bytesOf(params.salt),
        bytesOf(params.info),
        bits / 8,
      )
      return newKey(keyAlgorithm(derived, bits / 8), new Uint8Array(bytes), extractable, usages)
    })
  },
  encrypt(algorithm: AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    if (algName(algorithm) !== 'AES-GCM') return unsupported(`encrypt(${algorithm.name})`)
    return run(() => encrypt(algorithm, key, data))
  },
  decrypt(algorithm: AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    if (algName(algorithm) !== 'AES-GCM') return unsupported(`decrypt(${algorithm.name})`)
    return run(() => decrypt(algorithm, key, data))
  },
  sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    if (algName(algorithm) !== 'HMAC') return unsupported(`sign(${algName(algorithm)})`)
    return run(() => sign(key, data))
  },
  verify(
    algorithm: AlgorithmIdentifier,
    key: CryptoKey,
    signature: BufferSource,
    data: BufferSource,
  ): Promise<boolean> {
    if (algName(algorithm) !== 'HMAC') return unsupported(`verify(${algName(algorithm)})`)
    return run(() => bytesOf(signature).equals(Buffer.from(sign(key, data))))
  },
  /** Dexie digests a byte with SHA-512 as it loads (to find the engine's own Promise): any SHA-2 digest is here. */
  digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
    const name = algName(algorithm)
    if (!/^SHA-(256|384|512)$/.test(name)) return unsupported(`digest(${name})`)
    return run(() => out(createHash(name.replace('-', '').toLowerCase()).update(bytesOf(data)).digest()))
  },
}

/**
 * Random bytes for nonces and ids from a pool refilled 64 KiB at a time: Node's getRandomValues costs a call into its
 * CSPRNG each time (12 bytes for every sealed row), the largest item of the stand-in's profile. Same source, fewer calls.
 */
const POOL = 65_536
let pool = randomBytes(POOL)
let used = 0
function getRandomValues<T extends ArrayBufferView | null>(array: T): T {
  if (!array) return array
  const n = array.byteLength
  if (n > 65_536) throw new DOMException('getRandomValues: more than 65536 bytes', 'QuotaExceededError')
  if (used + n > POOL) {
    pool = randomBytes(POOL)
    used = 0
  }
  const target = new Uint8Array(array.buffer, array.byteOffset, n)
  target.set(pool.subarray(used, used + n))
  // Never hand the same bytes out twice.
  pool.fill(0, used, used + n)
  used += n
  return array
}

let original: PropertyDescriptor | undefined

/**
 * Puts the stand-in in place of `globalThis.crypto.subtle`, with random bytes drawn from a pool of Node's. Keys made
 * before it are WebCrypto's and do not work with it, so install it before unlocking. `uninstallSyncSubtle` puts
 * WebCrypto back.
 */
export function installSyncSubtle(): void {
  if (original) return
  original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
  const node = globalThis.crypto
  const replacement = {
    subtle: syncSubtle as unknown as SubtleCrypto,
    getRandomValues,
    randomUUID: () => node.randomUUID(),
  }
  Object.defineProperty(globalThis, 'crypto', { value: replacement, configurable: true, writable: true })
}

export function uninstallSyncSubtle(): void {
  if (!original) return
  Object.defineProperty(globalThis, 'crypto', original)
  original = undefined
}
