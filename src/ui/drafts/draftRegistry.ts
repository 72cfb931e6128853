/**
 * Forms being filled in register how to save themselves at once. Before anything reloads the app
 * (a new version, a database upgrade) it calls flushDrafts(), so a half-written complaint is never lost.
 */
const flushers = new Set<() => Promise<void>>()

export function registerDraftFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush)
  return () => flushers.delete(flush)
}

export async function flushDrafts(): Promise<void> {
  await Promise.all([...flushers].map((f) => f()))
}
