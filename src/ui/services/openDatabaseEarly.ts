import { useDatabase } from './database'

// Imported first by main.ts: IndexedDB opens while the rest of the app's code is still being evaluated, instead
// of after, when the router first asks who is using the tablet (measured: docs/benchmarks.md, cold start).
/**
 * This tablet erased itself on an administrator's order (the sync engine left its notice, WIPE_NOTICE_KEY): it opens
 * no database, which would make a new, empty one, and shows only why (main.ts) until it is enrolled again.
 */
export const wiped = !!globalThis.localStorage?.getItem('complaint-desk.wiped')
if (!wiped) void useDatabase().open().catch(() => undefined)
