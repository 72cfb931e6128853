import { lockKeys, setKeys } from '@/db/crypto/keyring'
import type { TabletKeyring } from '@/db/crypto/keyring'

/**
 * A keyring as an unlocked tablet holds it, made without Argon2 (which the PIN tests exercise): the stores' tests
 * write and read through the sealing layer as the app does.
 */
export async function testKeyring(): Promise<TabletKeyring> {
  const master = crypto.getRandomValues(new Uint8Array(32))
  const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey'])
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(32),
    info: new TextEncoder().encode(info),
  })
  const data = await crypto.subtle.deriveKey(params('data'), base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ])
  const index = await crypto.subtle.deriveKey(
    params('index'),
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  )
  const grant = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, grant, master))
  return { data, index, grant, master: { s: 1, iv, ct } }
}

/** Unlocks the sealing layer with a fresh test keyring. */
export async function unlockForTests(): Promise<TabletKeyring> {
  const k = await testKeyring()
  setKeys(k)
  return k
}

export { lockKeys }
