import { chinaDate, endOfChinaDay, instantMs } from '../chinaTime'
import { daysBetween } from '../calendar/dates'
import type { IsoDate } from '../calendar/dates'
import {
  addNaturalDays,
  addWorkingDays,
  isProvisional,
  nextWorkingDayFrom,
  STATUTORY_CALENDAR,
  workingDaysBetween,
} from '../calendar/workCalendar'
import type { WorkCalendar } from '../calendar/workCalendar'
import { countedPauses } from './pauses'
import type { ComplaintState, RoundStart, StaffRef } from './state'
import { SCRIPT_IDLE_LOCK } from '../staff/idleLock'
import { RETENTION } from './retention'

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
  /** Art. 20: the customer may ask for a review within this many days of the decision notice… */
  reviewWindowDays: number
  /** …and the review is decided and told within this many days of the request. */
  reviewDays: number
  /** Not a deadline, but set with them centrally: how long a quiet tablet waits to lock during the script. */
  scriptIdleLockMinutes: number
  /** Not a deadline either: how long a finished complaint stays on the tablets (retention.ts). */
  retentionDays: number
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
  reviewWindowDays: 30,
  reviewDays: 30,
  scriptIdleLockMinutes: SCRIPT_IDLE_LOCK.defaultMinutes,
  retentionDays: RETENTION.defaultDays,
}

/**
 * running: onTrack, dueSoon, overdue (its deadline passed without the act: breached, and still open).
 * paused: time excluded (appraisal, mediation) — it neither runs nor breaches; its deadline moves day by day.
 * finished: met; metLate (done after the deadline: breached); missed (stopped without the act after the deadline:
 * breached); stopped (withdrawn, closed or superseded before the deadline without the act: no longer runs).
 */
export type ClockState = 'onTrack' | 'dueSoon' | 'overdue' | 'paused' | 'met' | 'metLate' | 'missed' | 'stopped'
export type ClockName = 'firstResponse' | 'handling' | 'reply' | 'regulatory' | 'review'
export type RoundKind = 'original' | RoundStart['kind']

const RUNNING_STATES: readonly ClockState[] = ['onTrack', 'dueSoon', 'overdue']
const BREACHED_STATES: readonly ClockState[] = ['overdue', 'metLate', 'missed']
export const isRunning = (state: ClockState) => RUNNING_STATES.includes(state)
/** A deadline that passed without the act it asks for: breached at that instant, and forever after. */
export const isBreached = (state: ClockState) => BREACHED_STATES.includes(state)

/** The bank's own clocks (the seed procedure) and the 2020 rule's. Reports keep them apart. */
export const CLOCK_SOURCE: Record<ClockName, 'bank' | 'rule'> = {
  firstResponse: 'bank',
  handling: 'bank',
  reply: 'bank',
  regulatory: 'rule',
  review: 'rule',
}

/** What satisfied a clock. */
export type MetBy = 'acknowledgement' | 'contact' | 'script' | 'notice' | 'extensionNotice' | 'unreachable'

/** How an extension (`complaint.extended`) counted on a clock it extends. */
export interface ExtensionOutcome {
  eventId: string
  newDueDate: IsoDate
  /** Recorded, or the customer told, after the deadline it was to extend: it does not count. */
  late: boolean
  /** The deadline it had to come before. */
  deadline: string
  /** The date it was held to: the 45-working-day cap, or 30 days without a superior's approval. */
  cappedTo?: IsoDate
}

