import { hlcWallTime } from '../hlc'
import type { ComplaintEvent, EventOfType } from './events'
import type { Dimension } from '../taxonomy/codes'
import { correctionText } from './correctionInput'
import { MAX_ATTACHMENTS_PER_COMPLAINT } from './attachments'
import type { ComplaintState, SmsRecord, Stamp } from './state'

/** The one total order of events: hybrid logical clock (which ends in the device id), then event id. */
export function compareEvents(a: ComplaintEvent, b: ComplaintEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function sortEvents(events: readonly ComplaintEvent[]): ComplaintEvent[] {
  return [...events].sort(compareEvents)
}

/**
 * Turns a complaint's events, in any arrival order and with duplicates, into its state. Deterministic: two
 * tablets holding the same events hold the same state. Returns null until the `complaint.recorded` event is
 * known (events of a complaint can arrive before its record during sync).
 *
 * The fold never refuses an event: whether a move is allowed is decided when the command is made
 * (see decide.ts); here concurrent moves from two tablets simply apply in clock order.
 */
export function fold(events: readonly ComplaintEvent[]): ComplaintState | null {
  const unique = new Map<string, ComplaintEvent>()
  for (const e of events) unique.set(e.id, e)
  const sorted = sortEvents([...unique.values()])
  const recorded = sorted.find((e): e is EventOfType<'complaint.recorded'> => e.type === 'complaint.recorded')
  if (!recorded) return null
  let state = init(recorded)
  for (const e of sorted) {
    if (e.id === recorded.id || e.type === 'complaint.recorded' || e.complaintId !== recorded.complaintId) continue
    state = apply(state, e)
  }
  return state
}

function stamp(e: ComplaintEvent): Stamp {
  return { eventId: e.id, at: hlcWallTime(e.hlc).toISOString(), by: e.actor }
}

function init(e: EventOfType<'complaint.recorded'>): ComplaintState {
  const p = e.payload
  return {
    id: e.complaintId,
    branchId: e.branchId,
    status: 'new',
    kind: p.kind,
    channel: p.channel,
    customer: { ...p.customer },
    category: p.category,
    cause: p.cause,
    codes: { ...p.codes },
    preStandard: p.codes === undefined,
    description: p.description,
    demand: p.demand,
    customerPresent: p.customerPresent,
    group: p.group && { size: p.group.size, representatives: [...p.group.representatives] },
    recordingRef: p.recordingRef,
    ...(p.caseNumber ? { caseNumber: p.caseNumber } : {}),
    receivedAt: p.receivedAt,
    recorded: stamp(e),
    owner: { staffId: e.actor.staffId, staffName: e.actor.staffName },
    script: { steps: {}, history: [] },
    notes: [],
    handoffs: [],
    contacts: [],
    notices: [],
    unreachable: [],
    escalations: [],
    extensions: [],
    extensionRequests: [],
    pauses: [],
    followUpsDone: [],
    reopenings: [],
    rounds: [],
    receiptCorrections: [],
    corrections: [],
    lastHlc: e.hlc,
    eventCount: 1,
  }
}

/** Any handling moves a new complaint on: it has had its first response. */
function started(s: ComplaintState): ComplaintState['status'] {
  return s.status === 'new' ? 'inProgress' : s.status
}

function apply(prev: ComplaintState, e: ComplaintEvent): ComplaintState {
  const s: ComplaintState = { ...prev, lastHlc: e.hlc, eventCount: prev.eventCount + 1 }
  const st = stamp(e)
  const round = s.rounds.length
  switch (e.type) {
    case 'complaint.recorded':
      return s
    case 'complaint.acknowledged':
      return { ...s, acknowledged: s.acknowledged ?? st, status: started(s) }
    case 'script.stepDone': {
      const p = e.payload
      const rec = { ...st, status: 'done' as const, checked: [...p.checked], notes: p.notes }
      return {
        ...s,
        status: started(s),
        script: {
          ...s.script,
          steps: { ...s.script.steps, [p.step]: rec },
          history: [...s.script.history, { ...st, step: p.step, status: 'done' }],
          realDemand: p.realDemand ?? s.script.realDemand,
          rootCause: p.rootCause ?? s.script.rootCause,
          plan: p.plan ?? s.script.plan,
          promisedDate: p.promisedDate ?? s.script.promisedDate,
        },
      }
    }
    case 'script.stepSkipped': {
      const rec = { ...st, status: 'skipped' as const, checked: [], skippedReason: e.payload.reason }
      return {
        ...s,
        status: started(s),
        script: {
          ...s.script,
          steps: { ...s.script.steps, [e.payload.step]: rec },
          history: [...s.script.history, { ...st, step: e.payload.step, status: 'skipped' }],
        },
      }
    }
    case 'script.moodRecorded':
      return {
        ...s,
        script: {
          ...s.script,
          ...(e.payload.phase === 'start' ? { moodStart: e.payload.mood } : { moodEnd: e.payload.mood }),
        },
      }
    case 'note.added':
      return { ...s, notes: [...s.notes, { ...st, text: e.payload.text }] }
    case 'validity.judged':
      return { ...s, status: started(s), validity: { ...st, ...e.payload } }
    case 'owner.handedOff':
      return {
        ...s,
        owner: { ...e.payload.to },
        handoffs: [...s.handoffs, { ...st, from: s.owner, to: e.payload.to, reason: e.payload.reason }],
      }
    case 'plan.proposed':
      return { ...s, status: started(s), plan: { ...st, ...e.payload } }
    case 'customer.contacted': {
      const contact = { ...st, round, ...e.payload }
      const p = e.payload
      // The retired purpose `reply` was how a decision was told: it still answers the complaint it was logged on.
      const notices =
        p.purpose === 'reply'
          ? [
              ...s.notices,
              {
                ...st,
                round,
                legacy: true as const,
                channel: p.channel,
                notifiedAt: p.contactedAt,
                decision: p.content,
                findings: p.content,
                basis: p.content,
                remedies: [],
                content: p.content,
              },
            ]
          : s.notices
      return { ...s, status: started(s), contacts: [...s.contacts, contact], notices }
    }
    case 'decision.notified':
      return { ...s, status: started(s), notices: [...s.notices, { ...st, round, ...e.payload }] }
    case 'customer.unreachable':
      return { ...s, unreachable: [...s.unreachable, { ...st, round, reason: e.payload.reason }] }
    case 'complaint.escalated':
      return { ...s, status: 'escalated', escalations: [...s.escalations, { ...st, ...e.payload }] }
    case 'supervisor.planRecorded': {
      const escalations = [...s.escalations]
      const open = escalations.findLastIndex((x) => !x.plan)
      if (open >= 0)
        escalations[open] = {
          ...escalations[open]!,
          plan: { text: e.payload.plan, supervisor: e.payload.supervisor, at: st.at },
        }
      return { ...s, escalations, status: s.status === 'escalated' ? 'inProgress' : s.status }
    }
    case 'complaint.extended':
      return { ...s, extensions: [...s.extensions, { ...st, round, ...e.payload }] }
    case 'extension.requested':
      return { ...s, status: started(s), extensionRequests: [...s.extensionRequests, { ...st, round, ...e.payload }] }
    case 'extension.decided': {
      // A decision stored before approval levels existed was the bank's own supervisor's.
      const { requestId, level = 'supervisor', ...decision } = e.payload
      // The first decision on a request stands: two supervisors answering offline do not overwrite each other.
      return {
        ...s,
        extensionRequests: s.extensionRequests.map((r) =>
          r.eventId === requestId && !r.decision ? { ...r, decision: { ...st, ...decision, level } } : r,
        ),
      }
    }
    case 'clock.paused':
      return { ...s, pauses: [...s.pauses, { ...st, round, reason: e.payload.reason }] }
    case 'clock.resumed': {
      const pauses = [...s.pauses]
      const open = pauses.findLastIndex((x) => !x.resumedAt)
      if (open >= 0) pauses[open] = { ...pauses[open]!, resumedAt: st.at }
      return { ...s, pauses }
    }
    case 'complaint.resolved':
      return { ...s, status: 'resolved', resolution: { ...st, summary: e.payload.summary } }
    case 'opinion.recorded':
      return { ...s, opinion: { ...st, ...e.payload } }
    case 'slip.signed':
      return { ...s, slipSigned: { ...st, signature: e.payload.signature } }
    case 'complaint.closed':
      // Closed twice (two tablets offline): it was closed when first closed, which is when its clocks stopped.
      return {
        ...s,
        status: 'closed',
        closed: s.status === 'closed' ? s.closed : st,
        finishedAt: s.finishedAt ?? st.at,
      }
    case 'followUp.scheduled':
      return { ...s, followUp: { ...e.payload } }
    case 'followUp.done':
      return { ...s, followUpsDone: [...s.followUpsDone, { ...st, ...e.payload }] }
    case 'complaint.reopened': {
      const { reason, receivedAt } = e.payload
      return {
        ...reopen(s),
        reopenings: [...s.reopenings, { ...st, reason, receivedAt }],
        rounds: [
          ...s.rounds,
          {
            ...st,
            round: round + 1,
            kind: 'newFacts',
            reason,
            startAt: receivedAt ?? st.at,
            previousStoppedAt: s.finishedAt ?? st.at,
          },
        ],
      }
    }
    case 'review.requested': {
      const { reason, requestedAt } = e.payload
      return {
        ...reopen(s),
        rounds: [
          ...s.rounds,
          {
            ...st,
            round: round + 1,
            kind: 'review',
            reason,
            startAt: requestedAt,
            previousStoppedAt: s.finishedAt ?? st.at,
          },
        ],
      }
    }
    case 'complaint.withdrawn':
      return {
        ...s,
        status: 'withdrawn',
        withdrawn: s.status === 'withdrawn' ? s.withdrawn : { ...st, reason: e.payload.reason },
        finishedAt: s.finishedAt ?? st.at,
      }
    case 'field.corrected': {
      const next = correct(s, e)
      const receiptCorrections =
        next.receivedAt !== s.receivedAt
          ? [...s.receiptCorrections, { from: s.receivedAt, to: next.receivedAt, at: st.at }]
          : s.receiptCorrections
      // What it said before, so that a printed record shows what was corrected, not only the new value.
      const previous = e.payload.field === 'receivedAt' ? s.receivedAt : correctionText(s, e.payload.field)
      return { ...next, receiptCorrections, corrections: [...s.corrections, { ...st, ...e.payload, previous }] }
    }
    case 'attachment.added': {
      const p = e.payload
      // Two tablets may each add up to the maximum offline: the first by clock are kept, the same on every tablet.
      if (knownAttachment(s, p.attachmentId) || (s.attachments?.length ?? 0) >= MAX_ATTACHMENTS_PER_COMPLAINT) return s
      return { ...s, attachments: [...(s.attachments ?? []), { ...st, ...p }] }
    }
    case 'attachment.removed': {
      const id = e.payload.attachmentId
      if (s.removedAttachments?.includes(id)) return s
      return {
        ...s,
        attachments: s.attachments?.filter((a) => a.attachmentId !== id),
        removedAttachments: [...(s.removedAttachments ?? []), id],
      }
    }
    default: {
      // SMS through the centre: a request (no requestId), then the centre's record of the gateway's answers. Delivered
      // or failed is final (a repeated or late report changes nothing); a failed decision notice was not given, so it
      // leaves `notices` and the procedure asks for it again.
      const { requestId, ...p } = e.payload as EventOfType<'sms.requested'>['payload'] & { requestId?: string }
      const status = e.type.slice(4) as SmsRecord['status']
      if (!requestId) return { ...s, sms: [...(s.sms ?? []), { ...st, ...p, status }] }
      const m = s.sms?.find((x) => x.eventId === requestId)
      if (!m || /^[df]/.test(m.status)) return s
      return {
        ...s,
        sms: s.sms!.map((x) => (x === m ? { ...m, ...p, status } : x)),
        notices: s.notices.filter((n) => status !== 'failed' || n.eventId !== m.aboutEventId),
      }
    }
  }
}

/** An attachment id already used by this complaint, kept or removed. */
export function knownAttachment(s: ComplaintState, attachmentId: string): boolean {
  return !!s.attachments?.some((a) => a.attachmentId === attachmentId) || !!s.removedAttachments?.includes(attachmentId)
}

/** Back to handling: a closed or resolved complaint is open again, with its earlier record kept. */
function reopen(s: ComplaintState): ComplaintState {
  return { ...s, status: 'inProgress', closed: undefined, resolution: undefined, finishedAt: undefined }
}

function correct(s: ComplaintState, e: EventOfType<'field.corrected'>): ComplaintState {
  const { field, value } = e.payload
  const str = typeof value === 'string' && value !== '' ? value : undefined
  switch (field) {
    case 'customer.name':
      return str ? { ...s, customer: { ...s.customer, name: str } } : s
    case 'customer.phone':
      return { ...s, customer: { ...s.customer, phone: str } }
    case 'customer.consentSms':
      return { ...s, customer: { ...s.customer, consentSms: value === true } }
    case 'customer.consentPhone':
      return { ...s, customer: { ...s.customer, consentPhone: value === true } }
    case 'channel':
      return str ? { ...s, channel: str as ComplaintState['channel'] } : s
    case 'kind':
      return str ? { ...s, kind: str as ComplaintState['kind'] } : s
    case 'category':
      return { ...s, category: str }
    case 'cause':
      return { ...s, cause: str }
    case 'description':
      return str ? { ...s, description: str } : s
    case 'demand':
      return { ...s, demand: str }
    case 'customerPresent':
      return { ...s, customerPresent: value === true }
    case 'groupSize':
      return typeof value === 'number' && value >= 2
        ? { ...s, group: { size: value, representatives: s.group?.representatives ?? [] } }
        : { ...s, group: undefined }
    case 'recordingRef':
      return { ...s, recordingRef: str }
    case 'receivedAt':
      return str ? { ...s, receivedAt: str } : s
    case 'codes.A':
    case 'codes.B':
    case 'codes.C': {
      const d = field.slice(-1) as Dimension
      const { [d]: _dropped, ...rest } = s.codes
      return { ...s, codes: str ? { ...rest, [d]: str } : rest }
    }
  }
}
