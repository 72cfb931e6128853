import type { Queryable } from '../db/Database'
import type { DevicePrincipal } from './principal'
import { hashToken, newToken } from './tokens'

/** A token unused for this long expires: the tablet must be enrolled again. */
export const DEVICE_IDLE_EXPIRY_MS = 30 * 86_400_000
/** A token older than this is replaced by the next pull that uses it. */
export const DEVICE_ROTATE_AFTER_MS = 7 * 86_400_000
/** After a rotation the previous token keeps working this long, in case the answer carrying the new one was lost. */
export const PREVIOUS_TOKEN_GRACE_MS = 7 * 86_400_000

type DeviceRefusal = { refused: 'device_revoked' | 'device_expired' | 'device_unconfirmed' } | WipeOrder

/**
 * A tablet revoked with a wipe: it is told who revoked it and when (its user is shown why its data went). Until it
 * acknowledges, it may still push what it has not sent (`device`, the principal those pushes run as); never pull.
 */
export interface WipeOrder {
  refused: 'device_wipe'
  revokedAt: Date
  revokedBy: string | null
  acknowledged: boolean
  device: DevicePrincipal
}

interface DeviceRow {
  id: string
  branch_id: string
  token_hash: string
  revoked_at: Date | null
  wipe: boolean
  expired_at: Date | null
  needs_confirmation: boolean
  revoked_by_name: string | null
  wipe_acknowledged_at: Date | null
  last_seen_at: Date | null
  enrolled_at: Date
  prev_token_expires_at: Date | null
}

/**
 * The tablet a token belongs to, by its current or (within the grace period) its previous hash. Using the current
 * token retires the previous one: the tablet has evidently stored its new token.
 */
export async function resolveDevice(
  db: Queryable,
  hash: string,
  now = new Date(),
): Promise<DevicePrincipal | DeviceRefusal | null> {
  const { rows } = await db.query<DeviceRow>(
    `select d.id, d.branch_id, d.token_hash, d.revoked_at, d.wipe, d.expired_at, d.needs_confirmation, d.last_seen_at, d.enrolled_at,
            d.prev_token_expires_at, d.wipe_acknowledged_at, s.name as revoked_by_name
     from devices d left join staff s on s.id = d.revoked_by where d.token_hash = $1 or d.prev_token_hash = $1`,
    [hash],
  )
  const d = rows[0]
  if (!d) return null
  // Revoked with a wipe: the tablet erases what it holds when told so (only tablets that said they can are asked).
  if (d.revoked_at && d.wipe) {
    return {
      refused: 'device_wipe',
      revokedAt: d.revoked_at,
      revokedBy: d.revoked_by_name,
      acknowledged: d.wipe_acknowledged_at !== null,
      device: { kind: 'device', deviceId: d.id, branchId: d.branch_id, tokenHash: hash },
    }
  }
  if (d.revoked_at) return { refused: 'device_revoked' }
  const viaPrevious = d.token_hash !== hash
  if (viaPrevious && (!d.prev_token_expires_at || d.prev_token_expires_at.getTime() <= now.getTime())) return null
  const lastUse = (d.last_seen_at ?? d.enrolled_at).getTime()
  if (d.expired_at || now.getTime() - lastUse > DEVICE_IDLE_EXPIRY_MS) return { refused: 'device_expired' }
  if (d.needs_confirmation) return { refused: 'device_unconfirmed' }
  await db.query(
    viaPrevious
      ? 'update devices set last_seen_at = $2 where id = $1'
      : 'update devices set last_seen_at = $2, prev_token_hash = null, prev_token_expires_at = null where id = $1',
    [d.id, now],
  )
  return { kind: 'device', deviceId: d.id, branchId: d.branch_id, tokenHash: hash }
}

/**
 * A new token for a tablet whose token is due for rotation, or null. Called by the pull, whose answer carries it.
 * When the tablet is still on its previous token (it never stored the last new one), it gets another new one and
 * the previous token's grace period is left as it was, so an old token never lives longer than the grace.
 */
export async function rotateDeviceToken(
  db: Queryable,
  device: DevicePrincipal,
  now = new Date(),
): Promise<string | null> {
  const { rows } = await db.query<{ token_hash: string; token_issued_at: Date; prev_token_hash: string | null }>(
    'select token_hash, token_issued_at, prev_token_hash from devices where id = $1',
    [device.deviceId],
  )
  const d = rows[0]
  if (!d) return null
  const onPrevious = d.prev_token_hash === device.tokenHash
  if (!onPrevious && now.getTime() - d.token_issued_at.getTime() < DEVICE_ROTATE_AFTER_MS) return null
  const token = newToken()
  if (onPrevious) {
    await db.query('update devices set token_hash = $2, token_issued_at = $3 where id = $1', [
      device.deviceId,
      hashToken(token),
      now,
    ])
  } else {
    await db.query(
      'update devices set prev_token_hash = token_hash, prev_token_expires_at = $4, token_hash = $2, token_issued_at = $3 where id = $1',
      [device.deviceId, hashToken(token), now, new Date(now.getTime() + PREVIOUS_TOKEN_GRACE_MS)],
    )
  }
  return token
}

/**
 * Drops what can no longer be used: expired or revoked sessions and lapsed previous tokens; marks the tokens of
 * tablets idle past the expiry as expired for good (a later clock change cannot revive them).
 */
export async function purgeExpiredCredentials(db: Queryable, now = new Date()): Promise<void> {
  await db.query('delete from sessions where expires_at <= $1 or revoked_at is not null', [now])
  await db.query(
    'update devices set prev_token_hash = null, prev_token_expires_at = null where prev_token_expires_at <= $1',
    [now],
  )
  await db.query(
    `update devices set expired_at = $1, prev_token_hash = null, prev_token_expires_at = null
     where expired_at is null and revoked_at is null and coalesce(last_seen_at, enrolled_at) < $2`,
    [now, new Date(now.getTime() - DEVICE_IDLE_EXPIRY_MS)],
  )
}