export interface Clock {
  name: ClockName
  round: number
  roundKind: RoundKind
  /** The instant the clock counts from. */
  startAt: string
  /** The instant the clock runs out (end of the due day, China time, for day-counted clocks). */
  dueAt: string
  /** China date of dueAt. */
  dueDate: IsoDate
  state: ClockState
  /** When the act happened (contact time, notice time), and what it was. */
  metAt?: string
  metBy?: MetBy
  /** When the act was logged: a notice logged after the deadline it met is marked on the page. */
  loggedAt?: string
  /** When the clock stopped without its act (withdrawn, closed, or a new round began). */
  stoppedAt?: string
  /** Runs into a year without a published holiday schedule: the date may still move. */
  provisional: boolean
  /** reply, regulatory: the extensions recorded in this round and how each counted. */
  extensions?: ExtensionOutcome[]
  /** regulatory: the limit in force (15, 30 or 60 days) and the superior approval that allowed 60. */
  limitDays?: number
  approval?: { by: StaffRef; at: string; upTo: IsoDate }
}

export interface Clocks {
  /** Every round's clocks, oldest round first. */
  clocks: Clock[]
  /** The current round's clocks (with the first response while it belongs to the first round). */
  current: Clock[]
  /** The earliest clock still running (an overdue one first, as it is earliest): what the manager sees first. */
  binding: Clock | null
  round: number
  roundKind: RoundKind
  /** The current round's extended reply date, if an extension counted. */
  extendedDue?: IsoDate
  extensionCap: IsoDate
  /** Natural days excluded from the current round's regulatory clock by pauses (appraisal, mediation). */
  excludedDays: number
  provisional: boolean
}

export interface ClockContext {
  now: Date
  calendar?: WorkCalendar
  policy?: DeadlinePolicy
}

/**
 * "Due soon": due before the end of the next working day (policy.dueSoonWorkingDays working days after today, China
 * time), so on the last working day before a holiday the deadlines of the days after it already show. The book,
 * its badge, the supervisor's desk and the server all use this one instant.
 */
export function dueSoonUntil(
  now: Date | number,
  calendar: WorkCalendar = STATUTORY_CALENDAR,
  policy: DeadlinePolicy = DEFAULT_POLICY,
): number {
  const today = chinaDate(typeof now === 'number' ? now : now.getTime())
  return endOfChinaDay(
    policy.dueSoonWorkingDays > 0 ? addWorkingDays(today, policy.dueSoonWorkingDays, calendar) : today,
  )
}

export function clockState(
  dueMs: number,
  metMs: number | undefined,
  stoppedMs: number | undefined,
  nowMs: number,
  soonMs: number,
  paused = false,
): ClockState {
  if (metMs !== undefined) return metMs <= dueMs ? 'met' : 'metLate'
  if (stoppedMs !== undefined) return stoppedMs > dueMs ? 'missed' : 'stopped'
  if (paused) return 'paused'
  if (nowMs > dueMs) return 'overdue'
  return dueMs <= soonMs ? 'dueSoon' : 'onTrack'
}

interface Round {
  index: number
  kind: RoundKind
  startAt: string
  stoppedAt?: string
}

/**
 * The receipt time the first round's clocks count from. A correction to an earlier time always applies; one to a
 * later time only while no deadline of the complaint can have passed (within the shorter of the 24-hour clocks
 * of the time in force): a correction made after a deadline never moves it.
 */
export function clockStart(s: ComplaintState, policy: DeadlinePolicy = DEFAULT_POLICY): string {
  const first = s.receiptCorrections[0]
  if (!first) return s.receivedAt
  const grace = Math.min(policy.firstResponseHours, policy.handlingHours) * 3600_000
  let start = first.from
  for (const c of s.receiptCorrections) {
    if (instantMs(c.to) <= instantMs(start) || instantMs(c.at) <= instantMs(start) + grace) start = c.to
  }
  return start
}

function roundsOf(s: ComplaintState, policy: DeadlinePolicy): Round[] {
  const rounds: Round[] = [
    { index: 0, kind: 'original', startAt: clockStart(s, policy) },
    ...s.rounds.map((r) => ({ index: r.round, kind: r.kind, startAt: r.startAt })),
  ]
  rounds.forEach((r, i) => {
    const next = s.rounds[i]
    r.stoppedAt = next ? (next.previousStoppedAt ?? next.at) : s.finishedAt
  })
  return rounds
}

