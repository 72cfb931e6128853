import { chinaDate, endOfChinaDay, instantMs } from '../chinaTime'
import { addWorkingDays, STATUTORY_CALENDAR } from '../calendar/workCalendar'
import type { WorkCalendar } from '../calendar/workCalendar'
import { complaintLabel } from './caseLabel'
import { computeClocks, DEFAULT_POLICY, isDecided } from './clocks'
import type { ClockName, DeadlinePolicy } from './clocks'
import type { ComplaintState } from './state'
import { isFinished } from './vocabulary'

/**
 * What the lobby manager owes a customer today (the seed: "keep the customer informed"):
 * - promisedDate: the date promised in the plan (or the script) has come and the decision is not yet told;
 * - progressContact: no word to the customer for PROGRESS_CONTACT_WORKING_DAYS working days while it is handled;
 * - followUp: a follow-up after closing falls due;
 * - replyDue: the complaint's binding deadline (reply, decision notice, first response…) runs out today or has.
 */
export type ReminderKind = 'promisedDate' | 'progressContact' | 'followUp' | 'replyDue'

export interface Reminder {
  complaintId: string
  /** The case number (or the id's tail): what a reminder may show, on a lock screen too. Never the customer. */
  caseLabel: string
  kind: ReminderKind
  /** The instant by which it is due (the end of a China day for a date); overdue when in the past. */
  dueAt: string
  /** replyDue: which deadline. */
  clock?: ClockName
}

/**
 * How long a complaint being handled may go without a word to the customer ("处理过程中随时与客户保持联系,并告知处理
 * 进度"): a week of work. Not a deadline of the rule, so not in the centre's policy.
 */
export const PROGRESS_CONTACT_WORKING_DAYS = 5

/** A scheduled follow-up not yet done: one recorded on or after its (China) date fulfils it. The book indexes it. */
export function pendingFollowUp(s: ComplaintState): string | null {
  if (!s.followUp) return null
  const lastDone = s.followUpsDone.at(-1)
  return lastDone && chinaDate(lastDone.at) >= s.followUp.dueDate ? null : s.followUp.dueDate
}

/** The promised date of the plan (or, before a plan, the one noted in the script). */
export const promisedDateOf = (s: ComplaintState): string | undefined => s.plan?.promisedDate ?? s.script.promisedDate

/** The last time the bank spoke to the customer about this complaint: at the counter, a call, an SMS. */
function lastWordAt(s: ComplaintState): number {
  const times = [
    s.customerPresent ? instantMs(s.receivedAt) : undefined,
    s.acknowledged ? instantMs(s.acknowledged.at) : undefined,
    ...s.contacts.map((c) => instantMs(c.contactedAt)),
    ...(s.sms ?? []).filter((m) => m.status !== 'failed').map((m) => instantMs(m.at)),
    ...s.reopenings.map((r) => instantMs(r.receivedAt ?? r.at)),
  ].filter((t): t is number => t !== undefined)
  return times.length ? Math.max(...times) : instantMs(s.receivedAt)
}

/**
 * Every reminder due by the end of today (China time), overdue ones included, earliest first. The deadlines are the
 * clocks' (`computeClocks`), under the centre's calendar and policy; a date counts to the end of its China day.
 */
export function remindersDue(
  states: Iterable<ComplaintState>,
  now: Date,
  calendar: WorkCalendar = STATUTORY_CALENDAR,
  policy: DeadlinePolicy = DEFAULT_POLICY,
): Reminder[] {
  const today = chinaDate(now)
  const until = endOfChinaDay(today)
  const out: Reminder[] = []
  for (const s of states) {
    const caseLabel = complaintLabel(s)
    const add = (kind: ReminderKind, dueMs: number, clock?: ClockName) => {
      if (dueMs <= until)
        out.push({
          complaintId: s.id,
          caseLabel,
          kind,
          dueAt: new Date(dueMs).toISOString(),
          ...(clock ? { clock } : {}),
        })
    }
    const followUp = pendingFollowUp(s)
    if (followUp) add('followUp', endOfChinaDay(followUp))
    if (isFinished(s.status)) continue

    const binding = computeClocks(s, { now, calendar, policy }).binding
    if (binding) add('replyDue', instantMs(binding.dueAt), binding.name)
    if (isDecided(s)) continue
    const promised = promisedDateOf(s)
    if (promised) add('promisedDate', endOfChinaDay(promised))
    const quietSince = chinaDate(lastWordAt(s))
    add('progressContact', endOfChinaDay(addWorkingDays(quietSince, PROGRESS_CONTACT_WORKING_DAYS, calendar)))
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseLabel.localeCompare(b.caseLabel))
}

/** How many complaints have something due today: what a locked tablet, or a badge, may say. */
export const reminderCount = (reminders: Reminder[]): number => new Set(reminders.map((r) => r.complaintId)).size
