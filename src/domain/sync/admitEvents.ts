import { mayApprove } from '../complaint/approvals'
import { caseNumberRefusal } from '../complaint/caseNumber'
import { correctionIsValid } from '../complaint/decide'
import type { ComplaintEvent, ParseResult } from '../complaint/events'
import { fold } from '../complaint/fold'
import { CENTRE_EVENT_TYPES } from '../complaint/sms'
import { roleAtLeast } from '../staff/roles'
import type { StaffRole } from '../staff/roles'
import { CENTRE_CHECKED, centreRefusal } from './centreRules'
import { checkEventClock } from './eventBounds'
import type { PushResult, RejectReason } from './protocol'

/**
 * Events only a supervisor may make, whatever tablet they are made on, in their own name: the decision on an
 * extension request and the plan that answers an escalation (a lobby manager typing a supervisor's name into either
 * would close the question without the supervisor).
 */
const SUPERVISOR_EVENTS = new Set<string>(['extension.decided', 'supervisor.planRecorded'])

/** What the centre knows when a tablet's batch arrives (looked up once per batch by whoever stores it). */
export interface IntakeContext {
  /**
   * The tablet, with the branch's code and the letter it was given for case numbers (absent on the desk and in the
   * demo seed, which record no numbered complaint).
   */
  device: { deviceId: string; branchId: string; branchCode?: string | null; caseLetter?: string | null }
  /** The case numbers of the batch's records that the branch has already given (looked up once per batch). */
  caseNumbersTaken?: ReadonlySet<string>
  nowMs: number
  /**
   * Staff who may act in the device's branch (active; its own staff and the supervisors covering it; never an
   * administrator), by id, with the names they have gone by (an event made offline may carry the name before a rename).
   */
  staff: ReadonlyMap<string, { role: StaffRole; approvalLevel?: 'superior' | null; names: readonly string[] }>
  /** Events of the batch already stored, by id, with their sequence (a retried push). */
  stored: ReadonlyMap<string, { serverSeq: number; body: unknown }>
  /** Complaints the batch touches that the centre already holds: their branch and stored events. */
  complaints: ReadonlyMap<string, { branchId: string; events: readonly ComplaintEvent[] }>
}

export interface Admission {
  /** One answer per pushed event, in order; accepted new events carry serverSeq 0 until stored. */
  results: PushResult[]
  /** The new events to store, in the batch's order, with the indexes of `results` that answer for each. */
  accepted: { event: ComplaintEvent; answers: number[] }[]
}

const REFUSALS: Partial<Record<RejectReason, string>> = {
  wrongBranch: 'The event belongs to another branch',
  wrongDevice: 'The event was not made on this tablet',
  forbidden: 'The staff member is not one of this tablet’s users in this branch',
  conflictingDuplicate: 'Another event with this id is already stored',
  unknownComplaint: 'The complaint has not been recorded',
  alreadyRecorded: 'The complaint is already recorded; correct it instead',
  beforeReceipt: 'The event is dated before the complaint was received',
  receivedInFuture: 'The receipt time is later than the moment it was recorded',
  caseNumber: 'caseNumberTaken',
}

/** JSONB does not keep key order: compare with keys sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    )
  return v
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

/**
 * The centre's intake rules, in one pure function that the server and the tests' in-memory centre both call: which
 * events of a tablet's batch are stored, which are refused for good (with a coded reason) and which wait (a clock
 * ahead of the centre's). Idempotent by event id: a retried or duplicated event is accepted again with its sequence.
 */
