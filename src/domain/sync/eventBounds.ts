import { hlcWallMs } from '../hlc'
import type { ComplaintEvent } from '../complaint/events'
import { receiptInFuture } from './clockSkew'

/**
 * How far an event's clock may run ahead of the centre's time. A tablet set a little fast is normal (minutes); an
 * event further ahead is not refused but deferred: the tablet keeps it and sends it again, and it is stored once the
 * centre's time has caught up. So a tablet two days fast loses nothing, and a forged clock in 2286 never lands.
 */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000

/**
 * How much earlier than the complaint's receipt an event may be stamped: the receipt is typed to the minute, the
 * clock is not. An event made offline for days is old, but never older than the complaint it belongs to.
 */
export const RECEIPT_TOLERANCE_MS = 10 * 60_000

export type ClockBound = 'ok' | 'ahead' | 'beforeReceipt' | 'receivedInFuture'

/**
 * Whether an event's time is believable at the centre: its clock not ahead of the centre's time (beyond the skew),
 * not before the complaint's receipt, and a receipt (recorded or corrected) neither later than the moment it was
 * written nor later than the centre's time.
 * `receivedAt` is the complaint's receipt as the centre knows it (the event's own for a `complaint.recorded`).
 */
export function checkEventClock(e: ComplaintEvent, nowMs: number, receivedAt: string | undefined): ClockBound {
  const wall = hlcWallMs(e.hlc)
  const receipt = e.type === 'complaint.recorded' ? e.payload.receivedAt : receivedAt
  const newReceipt =
    e.type === 'complaint.recorded'
      ? e.payload.receivedAt
      : e.type === 'field.corrected' && e.payload.field === 'receivedAt' && typeof e.payload.value === 'string'
        ? e.payload.value
        : undefined
  // The centre has the true time: a receipt after it is refused, however fast the tablet's clock that stamped it.
  if (newReceipt !== undefined && receiptInFuture(newReceipt, nowMs)) return 'receivedInFuture'
  if (wall > nowMs + MAX_CLOCK_AHEAD_MS) return 'ahead'
  if (newReceipt !== undefined && Date.parse(newReceipt) > wall + RECEIPT_TOLERANCE_MS) return 'receivedInFuture'
  if (receipt !== undefined && wall < Date.parse(receipt) - RECEIPT_TOLERANCE_MS) return 'beforeReceipt'
  return 'ok'
}
