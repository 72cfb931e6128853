import { resolveSettings } from '@/domain'
import type { ClockContext } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'

/** The clocks' calendar and policy as the centre set them (the built-in ones until the first sync). */
export async function loadClockContext(db: ComplaintDb, now: Date = new Date()): Promise<ClockContext> {
  const { calendar, policy } = resolveSettings(await db.getMeta('settings'))
  return { now, calendar, policy }
}