export function admitEvents(
  ids: readonly string[],
  parsed: readonly ParseResult<ComplaintEvent>[],
  ctx: IntakeContext,
): Admission {
  const results: PushResult[] = []
  const accepted = new Map<string, { event: ComplaintEvent; answers: number[] }>()
  // What the batch adds to each complaint as it goes: a record, a corrected receipt.
  const known = new Map<string, { branchId: string; events: ComplaintEvent[]; receivedAt?: string }>()
  const complaintOf = (id: string) => {
    let k = known.get(id)
    if (!k) {
      const stored = ctx.complaints.get(id)
      if (!stored) return undefined
      k = { branchId: stored.branchId, events: [...stored.events] }
      known.set(id, k)
    }
    k.receivedAt ??= fold(k.events)?.receivedAt
    return k
  }
  // Numbers of this batch's accepted records: a second record with one is refused like a stored one.
  const numbered = new Set<string>()
  const refuse = (id: string, reason: RejectReason, message = REFUSALS[reason] ?? reason) =>
    results.push({ id, status: 'rejected', reason, message })

  for (const [index, p] of parsed.entries()) {
    const id = ids[index]!
    if (!p.ok) {
      refuse(id, 'invalid', p.issues.map((i) => `${i.path || 'event'}: ${i.message}`).join('; '))
      continue
    }
    const e = p.value
    if (e.branchId !== ctx.device.branchId) {
      refuse(id, 'wrongBranch')
      continue
    }
    if (e.actor.deviceId !== ctx.device.deviceId) {
      refuse(id, 'wrongDevice')
      continue
    }
    // The gateway's answers are made by the centre alone: a tablet claiming a delivery would forge the proof of notice.
    if (CENTRE_EVENT_TYPES.has(e.type)) {
      refuse(id, 'forbidden', 'Only the centre records what the SMS gateway answered')
      continue
    }
    const actor = ctx.staff.get(e.actor.staffId)
    if (!actor) {
      refuse(id, 'forbidden')
      continue
    }
    if (!actor.names.includes(e.actor.staffName)) {
      refuse(id, 'forbidden', 'The name on the event is not the staff member’s')
      continue
    }
    if (SUPERVISOR_EVENTS.has(e.type)) {
      if (!roleAtLeast(actor.role, 'supervisor')) {
        refuse(id, 'forbidden', 'Only a supervisor may make this, in their own name')
        continue
      }
      const named = (e.payload as { supervisor: { staffId: string } }).supervisor
      if (named.staffId !== e.actor.staffId) {
        refuse(id, 'forbidden', 'A supervisor’s decision or plan is made in their own name')
        continue
      }
      // The authority a decision claims is given centrally (a superior office's, past 30 days), never taken from the event.
      const level = e.type === 'extension.decided' ? (e.payload.level ?? 'supervisor') : 'supervisor'
      if (!mayApprove(actor, level)) {
        refuse(id, 'forbidden', `The staff member does not hold the ${level} approval level`)
        continue
      }
    }
    const stored = ctx.stored.get(e.id)
    if (stored) {
      if (same(stored.body, e)) results.push({ id, status: 'accepted', serverSeq: stored.serverSeq })
      else refuse(id, 'conflictingDuplicate')
      continue
    }
    const again = accepted.get(e.id)
    if (again) {
      // The same event twice in one batch: the second answers with the first's sequence.
      if (same(again.event, e)) {
        results.push({ id, status: 'accepted', serverSeq: 0 })
        again.answers.push(results.length - 1)
      } else refuse(id, 'conflictingDuplicate')
      continue
    }
    const complaint = complaintOf(e.complaintId)
    if (complaint && complaint.branchId !== ctx.device.branchId) {
      refuse(id, 'wrongBranch', 'The complaint belongs to another branch')
      continue
    }
    if (!complaint && e.type !== 'complaint.recorded') {
      refuse(id, 'unknownComplaint')
      continue
    }
    // Recorded once: a second record would silently replace the customer and the description.
    if (complaint && e.type === 'complaint.recorded') {
      refuse(id, 'alreadyRecorded')
      continue
    }
    if (e.type === 'complaint.recorded' && e.payload.caseNumber) {
      const n = e.payload.caseNumber
      const wrong = caseNumberRefusal(n, { branchCode: ctx.device.branchCode, letter: ctx.device.caseLetter })
      if (wrong) {
        refuse(id, 'caseNumber', wrong)
        continue
      }
      if (ctx.caseNumbersTaken?.has(n) || numbered.has(n)) {
        refuse(id, 'caseNumber', 'caseNumberTaken')
        continue
      }
    }
    if (e.type === 'field.corrected' && !correctionIsValid(e.payload)) {
      refuse(id, 'invalid', 'value: invalidCorrection')
      continue
    }
    const bound = checkEventClock(e, ctx.nowMs, complaint?.receivedAt)
    if (bound === 'ahead') {
      results.push({
        id,
        status: 'deferred',
        reason: 'clockAhead',
        message: 'The event’s clock is ahead of the centre’s time; it is sent again later',
      })
      continue
    }
    if (bound !== 'ok') {
      refuse(id, bound)
      continue
    }
    if (complaint && CENTRE_CHECKED.has(e.type)) {
      // The complaint as the centre holds it before this event (by clock): what the event's own rules are checked on.
      const before = fold(complaint.events.filter((x) => x.hlc < e.hlc))
      const refusal = before ? centreRefusal(before, e) : null
      if (refusal) {
        refuse(id, 'refused', refusal)
        continue
      }
    }

    results.push({ id, status: 'accepted', serverSeq: 0 })
    accepted.set(e.id, { event: e, answers: [results.length - 1] })
    if (e.type === 'complaint.recorded' && e.payload.caseNumber) numbered.add(e.payload.caseNumber)
    if (e.type === 'complaint.recorded')
      known.set(e.complaintId, { branchId: e.branchId, events: [e], receivedAt: e.payload.receivedAt })
    else {
      complaint!.events.push(e)
      if (e.type === 'field.corrected' && e.payload.field === 'receivedAt' && typeof e.payload.value === 'string')
        complaint!.receivedAt = e.payload.value
    }
  }
  return { results, accepted: [...accepted.values()] }
}
