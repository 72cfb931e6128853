import { admitEvents, parseEvent, PROTOCOL_VERSION } from '@/domain'
import type {
  ComplaintEvent,
  IntakeContext,
  PulledEvent,
  PullResponse,
  PushRequest,
  PushResponse,
  StaffRole,
} from '@/domain'
import { SyncHttpError } from '@/sync'
import type { SyncTransport } from '@/sync'

/**
 * Any staff id is a lobby manager of the branch, under whatever name the event gives: for tests of the tablet's
 * engine, not of who may do what (tests of that pass `staff`).
 */
const ANY_NAME = { includes: () => true } as unknown as readonly string[]
const ANYONE = { get: () => ({ role: 'manager' as StaffRole, names: ANY_NAME }) } as unknown as IntakeContext['staff']

/**
 * An in-memory central endpoint behind the centre's own intake rules (`admitEvents`, as the server calls them):
 * idempotent by event id, per-event answers, cursor paging. For testing the tablet's engine, and for running the
 * convergence schedules by the thousand, without a database.
 */
export function memoryServer(options: { branchId?: string; staff?: IntakeContext['staff']; now?: () => number } = {}) {
  const log: PulledEvent[] = []
  const byId = new Map<string, PulledEvent>()
  const byComplaint = new Map<string, ComplaintEvent[]>()
  const branchId = options.branchId ?? 'local'

  function push(req: PushRequest, deviceId?: string): PushResponse {
    const raw = req.events as unknown[]
    const ids = raw.map((r) => ((r as { id?: unknown }).id as string) ?? '?')
    const parsed = raw.map((r) => parseEvent(r))
    const valid = parsed.flatMap((p) => (p.ok ? [p.value] : []))
    const device = { deviceId: deviceId ?? valid[0]?.actor.deviceId ?? '?', branchId }
    const stored = new Map(
      valid.flatMap((e) => {
        const s = byId.get(e.id)
        return s ? [[e.id, { serverSeq: s.serverSeq, body: withoutSeq(s) }] as const] : []
      }),
    )
    const complaints = new Map(
      valid.flatMap((e) => {
        const events = byComplaint.get(e.complaintId)
        return events ? [[e.complaintId, { branchId: events[0]!.branchId, events }] as const] : []
      }),
    )
    const { results, accepted } = admitEvents(ids, parsed, {
      device,
      nowMs: (options.now ?? Date.now)(),
      staff: options.staff ?? ANYONE,
      stored,
      complaints,
    })
    for (const { event, answers } of accepted) {
      const row = { ...event, serverSeq: log.length + 1 }
      log.push(row)
      byId.set(event.id, row)
      byComplaint.set(event.complaintId, [...(byComplaint.get(event.complaintId) ?? []), event])
      for (const i of answers) results[i] = { id: results[i]!.id, status: 'accepted', serverSeq: row.serverSeq }
    }
    return { protocol: PROTOCOL_VERSION, results }
  }

  function pull(after: number, limit: number): PullResponse {
    const events = log.slice(after, after + limit)
    return {
      protocol: PROTOCOL_VERSION,
      events,
      cursor: after + events.length,
      hasMore: after + events.length < log.length,
    }
  }

  return {
    log,
    events: (): ComplaintEvent[] => log.map(withoutSeq),
    /** A tablet's connection; `deviceId` is the enrolled tablet the token stands for (the batch's own by default). */
    transport(deviceId?: string): SyncTransport {
      return {
        push: async (r) => structuredClone(push(structuredClone(r), deviceId)),
        pull: async (a, l) => structuredClone(pull(a, l)),
        history: async (id) => {
          const events = log.filter((e) => e.complaintId === id)
          if (events.length === 0) throw new SyncHttpError(404, 'not_found', 'No such complaint in this branch')
          return structuredClone({ protocol: PROTOCOL_VERSION, events })
        },
      }
    },
  }
}

function withoutSeq({ serverSeq: _, ...e }: PulledEvent): ComplaintEvent {
  return e
}