/** The complaint with only the pauses its clocks count (see pauses.ts). */
function withCountedPauses(s: ComplaintState, rounds: Round[]): ComplaintState {
  return s.pauses.length === 0
    ? s
    : { ...s, pauses: countedPauses(s.pauses, new Map(rounds.map((r) => [r.index, r.startAt]))) }
}

/** The earliest of some acts, by when they happened. */
function earliest(
  acts: { at: string | undefined; by: MetBy; loggedAt: string }[],
): { at: string; by: MetBy; loggedAt: string } | undefined {
  let best: { at: string; by: MetBy; loggedAt: string } | undefined
  for (const a of acts)
    if (a.at && (!best || instantMs(a.at) < instantMs(best.at))) best = { at: a.at, by: a.by, loggedAt: a.loggedAt }
  return best
}

/** When the customer first heard back: the earliest contact by when it happened, not the first one logged. */
export function firstResponse(s: ComplaintState) {
  return earliest([
    ...(s.acknowledged ? [{ at: s.acknowledged.at, by: 'acknowledgement' as const, loggedAt: s.acknowledged.at }] : []),
    ...s.contacts.map((c) => ({ at: c.contactedAt, by: 'contact' as const, loggedAt: c.at })),
    ...s.notices.map((n) => ({ at: n.notifiedAt, by: 'notice' as const, loggedAt: n.at })),
    ...s.extensions.map((x) => ({ at: x.noticeAt, by: 'extensionNotice' as const, loggedAt: x.at })),
    // The seven-step script is done with the customer in front of the manager.
    ...s.script.history.slice(0, 1).map((h) => ({ at: h.at, by: 'script' as const, loggedAt: h.at })),
  ])
}

export function firstResponseAt(s: ComplaintState): string | undefined {
  return firstResponse(s)?.at
}

/** The decision of a round: its first decision notice, or the record that the customer could not be told. */
function decisionOf(s: ComplaintState, round: number) {
  return earliest([
    ...s.notices
      .filter((n) => n.round === round)
      .map((n) => ({ at: n.notifiedAt, by: 'notice' as const, loggedAt: n.at })),
    ...s.unreachable
      .filter((u) => u.round === round)
      .map((u) => ({ at: u.at, by: 'unreachable' as const, loggedAt: u.at })),
  ])
}

/** When the round's first decision notice or unreachable record was recorded (Infinity before any). */
function decisionRecordedMs(s: ComplaintState, round: number): number {
  let first = Infinity
  for (const x of [...s.notices, ...s.unreachable]) if (x.round === round) first = Math.min(first, instantMs(x.at))
  return first
}

/** Whether the current round's decision has been told (or why it could not be is recorded). */
export function isDecided(s: ComplaintState): boolean {
  return decisionOf(s, s.rounds.length) !== undefined
}

type Pause = ComplaintState['pauses'][number]

/**
 * A deadline moved by the pauses counted on it (Art. 18, 23: appraisal and mediation time excluded), in order: each
 * moves it by the days (natural clocks) or working days (working-day clocks) from the date the pause began to the
 * date it ended — for a pause still open, to `asOf`, as if it ended then. A pause counts only if it began before the
 * deadline, so the time the clock had left when paused is what it has when resumed.
 */
function movedBy(due: IsoDate, pauses: Pause[], asOf: IsoDate, natural: boolean, calendar: WorkCalendar): IsoDate {
  let d = due
  for (const p of pauses) {
    const from = chinaDate(p.at)
    const resumed = p.resumedAt ? chinaDate(p.resumedAt) : asOf
    const to = resumed < asOf ? resumed : asOf
    const n = natural ? daysBetween(from, to) : workingDaysBetween(from, to, calendar)
    if (n > 0) d = natural ? addNaturalDays(d, n, calendar) : addWorkingDays(d, n, calendar)
    // A working-day clock paused on its last day and resumed on a rest day resumes with that day's rest on the next
    // working day, not already run out (natural clocks already end on a working day).
    if (!natural && d < to) d = nextWorkingDayFrom(to, calendar)
  }
  return d
}

