import { parseEvent, PROTOCOL_VERSION } from '@/domain'
import type { ComplaintEvent, PulledEvent, PullResponse, PushRequest, PushResponse, PushResult } from '@/domain'
import type { SyncTransport } from '@/sync'

/**
 * An in-memory central endpoint with the protocol's semantics (idempotent by event id, per-event answers,
 * branch check, cursor paging), for testing the tablet's engine without a network.
 */
export function memoryServer(options: { branchId?: string } = {}) {
  const log: PulledEvent[] = []
  const byId = new Map<string, PulledEvent>()
  const branchId = options.branchId ?? 'local'

  function push(req: PushRequest): PushResponse {
    const results: PushResult[] = req.events.map((raw) => {
      const parsed = parseEvent(raw)
      const id = (raw as { id?: string }).id ?? '?'
      if (!parsed.ok) return { id, status: 'rejected', reason: 'invalid', message: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }
      const e = parsed.value
      if (e.branchId !== branchId) return { id, status: 'rejected', reason: 'wrongBranch', message: 'branch' }
      const known = byId.get(e.id)
      if (known) return { id, status: 'accepted', serverSeq: known.serverSeq }
      const stored = { ...e, serverSeq: log.length + 1 }
      log.push(stored)
      byId.set(e.id, stored)
      return { id, status: 'accepted', serverSeq: stored.serverSeq }
    })
    return { protocol: PROTOCOL_VERSION, results }
  }

  function pull(after: number, limit: number): PullResponse {
    const events = log.slice(after, after + limit)
    return { protocol: PROTOCOL_VERSION, events, cursor: after + events.length, hasMore: after + events.length < log.length }
  }

  return {
    log,
    events: (): ComplaintEvent[] => log.map(({ serverSeq: _, ...e }) => e),
    transport(): SyncTransport {
      return { push: async (r) => structuredClone(push(structuredClone(r))), pull: async (a, l) => structuredClone(pull(a, l)) }
    },
  }
}
