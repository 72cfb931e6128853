import { chinaDate, FINISHED_STATUSES, remindersDue, STATUSES } from '@/domain'
import type { ComplaintState, Reminder } from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { complaintState } from './queries'

const OPEN_STATUSES = STATUSES.filter((s) => !(FINISHED_STATUSES as readonly string[]).includes(s))

/**
 * What the lobby manager owes customers today (domain `remindersDue`), from the complaints that can owe anything:
 * the open ones and those with a follow-up due. Found through indexes by their keys only (no row is opened), then
 * folded from their events under the centre's calendar and policy.
 */
export async function loadReminders(db: ComplaintDb, now: Date = new Date()): Promise<Reminder[]> {
  const [ctx, followUps, ...open] = await Promise.all([
    loadClockContext(db, now),
    db.complaints.where('followUpDue').between('0', chinaDate(now), true, true).primaryKeys(),
    ...OPEN_STATUSES.map((status) =>
      db.complaints
        .where('[status+receivedAt+id]')
        .between([status, '', ''], [status, '\uffff', '\uffff'])
        .primaryKeys(),
    ),
  ])
  const ids = [...new Set([...followUps, ...open.flat()].map(String))]
  const states = (await Promise.all(ids.map((id) => complaintState(db, id)))).filter(
    (s): s is ComplaintState => s !== null,
  )
  return remindersDue(states, now, ctx.calendar, ctx.policy)
}