/** Natural days excluded by the pauses up to `asOf`. */
function pausedDays(pauses: Pause[], asOf: IsoDate): number {
  return pauses.reduce((n, p) => {
    const resumed = p.resumedAt ? chinaDate(p.resumedAt) : asOf
    return n + Math.max(0, daysBetween(chinaDate(p.at), resumed < asOf ? resumed : asOf))
  }, 0)
}

const isOpen = (pauses: Pause[]) => pauses.some((p) => !p.resumedAt)

/** The current round's deadlines for an extension, as of `ctx.now` (see extensionLimits). */
interface RoundDues {
  regulatoryMs: number
  replyMs: number
  regulatoryDate: IsoDate
  replyDate: IsoDate
  day30: IsoDate
  day60: IsoDate
  cap45: IsoDate
}

type SuperiorApproval = { by: StaffRef; at: string; upTo: IsoDate }

/**
 * The reply (bank) and regulatory (Art. 18) clocks of one round, followed through the round's pauses and extensions
 * in the order they were recorded. A pause counts on a clock only if it began before that clock ran out; an
 * extension only if it was recorded and the customer told before the deadline it extends, and only as far as the
 * 45-working-day cap and the approvals held at the time allow (30 days; 60 with a superior's approval).
 */
function decisionClocks(s: ComplaintState, round: Round, asOfMs: number, ctx: Required<ClockContext>) {
  const { calendar, policy } = ctx
  const startDate = chinaDate(round.startAt)
  const regPauses: Pause[] = []
  // Pauses move the reply date they began under: one set by an extension already allowed for those before it.
  let replyPauses: Pause[] = []
  let regDays = policy.regulatoryDays
  let replyDate: IsoDate | undefined
  let approval: SuperiorApproval | undefined
  const regOutcomes: ExtensionOutcome[] = []
  const replyOutcomes: ExtensionOutcome[] = []
  const approvals: SuperiorApproval[] = s.extensionRequests
    .filter((r) => r.round === round.index && r.decision?.approved && r.decision.level === 'superior')
    .map((r) => ({ by: r.decision!.supervisor, at: r.decision!.at, upTo: r.newDueDate }))

  const dues = (atMs: number): RoundDues => {
    const asOf = chinaDate(atMs)
    const natural = (days: number) =>
      movedBy(addNaturalDays(startDate, days, calendar), regPauses, asOf, true, calendar)
    const working = (days: number) =>
      movedBy(addWorkingDays(startDate, days, calendar), replyPauses, asOf, false, calendar)
    const regulatoryDate = natural(regDays)
    const reply = replyDate ? movedBy(replyDate, replyPauses, asOf, false, calendar) : working(policy.replyWorkingDays)
    return {
      regulatoryMs: endOfChinaDay(regulatoryDate),
      replyMs: endOfChinaDay(reply),
      regulatoryDate,
      replyDate: reply,
      day30: natural(policy.regulatoryExtendedDays),
      day60: natural(policy.regulatoryMaxDays),
      cap45: movedBy(
        addWorkingDays(startDate, policy.extensionCapWorkingDays, calendar),
        regPauses,
        asOf,
        false,
        calendar,
      ),
    }
  }
  const heldAt = (ms: number) =>
    approvals.filter((a) => instantMs(a.at) <= ms).sort((a, b) => (a.upTo < b.upTo ? 1 : -1))[0]

  // What was recorded after the round stopped (closed, withdrawn, superseded) no longer moves its clocks.
  const inRound = (x: { round: number; at: string }) => x.round === round.index && instantMs(x.at) <= asOfMs
  type Item = { kind: 'pause'; p: Pause } | { kind: 'extension'; x: ComplaintState['extensions'][number] }
  const items: Item[] = [
    ...s.pauses.filter(inRound).map((p) => ({ kind: 'pause' as const, p })),
    ...s.extensions.filter(inRound).map((x) => ({ kind: 'extension' as const, x })),
  ].sort((a, b) => instantMs(a.kind === 'pause' ? a.p.at : a.x.at) - instantMs(b.kind === 'pause' ? b.p.at : b.x.at))

  for (const item of items) {
    if (item.kind === 'pause') {
      const t = instantMs(item.p.at)
      const d = dues(t)
      if (t <= d.regulatoryMs) regPauses.push(item.p)
      if (t <= d.replyMs) replyPauses.push(item.p)
      continue
    }
    const x = item.x
    const t = instantMs(x.at)
    const told = instantMs(x.noticeAt)
    const d = dues(t)
    const held = heldAt(t)
    const allowed = held ? min(d.day60, held.upTo) : d.day30
    const regLate = t > d.regulatoryMs || told > d.regulatoryMs
    regOutcomes.push({
      eventId: x.eventId,
      newDueDate: x.newDueDate,
      late: regLate,
      deadline: iso(d.regulatoryMs),
      cappedTo: x.newDueDate > allowed ? allowed : undefined,
    })
    // A timely extension told to the customer invokes Art. 18's longer limit: 30 days, or 60 with a superior's approval
    // held by then. The limit follows from that, not from the date promised (which the bank's reply clock holds the
    // bank to), so a later correction of the receipt time cannot turn a breach into an extension that counted.
    if (!regLate) {
      if (held) approval = held
      regDays = Math.max(regDays, held ? policy.regulatoryMaxDays : policy.regulatoryExtendedDays)
    }
    const replyLate = t > d.replyMs || told > d.replyMs
    const cap = min(d.cap45, allowed)
    replyOutcomes.push({
      eventId: x.eventId,
      newDueDate: x.newDueDate,
      late: replyLate,
      deadline: iso(d.replyMs),
      cappedTo: x.newDueDate > cap ? cap : undefined,
    })
    if (!replyLate) {
      replyDate = min(x.newDueDate, cap)
      replyPauses = []
    }
  }
  const final = dues(asOfMs)
  return {
    final,
    regDays,
    approval,
    regOutcomes,
    replyOutcomes,
    replyExtended: replyDate !== undefined,
    excludedDays: pausedDays(regPauses, chinaDate(asOfMs)),
    paused: { regulatory: isOpen(regPauses), reply: isOpen(replyPauses) },
    limits: { dues: final, held: heldAt(asOfMs) },
  }
}

