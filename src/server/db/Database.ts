/** What the server needs of PostgreSQL, whichever one runs it: embedded PGlite or a real server. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  kind: 'pglite' | 'postgres'
  /**
   * Runs `fn` in one transaction on one connection; commits what it did, rolls all of it back if it throws.
   * Inside `fn` use `tx` only: PGlite is a single connection, so a query on the database itself would wait for
   * the transaction to end, and the transaction for it (a deadlock that only shows on PGlite).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}
