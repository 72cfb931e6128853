import type { Envelope } from '@/domain/privacy/sealedFields'
import { openBytes, sealBytes } from './envelope'
import type { TabletKeyring } from './keyring'
import { PIN_KDF, pinKey } from './pinKdf'
import type { KdfParams } from './pinKdf'

/**
 * How one staff member opens the tablet's keys. Their PIN, through Argon2id, opens their grant key; the grant key opens
 * the tablet's master secret, from which the data and index keys are derived. There is no separate PIN verifier:
 * a wrong PIN fails GCM's authentication of `grant`. A colleague added while the tablet was locked has `pending`
 * (their grant key sealed to the tablet's public key) and no `master` until someone unlocks (see grantPending).
 */
export interface UserKey {
  salt: Uint8Array
  kdf: KdfParams
  /** The user's 256-bit grant key, sealed under their PIN's key. */
  grant: Envelope
  /** The master secret, sealed under the grant key. */
  master?: Envelope
  /** The grant key, RSA-OAEP-encrypted to the tablet's public key: waits for someone who holds the master. */
  pending?: Uint8Array
}

/** The tablet's key pair for colleagues added while it is locked: the public half in the clear, the private sealed. */
export interface TabletKeyPair {
  publicKey: JsonWebKey
  /** PKCS#8, sealed with the data key. */
  privateKey: Envelope
}

const RSA = { name: 'RSA-OAEP', hash: 'SHA-256' } as const

async function importGrant(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

/** The data key (AES-GCM) and the index key (HMAC) from the master secret, by HKDF with distinct labels. */
async function deriveKeys(master: Uint8Array): Promise<{ data: CryptoKey; index: CryptoKey }> {
  const base = await crypto.subtle.importKey('raw', master as BufferSource, 'HKDF', false, ['deriveKey'])
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(32),
    info: new TextEncoder().encode(info),
  })
  const [data, index] = await Promise.all([
    crypto.subtle.deriveKey(params('complaint-desk data v1'), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(
      params('complaint-desk blind index v1'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
  ])
  return { data, index }
}

/** A new user's key material for this PIN: a fresh grant key sealed under the PIN. Returns the raw grant for the caller to use and wipe. */
async function newUserKey(pin: string, kdf: KdfParams): Promise<{ key: UserKey; grantRaw: Uint8Array }> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const grantRaw = crypto.getRandomValues(new Uint8Array(32))
  const kek = await pinKey(pin, salt, kdf)
  return { key: { salt, kdf, grant: await sealBytes(kek, grantRaw) }, grantRaw }
}

/**
 * A tablet's first user (enrolment, or the first colleague on a tablet enrolled by code): a new master secret and key
 * pair; the keys are returned unlocked.
 */
export async function createTabletKeys(
  pin: string,
  kdf: KdfParams = PIN_KDF,
): Promise<{ user: UserKey; pair: TabletKeyPair; keyring: TabletKeyring }> {
  const master = crypto.getRandomValues(new Uint8Array(32))
  const { key, grantRaw } = await newUserKey(pin, kdf)
  try {
    const grant = await importGrant(grantRaw)
    const user = { ...key, master: await sealBytes(grant, master) }
    const { data, index } = await deriveKeys(master)
    const rsa = await crypto.subtle.generateKey(
      { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['encrypt', 'decrypt'],
    )
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', rsa.privateKey))
    const pair = {
      publicKey: await crypto.subtle.exportKey('jwk', rsa.publicKey),
      privateKey: await sealBytes(data, pkcs8),
    }
    pkcs8.fill(0)
    return { user, pair, keyring: { data, index, grant, master: user.master } }
  } finally {
    master.fill(0)
    grantRaw.fill(0)
  }
}

/** A colleague added while the tablet is unlocked: sealed the master for them at once. */
export async function addUserKey(pin: string, keyring: TabletKeyring, kdf: KdfParams = PIN_KDF): Promise<UserKey> {
  const { key, grantRaw } = await newUserKey(pin, kdf)
  const master = await openBytes(keyring.grant, keyring.master)
  try {
    return { ...key, master: await sealBytes(await importGrant(grantRaw), master) }
  } finally {
    master.fill(0)
    grantRaw.fill(0)
  }
}

/** A colleague added while the tablet is locked: their grant key waits, sealed to the tablet's public key. */
export async function pendingUserKey(
  pin: string,
  pair: Pick<TabletKeyPair, 'publicKey'>,
  kdf: KdfParams = PIN_KDF,
): Promise<UserKey> {
  const { key, grantRaw } = await newUserKey(pin, kdf)
  try {
    const pub = await crypto.subtle.importKey('jwk', pair.publicKey, RSA, false, ['encrypt'])
    return { ...key, pending: new Uint8Array(await crypto.subtle.encrypt(RSA, pub, grantRaw as BufferSource)) }
  } finally {
    grantRaw.fill(0)
  }
}

/** Someone unlocked: every pending colleague's grant key gets the master sealed under it. */
export async function grantPending(user: UserKey, pair: TabletKeyPair, keyring: TabletKeyring): Promise<UserKey> {
  if (!user.pending || user.master) return user
  const pkcs8 = await openBytes(keyring.data, pair.privateKey)
  const priv = await crypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, RSA, false, ['decrypt'])
  pkcs8.fill(0)
  const grantRaw = new Uint8Array(await crypto.subtle.decrypt(RSA, priv, user.pending as BufferSource))
  const master = await openBytes(keyring.grant, keyring.master)
  try {
    const { pending: _pending, ...rest } = user
    return { ...rest, master: await sealBytes(await importGrant(grantRaw), master) }
  } finally {
    grantRaw.fill(0)
    master.fill(0)
  }
}

export type OpenResult = { ok: true; keyring: TabletKeyring } | { ok: false; reason: 'wrongPin' | 'pending' }

/**
 * The only way to the keys: Argon2id of the PIN, then GCM's check of the grant. A wrong PIN is a failed
 * authentication, nothing else; a right PIN of a colleague still waiting for their grant is `pending`.
 */
export async function openUserKey(pin: string, user: UserKey): Promise<OpenResult> {
  const kek = await pinKey(pin, user.salt, user.kdf)
  let grantRaw: Uint8Array
  try {
    grantRaw = await openBytes(kek, user.grant)
  } catch {
    return { ok: false, reason: 'wrongPin' }
  }
  const grant = await importGrant(grantRaw)
  grantRaw.fill(0)
  if (!user.master) return { ok: false, reason: 'pending' }
  const master = await openBytes(grant, user.master)
  try {
    const { data, index } = await deriveKeys(master)
    return { ok: true, keyring: { data, index, grant, master: user.master } }
  } finally {
    master.fill(0)
  }
}