/** The review clock of a round (Art. 20): 30 natural days from the request, pauses begun before it ran out excluded. */
function reviewDue(
  s: ComplaintState,
  round: Round,
  asOfMs: number,
  ctx: Required<ClockContext>,
): { date: IsoDate; paused: boolean } {
  const base = addNaturalDays(chinaDate(round.startAt), ctx.policy.reviewDays, ctx.calendar)
  const counted: Pause[] = []
  const due = () => movedBy(base, counted, chinaDate(asOfMs), true, ctx.calendar)
  for (const p of s.pauses.filter((x) => x.round === round.index && instantMs(x.at) <= asOfMs))
    if (instantMs(p.at) <= endOfChinaDay(due())) counted.push(p)
  return { date: due(), paused: isOpen(counted) }
}

const iso = (ms: number) => new Date(ms).toISOString()
const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b)
const withDefaults = (ctx: ClockContext): Required<ClockContext> => ({
  now: ctx.now,
  calendar: ctx.calendar ?? STATUTORY_CALENDAR,
  policy: ctx.policy ?? DEFAULT_POLICY,
})

/**
 * The complaint's clocks, computed from its folded events every time they are read — never stored, so a calendar
 * change or a late-synced event is reflected at once. Every screen, the book, the desk, the server's projection and
 * the reports read clock states from here. Instants are compared as numbers.
 */
