import { resolveSettings } from '../../domain'
import type { ClockContext } from '../../domain'
import type { Queryable } from '../db/Database'
import { readSettings } from './readSettings'

/** Now, under the centre's calendar and deadline policy: what the desk and the console count and decide with. */
export async function centreClockContext(db: Queryable): Promise<ClockContext> {
  const { calendar, policy } = resolveSettings(await readSettings(db))
  return { now: new Date(), calendar, policy }
}
