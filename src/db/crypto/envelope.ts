import type { Envelope } from '@/domain/privacy/sealedFields'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export async function sealBytes(key: CryptoKey, bytes: Uint8Array): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes as BufferSource))
  return { s: 1, iv, ct }
}

/** Fails (OperationError) when the key is not the one it was sealed with or a byte was changed: GCM's tag. */
export async function openBytes(key: CryptoKey, env: Envelope): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: env.iv as BufferSource }, key, env.ct as BufferSource),
  )
}

/** Any structured value, as JSON (what the stores hold is JSON: events, rows, drafts). */
export function sealValue(key: CryptoKey, value: unknown): Promise<Envelope> {
  return sealBytes(key, encoder.encode(JSON.stringify(value)))
}

export async function openValue<T = unknown>(key: CryptoKey, env: Envelope): Promise<T> {
  return JSON.parse(decoder.decode(await openBytes(key, env))) as T
}
