import type { Envelope } from '@/domain/privacy/sealedFields'

/**
 * The tablet's keys while someone has unlocked it: in memory only, as non-extractable WebCrypto keys. `lockKeys`
 * drops them all; nothing else can bring them back but a PIN (see tabletKeys.ts).
 */
export interface TabletKeyring {
  /** AES-GCM 256: seals the personal fields of every store. */
  data: CryptoKey
  /** HMAC-SHA-256: the blind index's keyed hashes. */
  index: CryptoKey
  /** The unlocking user's grant key: opens the tablet's master secret again to let a colleague in. */
  grant: CryptoKey
  /** The master secret, sealed under `grant` (as stored for this user). */
  master: Envelope
}

let keys: TabletKeyring | null = null
const listeners = new Set<(unlocked: boolean) => void>()

/** Thrown by any read or write of personal data while the tablet is locked. */
export class TabletLocked extends Error {
  constructor() {
    super('The tablet is locked')
    this.name = 'TabletLocked'
  }
}

export function setKeys(k: TabletKeyring): void {
  keys = k
  for (const l of listeners) l(true)
}

export function lockKeys(): void {
  keys = null
  for (const l of listeners) l(false)
}

export function currentKeys(): TabletKeyring | null {
  return keys
}

export function requireKeys(): TabletKeyring {
  if (!keys) throw new TabletLocked()
  return keys
}

export function keysUnlocked(): boolean {
  return keys !== null
}

export function onKeysChange(listener: (unlocked: boolean) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
