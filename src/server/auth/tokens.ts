import { createHash, randomBytes } from 'node:crypto'

/** A bearer token: 256 random bits, shown to its holder once; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Tokens are random, not chosen by people: a fast hash is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