export function computeClocks(complaint: ComplaintState, context: ClockContext): Clocks {
  const ctx = withDefaults(context)
  const { calendar, policy } = ctx
  const nowMs = ctx.now.getTime()
  const soonMs = dueSoonUntil(nowMs, calendar, policy)
  const rounds = roundsOf(complaint, policy)
  const s = withCountedPauses(complaint, rounds)
  const clocks: Clock[] = []
  let current = { extendedDue: undefined as IsoDate | undefined, extensionCap: '', excludedDays: 0 }

  for (const round of rounds) {
    const stoppedMs = round.stoppedAt === undefined ? undefined : instantMs(round.stoppedAt)
    const decision = decisionOf(s, round.index)
    // The first decision recorded ends its clocks' count: neither a pause still open, nor anything recorded later, nor
    // "now" moves them after it, so a decision once late stays late however late the clocks are read. (When it was
    // recorded, not the time it claims: what was recorded before it still counts.)
    const asOfMs = Math.min(stoppedMs ?? nowMs, decisionRecordedMs(s, round.index))
    const startMs = instantMs(round.startAt)
    const startDate = chinaDate(startMs)
    const make = (
      name: ClockName,
      dueMs: number,
      act: ReturnType<typeof earliest>,
      extra: Partial<Clock> = {},
      paused = false,
    ): Clock => {
      const dueDate = chinaDate(dueMs)
      const metMs = act ? instantMs(act.at) : undefined
      const state = clockState(dueMs, metMs, stoppedMs, nowMs, soonMs, paused)
      return {
        name,
        round: round.index,
        roundKind: round.kind,
        startAt: iso(startMs),
        dueAt: iso(dueMs),
        dueDate,
        state,
        metAt: act?.at,
        metBy: act?.by,
        loggedAt: act?.loggedAt,
        stoppedAt: act ? undefined : round.stoppedAt,
        provisional: extra.provisional ?? false,
        ...extra,
      }
    }
    const hours = (h: number) => startMs + h * 3600_000
    if (round.index === 0) clocks.push(make('firstResponse', hours(policy.firstResponseHours), firstResponse(s)))
    if (round.kind === 'review') {
      const due = reviewDue(s, round, asOfMs, ctx)
      clocks.push(
        make(
          'review',
          endOfChinaDay(due.date),
          decision,
          { provisional: isProvisional(startDate, due.date, calendar) },
          due.paused,
        ),
      )
      current = { extendedDue: undefined, extensionCap: due.date, excludedDays: 0 }
      continue
    }
    // The 24-hour aim (section II.3): the decision told, or, if it cannot be handled in time, the extension and its reason.
    const toldOfDelay = [
      ...s.extensions
        .filter((x) => x.round === round.index)
        .map((x) => ({ at: x.noticeAt, by: 'extensionNotice' as const, loggedAt: x.at })),
      ...s.contacts
        .filter((c) => c.round === round.index && c.purpose === 'extensionNotice')
        .map((c) => ({ at: c.contactedAt, by: 'extensionNotice' as const, loggedAt: c.at })),
    ]
    clocks.push(
      make('handling', hours(policy.handlingHours), earliest([...(decision ? [decision] : []), ...toldOfDelay])),
    )
    const d = decisionClocks(s, round, asOfMs, ctx)
    clocks.push(
      make(
        'reply',
        d.final.replyMs,
        decision,
        {
          provisional: isProvisional(startDate, d.final.replyDate, calendar),
          extensions: d.replyOutcomes,
        },
        d.paused.reply,
      ),
    )
    clocks.push(
      make(
        'regulatory',
        d.final.regulatoryMs,
        decision,
        {
          provisional: isProvisional(startDate, d.final.regulatoryDate, calendar),
          extensions: d.regOutcomes,
          limitDays: d.regDays,
          approval: d.approval,
        },
        d.paused.regulatory,
      ),
    )
    current = {
      extendedDue: d.replyExtended ? d.final.replyDate : undefined,
      extensionCap: d.final.cap45,
      excludedDays: d.excludedDays,
    }
  }

  const last = rounds.at(-1)!
  const currentClocks = clocks.filter(
    (c) => c.round === last.index || (c.name === 'firstResponse' && isRunning(c.state)),
  )
  const running = currentClocks.filter((c) => isRunning(c.state))
  const binding = running.sort((a, b) => instantMs(a.dueAt) - instantMs(b.dueAt))[0] ?? null
  return {
    clocks,
    current: currentClocks,
    binding,
    round: last.index,
    roundKind: last.kind,
    ...current,
    provisional: currentClocks.some((c) => c.provisional),
  }
}

