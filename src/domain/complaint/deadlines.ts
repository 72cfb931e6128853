import type { ComplaintState } from './state'

/** Section II.2 of the procedure: respond within 24 hours of receipt. */
export const FIRST_RESPONSE_HOURS = 24

export function firstResponseDueAt(s: Pick<ComplaintState, 'receivedAt'>): string {
  return new Date(Date.parse(s.receivedAt) + FIRST_RESPONSE_HOURS * 3600_000).toISOString()
}

/**
 * The date the complaint book sorts and warns by. Until the working-day calendar lands this is the
 * first-response deadline while the complaint awaits one, and none afterwards.
 */
export function bookDueAt(s: ComplaintState): string | null {
  return s.status === 'new' ? firstResponseDueAt(s) : null
}
