import { installSyncSubtle } from '../support/syncSubtle'

/**
 * What the convergence schedules' thread changes around the tablets' real code (sync engine, `commit`, `applyRemote`,
 * Dexie on fake-indexeddb, the sealing layer) so that 10,000 of them run in minutes. Call it before Dexie is imported
 * and before the keys are made; each option keeps one thing as it was, for comparison. None of it changes what a
 * tablet stores or sends:
 * - WebCrypto is replaced by a synchronous node:crypto stand-in with the same bytes (tests/support/syncSubtle.ts):
 *   the schedules test the sync protocol, not the cipher, and Node's WebCrypto queued every call on its thread pool.
 * - No BroadcastChannel: Dexie posts every committed write on one so that other tabs' live queries refresh; between
 *   worker threads it crossed into the other thread's schedules (which hold none of those databases) and woke Dexie
 *   there. The tablets here have no other tab and no live query.
 * - Short stack traces: fake-indexeddb throws and catches a DOMException for every row an index skips (a field left
 *   empty) and Dexie aborts an AbortController after every write; their stack traces were 4 % of a schedule. A
 *   diverging schedule is reported by its message and seed, and replayed one seed at a time (with full stacks).
 */
export function fastTablets(options: { webCrypto?: boolean; broadcast?: boolean; stacks?: boolean } = {}): void {
  if (!options.webCrypto) installSyncSubtle()
  if (!options.broadcast) delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel
  if (!options.stacks) Error.stackTraceLimit = 0
}
