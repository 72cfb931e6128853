import { fold, newId, sortEvents } from '@/domain'
import type { ComplaintEvent, EventDraft, PullResponse, PushRequest, PushResponse } from '@/domain'
import { commit, ComplaintDb, loadClockContext, project } from '@/db'
import type { LocalIdentity } from '@/db'
import { createSyncEngine } from '@/sync'
import type { SyncTransport } from '@/sync'
import { RECORDED } from '../support/eventFactory'

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed exactly. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A central endpoint the schedule syncs with: the real server on a database, or the in-memory one. */
export interface Centre {
  /** One tablet's requests; they may throw (a dropped request) as a network would. */
  push(tablet: number, request: PushRequest): Promise<PushResponse>
  pull(tablet: number, after: number, limit: number): Promise<PullResponse>
  /** The server process stops and starts again (the real one reopens its database). */
  restart(): Promise<void>
  /** Everything the centre stored, in sequence order. */
  stored(): Promise<ComplaintEvent[]>
  close(): Promise<void>
}

export interface ScheduleReport {
  complaints: number
  events: number
  faults: Record<'dropped' | 'lostAnswers' | 'duplicated' | 'partial' | 'restarts', number>
}

/** A schedule that did not converge: what differs, with the seed to replay it. */
export class Divergence extends Error {}

function check(ok: boolean, seed: number, what: string): asserts ok {
  if (!ok) throw new Divergence(`seed ${seed}: ${what}`)
}

/**
 * Yjs-style convergence schedule: tablets of one branch make random edits offline and sync through a faulty network
 * (dropped requests, lost answers, duplicated and half-delivered batches, restarts); then the network heals and every
 * tablet syncs until quiet. Every tablet and the centre must then hold the same events, once each, the same folded
 * state and the same book rows.
 */
export async function runSchedule(
  seed: number,
  centre: Centre,
  options: { tablets?: number; steps?: number; deviceId: (i: number) => string },
): Promise<ScheduleReport> {
  const random = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  const tabletCount = options.tablets ?? 3
  const faults: ScheduleReport['faults'] = { dropped: 0, lostAnswers: 0, duplicated: 0, partial: 0, restarts: 0 }

  const faulty = (i: number): SyncTransport => ({
    async push(request) {
      const r = random()
      if (r < 0.1) {
        faults.dropped++
        throw new Error('request dropped')
      }
      if (r < 0.2) {
        faults.lostAnswers++
        await centre.push(i, request)
        throw new Error('answer lost')
      }
      if (r < 0.3) {
        faults.duplicated++
        await centre.push(i, request)
      }
      if (r < 0.4 && request.events.length > 1) {
        // A proxy that forwards half the batch, then the connection fails.
        faults.partial++
        await centre.push(i, { ...request, events: request.events.slice(0, Math.ceil(request.events.length / 2)) })
        throw new Error('connection reset midway')
      }
      return centre.push(i, request)
    },
    async pull(after, limit) {
      if (random() < 0.1) {
        faults.dropped++
        throw new Error('request dropped')
      }
      return centre.pull(i, after, Math.max(1, Math.floor(limit / 100)))
    },
  })

  const tablets = await Promise.all(
    Array.from({ length: tabletCount }, async (_, i) => {
      const db = new ComplaintDb(`converge-${seed}-${i}-${newId()}`)
      const identity: LocalIdentity = {
        deviceId: options.deviceId(i),
        branchId: 'b1',
        staffId: 'li',
        staffName: '李经理',
      }
      await db.meta.put({ key: 'identity', value: identity })
      const engine = createSyncEngine({ db, transport: faulty(i), backoff: { random: () => 0 } })
      return { db, engine, online: random() < 0.5 }
    }),
  )

  try {
    const known: string[] = []
    for (let step = 0; step < (options.steps ?? 60); step++) {
      const t = pick(tablets)
      const r = random()
      if (r < 0.04) {
        await centre.restart()
        faults.restarts++
      } else if (r < 0.15) t.online = !t.online
      else if (r < 0.35 && t.online) await t.engine.requestSync()
      else {
        const existing = await t.db.complaints.toCollection().primaryKeys()
        if (existing.length === 0 || random() < 0.25) {
          const id = newId()
          await commit(t.db, id, [
            { type: 'complaint.recorded', payload: { ...RECORDED, customer: { name: `客户${step}` } } },
          ])
          known.push(id)
        } else {
          const id = pick(existing)
          const drafts: EventDraft[] = [
            { type: 'note.added', payload: { text: `备注 ${seed}/${step}` } },
            { type: 'complaint.acknowledged', payload: {} },
            { type: 'field.corrected', payload: { field: 'demand', value: `诉求 ${step}`, reason: '更正' } },
            {
              type: 'customer.contacted',
              payload: {
                channel: 'phone',
                purpose: 'progress',
                content: `进展 ${step}`,
                contactedAt: '2026-03-02T10:00:00+08:00',
              },
            },
            { type: 'validity.judged', payload: { verdict: pick(['valid', 'invalid'] as const), reason: '核实' } },
          ]
          // A refused move (e.g. a second first response) is simply not made, as on a real tablet.
          await commit(t.db, id, [pick(drafts)]).catch(() => undefined)
        }
      }
    }

    // Heal the network and sync until quiet: three rounds, so every tablet sees everyone's last events.
    for (let round = 0; round < 3; round++) {
      for (const [i, t] of tablets.entries()) {
        const steady = createSyncEngine({
          db: t.db,
          transport: { push: (r) => centre.push(i, r), pull: (a, l) => centre.pull(i, a, l) },
        })
        await steady.requestSync()
        check(
          steady.status().state === 'idle',
          seed,
          `tablet ${i} could not sync on a healed network: ${steady.status().lastError}`,
        )
      }
    }

    const server = await centre.stored()
    const serverIds = server.map((e) => e.id)
    check(new Set(serverIds).size === serverIds.length, seed, 'the centre stored an event twice')
    const expected = [...serverIds].sort().join()
    const context = await loadClockContext(tablets[0]!.db)
    for (const [i, t] of tablets.entries()) {
      check((await t.db.outbox.count()) === 0, seed, `tablet ${i} still has events to send`)
      const local = await t.db.events.toArray()
      check(
        local
          .map((e) => e.id)
          .sort()
          .join() === expected,
        seed,
        `tablet ${i} holds other events than the centre`,
      )
      for (const id of known) {
        const mine = fold(sortEvents(local.filter((e) => e.complaintId === id).map(({ serverSeq: _, ...e }) => e)))
        const central = fold(server.filter((e) => e.complaintId === id))
        check(
          JSON.stringify(mine) === JSON.stringify(central),
          seed,
          `tablet ${i} folds complaint ${id} differently from the centre`,
        )
        // The book row every tablet shows is the projection of that same state.
        check(
          JSON.stringify(await t.db.complaints.get(id)) === JSON.stringify(project(mine!, context)),
          seed,
          `tablet ${i}'s book row of ${id} is not its state's projection`,
        )
      }
    }
    check(known.length > 0, seed, 'no complaint was recorded')
    return { complaints: known.length, events: serverIds.length, faults }
  } finally {
    await Promise.all(tablets.map((t) => t.db.delete()))
  }
}
