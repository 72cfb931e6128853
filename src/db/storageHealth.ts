export interface StorageHealth {
  persisted: boolean | null
  usage: number | null
  quota: number | null
  low: boolean
}

/** Below this much free space the tablet warns before a write can fail. */
export const LOW_STORAGE_BYTES = 50 * 1024 * 1024

/**
 * Asks the browser to keep our data even under storage pressure (without it, an evicted origin loses every
 * unsynced complaint) and reports how much room is left.
 */
export async function checkStorage(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<StorageHealth> {
  if (!storage) return { persisted: null, usage: null, quota: null, low: false }
  const persisted = await askPersistence(storage)
  const est = await storage.estimate?.().catch(() => undefined)
  const usage = est?.usage ?? null
  const quota = est?.quota ?? null
  const low = usage !== null && quota !== null && quota - usage < LOW_STORAGE_BYTES
  return { persisted, usage, quota, low }
}

async function askPersistence(storage: StorageManager): Promise<boolean | null> {
  try {
    return (await storage.persisted?.()) || (await storage.persist?.()) || false
  } catch {
    return null
  }
}
