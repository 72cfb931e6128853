import type { CaseNumbering } from '@/domain/complaint/caseNumber'
import type { SavedSmsTemplates } from '@/domain/complaint/smsCompose'
import type { StaffRole } from '@/domain/staff/roles'
import type { TabletKeyPair, UserKey } from './crypto/tabletKeys'

/** Who is working on this tablet, for this tablet's events. Sign-in and PIN unlock replace the default. */
export interface LocalIdentity {
  deviceId: string
  branchId: string
  staffId: string
  staffName: string
}

/**
 * A staff member's PIN as stored: only a PBKDF2-SHA-256 derivation with a random salt (`src/ui/auth/pinHash.ts`
 * makes and checks it), never the PIN itself.
 */
export interface PinHash {
  salt: string
  hash: string
  iterations: number
}

/** The tablet's enrolment: bound to one branch by the central endpoint; the token authenticates its sync. */
export interface DeviceEnrolment {
  id: string
  name: string
  branchId: string
  branchName: string
  token: string
}

/** A staff member who may unlock this tablet with a PIN. */
export interface TabletUser {
  staffId: string
  name: string
  role: StaffRole
  /** A superior office's or head-office senior manager's approval, as the centre said when they were added. */
  approvalLevel?: 'superior' | null
  /** Opens the tablet's keys with this person's PIN (see crypto/tabletKeys.ts); no PIN verifier is stored. */
  key?: UserKey
  /** Before issue 17: a PBKDF2 verifier, replaced by `key` at this person's first unlock after the update. */
  pin?: PinHash
  /**
   * Wrong PINs in a row, for the screen's five-tries pause. It lives beside the data, so against someone who copies the
   * data it is nothing: Argon2id's cost per guess is what defends (ARCHITECTURE.md, threat model).
   */
  failedAttempts: number
  lockedUntil: number
  /**
   * The centre no longer lists this person for the branch (disabled, or moved elsewhere): their PIN is refused until
   * it lists them again. Kept rather than deleted so the lock screen can say why, and an account re-enabled works again.
   */
  inactive?: boolean
}

/** The last measured difference between the centre's clock and this tablet's. */
export interface ClockOffsetRow {
  offsetMs: number
  measuredAt: string
}

/**
 * The central settings as the last pull gave them, unchecked: readers resolve them (`resolveSettings`), which falls
 * back to the built-in value of any part that does not parse, so a settings row from an older centre never breaks a tablet.
 */
export interface StoredSettings {
  calendar?: unknown
  policy?: unknown
  taxonomy?: unknown
  sms?: unknown
  version?: number
}

/** What each key of the `meta` table holds; `getMeta`/`putMeta` (`./meta`) read and write it by key. */
export interface MetaValues {
  identity: LocalIdentity
  /** The hybrid logical clock, encoded (`encodeHlc`). */
  hlc: string
  /** The server sequence of the last pulled event. */
  cursor: number
  settings: StoredSettings
  caseNumbering: CaseNumbering
  projectionVersion: number
  clockOffset: ClockOffsetRow
  device: DeviceEnrolment
  users: TabletUser[]
  /** How often this tablet has used each code (the picker offers the usual ones first). */
  codeUsage: Record<string, number>
  /** The manager's own edits of the SMS templates, per language. */
  smsTemplates: SavedSmsTemplates
  /** Whether the centre sends SMS through the bank's gateway (from the last pull). */
  smsGateway: boolean
  /** The tablet's key pair: the public half seals grants for colleagues added while locked (crypto/tabletKeys.ts). */
  tabletKeyPair: TabletKeyPair
  /** How far the first unlock after the update to sealed storage got (crypto/sealStored.ts). */
  sealProgress: SealProgress
  /**
   * Complaints the retention job removed from this tablet (sync/pruneRetired.ts): when a pull brings a new event for one,
   * the tablet fetches its whole history from the centre first, so it never holds a complaint's tail without its start.
   */
  pruned: string[]
}

/** Where sealing what an older build stored has reached: the store and the last key sealed, or done. */
export type SealProgress = { store: 'events' | 'complaints' | 'texts' | 'drafts'; after: string } | 'done'

export type MetaKey = keyof MetaValues

/** A row of `meta`: each key with the value its key holds. */
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey]
