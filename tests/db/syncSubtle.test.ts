import { afterEach, describe, expect, it } from 'vitest'
import { isEnvelope } from '@/domain/privacy/sealedFields'
import { blindKeys } from '@/db/crypto/blindIndex'
import { openValue } from '@/db/crypto/envelope'
import { sealNewRow } from '@/db/crypto/sealMiddleware'
import { installSyncSubtle, syncSubtle, uninstallSyncSubtle } from '../support/syncSubtle'

/**
 * The convergence schedules seal with a synchronous node:crypto stand-in for WebCrypto (tests/support/syncSubtle.ts):
 * they prove the sync protocol on the app's own sealed format only if the stand-in's bytes are WebCrypto's.
 */
const web = globalThis.crypto.subtle
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n))
const hkdf = (info: string) => ({
  name: 'HKDF',
  hash: 'SHA-256',
  salt: random(32),
  info: new TextEncoder().encode(info),
})
const bytes = (b: ArrayBuffer) => [...new Uint8Array(b)]

afterEach(uninstallSyncSubtle)

describe('the synchronous test keyring', () => {
  it('seals, hashes and derives byte for byte as WebCrypto does with the same keys', async () => {
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      const raw = random(32)
      const iv = random(12)
      const plain = random(size)
      const [w, s] = await Promise.all([
        web.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
        syncSubtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
      ])
      const sealed = await web.encrypt({ name: 'AES-GCM', iv }, w, plain)
      expect(bytes(await syncSubtle.encrypt({ name: 'AES-GCM', iv }, s, plain))).toEqual(bytes(sealed))
      expect(bytes(await syncSubtle.decrypt({ name: 'AES-GCM', iv }, s, sealed))).toEqual([...plain])

      const hmacRaw = random(32)
      const text = new TextEncoder().encode(`王芳 ${size}`)
      const [wh, sh] = await Promise.all([
        web.importKey('raw', hmacRaw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
        syncSubtle.importKey('raw', hmacRaw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      ])
      expect(bytes(await syncSubtle.sign('HMAC', sh, text))).toEqual(bytes(await web.sign('HMAC', wh, text)))
      for (const hash of ['SHA-256', 'SHA-512'])
        expect(bytes(await syncSubtle.digest(hash, plain))).toEqual(bytes(await web.digest(hash, plain)))
    }
  })

  it('derives by HKDF the same data and index keys as WebCrypto (as the tablet derives its keys)', async () => {
    const master = random(32)
    const [wb, sb] = await Promise.all([
      web.importKey('raw', master, 'HKDF', false, ['deriveKey']),
      syncSubtle.importKey('raw', master, 'HKDF', false, ['deriveKey']),
    ])
    const data = hkdf('complaint-desk data v1')
    const index = hkdf('complaint-desk blind index v1')
    const aes = { name: 'AES-GCM', length: 256 }
    const mac = { name: 'HMAC', hash: 'SHA-256', length: 256 }
    const iv = random(12)
    const plain = new TextEncoder().encode('{"phone":"13812345678"}')
    const [wd, sd, wi, si] = await Promise.all([
      web.deriveKey(data, wb, aes, false, ['encrypt']),
      syncSubtle.deriveKey(data, sb, aes, false, ['encrypt']),
      web.deriveKey(index, wb, mac, false, ['sign']),
      syncSubtle.deriveKey(index, sb, mac, false, ['sign']),
    ])
    expect(bytes(await syncSubtle.encrypt({ name: 'AES-GCM', iv }, sd, plain))).toEqual(
      bytes(await web.encrypt({ name: 'AES-GCM', iv }, wd, plain)),
    )
    expect(bytes(await syncSubtle.sign('HMAC', si, plain))).toEqual(bytes(await web.sign('HMAC', wi, plain)))
    // HMAC's default length is SHA-256's block: 512 bits, as in WebCrypto.
    const [wl, sl] = await Promise.all([
      web.deriveKey(index, wb, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      syncSubtle.deriveKey(index, sb, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    ])
    expect(bytes(await syncSubtle.sign('HMAC', sl, plain))).toEqual(bytes(await web.sign('HMAC', wl, plain)))
  })

  it('refuses a changed byte or another key as GCM does', async () => {
    const key = await syncSubtle.importKey('raw', random(32), 'AES-GCM', false, ['encrypt', 'decrypt'])
    const other = await syncSubtle.importKey('raw', random(32), 'AES-GCM', false, ['encrypt', 'decrypt'])
    const iv = random(12)
    const sealed = new Uint8Array(await syncSubtle.encrypt({ name: 'AES-GCM', iv }, key, random(40)))
    sealed[3]! ^= 1
    await expect(syncSubtle.decrypt({ name: 'AES-GCM', iv }, key, sealed)).rejects.toThrow(/operation/i)
    sealed[3]! ^= 1
    await expect(syncSubtle.decrypt({ name: 'AES-GCM', iv }, other, sealed)).rejects.toThrow(/operation/i)
    await expect(syncSubtle.sign('HMAC', key, random(4))).rejects.toThrow()
    // A WebCrypto key is not one of its keys: no silent fallback.
    const webKey = await web.importKey('raw', random(32), 'AES-GCM', false, ['encrypt'])
    await expect(syncSubtle.encrypt({ name: 'AES-GCM', iv }, webKey, random(4))).rejects.toThrow(/not a key/)
  })

  it('seals a book row through the app\u2019s sealing layer that WebCrypto opens, with the same blind keys', async () => {
    const master = random(32)
    const params = (info: string) => ({ ...hkdf(info), salt: new Uint8Array(32) })
    const derive = async (subtle: typeof web) => {
      const base = await subtle.importKey('raw', master, 'HKDF', false, ['deriveKey'])
      return {
        data: await subtle.deriveKey(params('data'), base, { name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]),
        index: await subtle.deriveKey(params('index'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
          'sign',
        ]),
      }
    }
    const row = { id: 'c1', name: '王芳', phone: '13812345678', status: 'open' }
    installSyncSubtle()
    expect(globalThis.crypto.subtle).toBe(syncSubtle)
    const syncKeys = await derive(globalThis.crypto.subtle)
    const sealed = await sealNewRow(syncKeys, 'complaints', row, blindKeys)
    uninstallSyncSubtle()
    expect(globalThis.crypto.subtle).toBe(web)
    const webKeys = await derive(web)
    expect(isEnvelope(sealed.sealed)).toBe(true)
    expect(JSON.stringify(sealed)).not.toContain('13812345678')
    expect(await openValue(webKeys.data, sealed.sealed as never)).toEqual({ name: '王芳', phone: '13812345678' })
    const webSealed = await sealNewRow(webKeys, 'complaints', row, blindKeys)
    expect(sealed.find).toEqual(webSealed.find)
    expect({ ...sealed, sealed: null }).toEqual({ ...webSealed, sealed: null })
  })
})
