import pg from 'pg'
import type { Database } from './Database'

// bigint columns (server sequences) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v))

export interface PostgresOptions {
  /** Schema(s) to use instead of the role's default (tests isolate themselves in a fresh schema). */
  searchPath?: string
  /**
   * Called when a connection breaks while nobody is using it (the server restarted, an administrator ended it).
   * The pool drops that connection and opens a new one on the next query; the default prints one line to stderr.
   */
  onConnectionError?: (err: Error) => void
}

const warn = (err: Error) =>
  console.error(`PostgreSQL connection lost (${err.message}); reconnecting on the next query`)

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const onConnectionError = options.onConnectionError ?? warn
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // An unreachable server fails a request (health answers 503) instead of hanging it.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  // Without a listener, an idle connection that breaks is an unhandled 'error' event: it would stop the server.
  pool.on('error', onConnectionError)
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('select 1')
  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params) as never,
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect()
      // Checked out, the client is not covered by the pool's listener: between two statements of `fn` the
      // connection can still break, and that must fail this transaction, not the process.
      client.on('error', onConnectionError)
      let broken: Error | undefined
      try {
        await client.query('begin')
        const result = await fn({
          query: (sql, params) => client.query(sql, params) as never,
          exec: async (sql) => void (await client.query(sql)),
        })
        await client.query('commit')
        return result
      } catch (e) {
        await client.query('rollback').catch((err: Error) => (broken = err))
        throw e
      } finally {
        client.off('error', onConnectionError)
        // A connection that could not even roll back is discarded rather than handed to the next caller.
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