/** How far an extension recorded now may go in the current round, and the deadline it must come before. */
export interface ExtensionLimits {
  /** The latest date an extension recorded now may set: the 45-working-day cap and the approvals held. */
  cap: IsoDate
  /** The latest date that may be asked for: the 45-working-day cap and 60 days. */
  requestCap: IsoDate
  /** The latest date without a superior's approval (30 days, within the cap). */
  withoutSuperior: IsoDate
  /** The superior approval held, if any. */
  approval?: SuperiorApproval
  /** The date the reply is due by now (the earlier of the rule's 15 days and the bank's, or the last extension): an extension must come after it. */
  replyDue: IsoDate
  /** The earliest deadline the extension extends: recorded and told after it, it no longer counts. */
  deadline: string
  late: boolean
  /** A review round has one 30-day clock, which no extension moves. */
  inReview: boolean
}

export function extensionLimits(complaint: ComplaintState, context: ClockContext): ExtensionLimits {
  const ctx = withDefaults(context)
  const nowMs = ctx.now.getTime()
  const rounds = roundsOf(complaint, ctx.policy)
  const s = withCountedPauses(complaint, rounds)
  const round = rounds.at(-1)!
  if (round.kind === 'review') {
    const due = endOfChinaDay(reviewDue(s, round, nowMs, ctx).date)
    const day = chinaDate(due)
    return {
      cap: day,
      requestCap: day,
      withoutSuperior: day,
      replyDue: day,
      deadline: iso(due),
      late: nowMs > due,
      inReview: true,
    }
  }
  const { dues, held } = decisionClocks(s, round, nowMs, ctx).limits
  const deadline = Math.min(dues.regulatoryMs, dues.replyMs)
  const withoutSuperior = min(dues.cap45, dues.day30)
  return {
    cap: held ? min(dues.cap45, min(dues.day60, held.upTo)) : withoutSuperior,
    requestCap: min(dues.cap45, dues.day60),
    withoutSuperior,
    approval: held,
    replyDue: min(dues.regulatoryDate, dues.replyDate),
    deadline: iso(deadline),
    late: nowMs > deadline,
    inReview: false,
  }
}

/** The last instant a review may be asked for, for a decision told at `notifiedAt` (Art. 20: within 30 days). */
export function reviewUntil(notifiedAt: string | Date, context: Omit<ClockContext, 'now'>): string {
  const policy = context.policy ?? DEFAULT_POLICY
  return iso(
    endOfChinaDay(
      addNaturalDays(chinaDate(notifiedAt), policy.reviewWindowDays, context.calendar ?? STATUTORY_CALENDAR),
    ),
  )
}

/** Until when the customer may ask for a review of the round's decision (Art. 20), or null before any decision notice. */
export function reviewWindow(
  s: ComplaintState,
  context: Omit<ClockContext, 'now'>,
): { notifiedAt: string; until: string } | null {
  const round = s.rounds.length
  const notice = s.notices
    .filter((n) => n.round === round)
    .sort((a, b) => instantMs(a.notifiedAt) - instantMs(b.notifiedAt))[0]
  return notice ? { notifiedAt: notice.notifiedAt, until: reviewUntil(notice.notifiedAt, context) } : null
}
