import { useDatabase } from './database'

// Imported first by main.ts: IndexedDB opens while the rest of the app's code is still being evaluated, instead
// of after, when the router first asks who is using the tablet (measured: docs/benchmarks.md, cold start).
void useDatabase()
  .open()
  .catch(() => undefined)
