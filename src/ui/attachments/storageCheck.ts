/** Below this much free room a photo (and what the manager types after it) may not fit. */
export const MIN_FREE_BYTES = 50 * 1024 * 1024
/** Past this share of the browser's quota it may start refusing writes, or evict the site under pressure. */
export const MAX_USED_RATIO = 0.9

export interface RoomCheck {
  /** Short of room: say so before the camera opens. */
  short: boolean
  free: number | null
  usedRatio: number | null
}

let persistAsked = false

/**
 * How much room the tablet has for another attachment (`navigator.storage.estimate()`), asking once per start for
 * persistent storage: without it the browser may clear the site's data, unsynced photos included, when space runs out.
 * A browser that says nothing is taken as having room (the write path still reports a full disk if it is).
 */
export async function checkRoom(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<RoomCheck> {
  if (!storage) return { short: false, free: null, usedRatio: null }
  if (!persistAsked) {
    persistAsked = true
    try {
      if (!(await storage.persisted?.())) await storage.persist?.()
    } catch {
      // Refused or unsupported: the estimate below still says how much room is left.
    }
  }
  const est = await storage.estimate?.().catch(() => undefined)
  if (!est?.quota || est.usage === undefined) return { short: false, free: null, usedRatio: null }
  const free = Math.max(0, est.quota - est.usage)
  const usedRatio = est.usage / est.quota
  return { short: free < MIN_FREE_BYTES || usedRatio > MAX_USED_RATIO, free, usedRatio }
}

/** For the tests: the next check asks for persistence again. */
export function resetPersistAsked(): void {
  persistAsked = false
}
