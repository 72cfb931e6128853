import { chinaDate } from '../chinaTime'
import type { IsoDate } from '../calendar/dates'
import { addNaturalDays, addWorkingDays, isProvisional, STATUTORY_CALENDAR, workingDaysBetween } from '../calendar/workCalendar'
import type { WorkCalendar } from '../calendar/workCalendar'
import { pausedNaturalDays, pausedSpans } from './pauses'
import type { ComplaintState } from './state'

/** The procedure's and the 2020 rule's numbers: defaults, configurable centrally. */
export interface DeadlinePolicy {
  firstResponseHours: number
  handlingHours: number
  replyWorkingDays: number
  extensionCapWorkingDays: number
  regulatoryDays: number
  regulatoryExtendedDays: number
  regulatoryMaxDays: number
  dueSoonWorkingDays: number
}

export const DEFAULT_POLICY: DeadlinePolicy = {
  firstResponseHours: 24,
  handlingHours: 24,
  replyWorkingDays: 15,
  extensionCapWorkingDays: 45,
  regulatoryDays: 15,
  regulatoryExtendedDays: 30,
  regulatoryMaxDays: 60,
  dueSoonWorkingDays: 1,
}

export type ClockState = 'onTrack' | 'dueSoon' | 'overdue' | 'met' | 'metLate'
export type ClockName = 'firstResponse' | 'handling' | 'reply' | 'regulatory'

export interface Clock {
  name: ClockName
  /** The instant the clock runs out (end of the due day, China time, for day-counted clocks). */
  dueAt: string
  /** China date of dueAt. */
  dueDate: IsoDate
  state: ClockState
  metAt?: string
  /** Runs into a year without a published holiday schedule: the date may still move. */
  provisional: boolean
}

export interface Clocks {
  clocks: Clock[]
  /** The earliest clock still running (or the earliest overdue): what the manager sees first. */
  binding: Clock | null
  /** The reply deadline after extensions, and the most an extension may reach. */
  extendedDue?: IsoDate
  extensionCap: IsoDate
  /** Natural days excluded from the clocks by pauses (appraisal, mediation). */
  excludedDays: number
  provisional: boolean
}

export interface ClockContext {
  now: Date
  calendar?: WorkCalendar
  policy?: DeadlinePolicy
}

const endOfChinaDay = (d: IsoDate) => new Date(`${d}T23:59:59.999+08:00`).toISOString()

/** Days excluded by pauses: each paused China date counts once, a pause still open runs to today. */
export function excludedDays(s: ComplaintState, today: IsoDate): number {
  return pausedNaturalDays(pausedSpans(s, today))
}

/** When the customer first heard back: the first response, a contact, a verdict or a script step. */
export function firstResponseAt(s: ComplaintState): string | undefined {
  const times = [s.acknowledged?.at, s.contacts[0]?.contactedAt, s.validity?.at, s.script.history[0]?.at].filter((x): x is string => !!x)
  return times.sort()[0]
}

/**
 * The complaint's clocks, computed from its folded events every time they are read — never stored, so a
 * calendar change or a late-synced event is reflected at once.
 */
export function computeClocks(s: ComplaintState, ctx: ClockContext): Clocks {
  const calendar = ctx.calendar ?? STATUTORY_CALENDAR
  const policy = ctx.policy ?? DEFAULT_POLICY
  const today = chinaDate(ctx.now)
  const received = chinaDate(s.receivedAt)
  const spans = pausedSpans(s, today)
  const excluded = pausedNaturalDays(spans)
  const excludedWorking = spans.reduce((n, p) => n + workingDaysBetween(p.from, p.to, calendar), 0)

  const replyAt = s.contacts.find((c) => c.purpose === 'reply')?.contactedAt
  const lastExtension = s.extensions.at(-1)
  const extensionCap = addWorkingDays(received, policy.extensionCapWorkingDays + excludedWorking, calendar)
  const replyDue = addWorkingDays(received, policy.replyWorkingDays + excludedWorking, calendar)
  const extendedDue = lastExtension && (lastExtension.newDueDate < extensionCap ? lastExtension.newDueDate : extensionCap)

  const regulatoryDays = !lastExtension
    ? policy.regulatoryDays
    : s.extensions.some((x) => x.approvedBy) ? policy.regulatoryMaxDays : policy.regulatoryExtendedDays
  const regulatoryDue = addNaturalDays(received, regulatoryDays + excluded, calendar)

  const hours = (h: number) => new Date(Date.parse(s.receivedAt) + h * 3600_000).toISOString()
  const make = (name: ClockName, dueAt: string, metAt: string | undefined, provisional: boolean): Clock => ({
    name, dueAt, dueDate: chinaDate(dueAt), metAt, provisional,
    state: clockState(dueAt, metAt, ctx.now, policy, calendar),
  })
  const clocks = [
    make('firstResponse', hours(policy.firstResponseHours), firstResponseAt(s), false),
    make('handling', hours(policy.handlingHours), s.resolution?.at ?? s.closed?.at, false),
    make('reply', endOfChinaDay(extendedDue ?? replyDue), replyAt, isProvisional(received, extendedDue ?? replyDue, calendar)),
    make('regulatory', endOfChinaDay(regulatoryDue), replyAt, isProvisional(received, regulatoryDue, calendar)),
  ]
  // The 24-hour handling target is the bank's aim, not a deadline: it never binds.
  const running = clocks.filter((c) => c.name !== 'handling' && (c.state === 'onTrack' || c.state === 'dueSoon' || c.state === 'overdue'))
  const binding = running.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null
  return { clocks, binding, extendedDue, extensionCap, excludedDays: excluded, provisional: clocks.some((c) => c.provisional) }
}

function clockState(dueAt: string, metAt: string | undefined, now: Date, policy: DeadlinePolicy, calendar: WorkCalendar): ClockState {
  if (metAt) return metAt <= dueAt ? 'met' : 'metLate'
  if (now.toISOString() > dueAt) return 'overdue'
  const soon = addWorkingDays(chinaDate(now), policy.dueSoonWorkingDays, calendar)
  return chinaDate(dueAt) <= soon ? 'dueSoon' : 'onTrack'
}

/** The latest date an extension may set, and whether it passes the regulatory date (then a supervisor must approve). */
export function extensionLimits(s: ComplaintState, ctx: ClockContext): { cap: IsoDate; regulatoryWithoutApproval: IsoDate } {
  const calendar = ctx.calendar ?? STATUTORY_CALENDAR
  const policy = ctx.policy ?? DEFAULT_POLICY
  const received = chinaDate(s.receivedAt)
  const excluded = excludedDays(s, chinaDate(ctx.now))
  return {
    cap: computeClocks(s, ctx).extensionCap,
    regulatoryWithoutApproval: addNaturalDays(received, policy.regulatoryExtendedDays + excluded, calendar),
  }
}
