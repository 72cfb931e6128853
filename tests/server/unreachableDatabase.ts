import type { Database } from '../../src/server/db/Database'

/**
 * A database whose every query fails, as when the server is down: for tests of the HTTP layer that need no data
 * (and start in milliseconds instead of PGlite's seconds).
 */
export function unreachableDatabase(kind: Database['kind'] = 'postgres'): Database {
  const fail = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
  return { kind, query: fail, exec: fail, transaction: fail, close: async () => undefined }
}
