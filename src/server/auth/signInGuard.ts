import type { Queryable } from '../db/Database'
import { HttpError } from '../http/errors'

/** Failed sign-ins allowed for one username within the window before it locks for LOCK_MS. */
export const MAX_FAILURES = 10
export const FAILURE_WINDOW_MS = 15 * 60_000
export const LOCK_MS = 15 * 60_000

/** Usernames are compared as typed, case-folded (the index of staff.username is exact; this is only the counter). */
const key = (username: string) => username.trim().toLowerCase()

/** Refuses a username that is locked, before any password is checked (the answer is the same for unknown names). */
export async function assertNotLocked(db: Queryable, username: string, now = new Date()): Promise<void> {
  const { rows } = await db.query<{ locked_until: Date | null }>(
    'select locked_until from sign_in_failures where username = $1',
    [key(username)],
  )
  const until = rows[0]?.locked_until
  if (until && until.getTime() > now.getTime()) {
    const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000)
    throw new HttpError(429, 'account_locked', `Too many failed attempts for this account: try again in ${minutes} min`)
  }
}

/** Counts a failure; the MAX_FAILURES-th within the window locks the username. */
export async function recordFailure(db: Queryable, username: string, now = new Date()): Promise<void> {
  await db.query(
    `insert into sign_in_failures (username, failures, window_started) values ($1, 1, $2)
     on conflict (username) do update set
       failures = case when sign_in_failures.window_started <= $3 then 1 else sign_in_failures.failures + 1 end,
       window_started = case when sign_in_failures.window_started <= $3 then $2 else sign_in_failures.window_started end`,
    [key(username), now, new Date(now.getTime() - FAILURE_WINDOW_MS)],
  )
  await db.query(
    `update sign_in_failures set locked_until = $2, failures = 0, window_started = $3 where username = $1 and failures >= ${MAX_FAILURES}`,
    [key(username), new Date(now.getTime() + LOCK_MS), now],
  )
}

export async function clearFailures(db: Queryable, username: string): Promise<void> {
  await db.query('delete from sign_in_failures where username = $1', [key(username)])
}

export async function purgeSignInFailures(db: Queryable, now = new Date()): Promise<void> {
  await db.query(
    'delete from sign_in_failures where window_started <= $1 and (locked_until is null or locked_until <= $2)',
    [new Date(now.getTime() - FAILURE_WINDOW_MS), now],
  )
}
