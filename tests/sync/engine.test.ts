import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { fold, newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import { backoffDelay, createSyncEngine, pullEvents, pushOutbox, readCursor, SyncHttpError } from '@/sync'
import type { SyncTransport } from '@/sync'
import { eventFactory, RECORDED } from '../support/eventFactory'
import { memoryServer } from '../support/memoryServer'

const dbs: ComplaintDb[] = []
function tablet() {
  const db = new ComplaintDb(`sync-${newId()}`)
  dbs.push(db)
  return db
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()))
})

async function record(db: ComplaintDb, name = '王芳') {
  const id = newId()
  await commit(db, id, [{ type: 'complaint.recorded', payload: { ...RECORDED, customer: { name } } }])
  return id
}

describe('the tablet’s clock', () => {
  it('is measured against the centre’s with each pull and kept, so forms use the true time offline too', async () => {
    const db = tablet()
    const trueNow = Date.now() + 3 * 86_400_000
    const transport: SyncTransport = {
      push: async () => ({ protocol: 1, results: [] }),
      pull: async (after) => ({
        protocol: 1,
        events: [],
        cursor: after,
        hasMore: false,
        serverTime: new Date(trueNow).toISOString(),
      }),
    }
    await pullEvents(db, transport)
    const kept = (await db.meta.get('clockOffset'))?.value as { offsetMs: number }
    // Three days, give or take the round trip.
    expect(Math.abs(kept.offsetMs - 3 * 86_400_000)).toBeLessThan(5_000)
  })
})

describe('push', () => {
  it('empties the outbox, stamps server sequences, and a repeated push changes nothing', async () => {
    const server = memoryServer()
    const db = tablet()
    await record(db)
    await record(db, '李雷')
    expect(await pushOutbox(db, server.transport())).toEqual({ accepted: 2, rejected: 0, deferred: 0 })
    expect(await db.outbox.count()).toBe(0)
    expect((await db.events.toArray()).map((e) => e.serverSeq).sort()).toEqual([1, 2])
    // The same events again (a retry after a lost answer) are accepted with the same sequence, not stored twice.
    const events = await db.events.toArray()
    const again = await server.transport().push({ protocol: 1, events: events.map(({ serverSeq: _, ...e }) => e) })
    expect(again.results.map((r) => r.status === 'accepted' && r.serverSeq).sort()).toEqual([1, 2])
    expect(server.log).toHaveLength(2)
  })

  it('keeps a rejected event visible with its reason and still sends the ones behind it', async () => {
    const server = memoryServer({ branchId: 'local' })
    const db = tablet()
    const bad = await record(db, '外行')
    // Tamper with the first event's branch so the server refuses it.
    const [first] = await db.events.where('complaintId').equals(bad).toArray()
    await db.events.update(first!.id, { branchId: 'other-branch' })
    await record(db, '李雷')
    expect(await pushOutbox(db, server.transport())).toEqual({ accepted: 1, rejected: 1, deferred: 0 })
    const left = await db.outbox.toArray()
    expect(left).toHaveLength(1)
    expect(left[0]!.rejected?.reason).toBe('wrongBranch')
    // It is not sent again.
    expect(await pushOutbox(db, server.transport())).toEqual({ accepted: 0, rejected: 0, deferred: 0 })
  })
})

describe('pull', () => {
  it('pages through the branch’s events and moves the cursor only past what it stored', async () => {
    const server = memoryServer()
    const a = tablet()
    for (let i = 0; i < 7; i++) await record(a, `客户${i}`)
    await pushOutbox(a, server.transport())
    const b = tablet()
    let pages = 0
    const flaky: SyncTransport = {
      push: server.transport().push,
      pull: async (after, limit) => {
        if (++pages === 3) throw new Error('network dropped')
        return server.transport().pull(after, limit)
      },
    }
    await expect(pullEvents(b, flaky, { pageSize: 3 })).rejects.toThrow('network dropped')
    expect(await readCursor(b)).toBe(6)
    expect(await b.complaints.count()).toBe(6)
    await pullEvents(b, server.transport(), { pageSize: 3 })
    expect(await readCursor(b)).toBe(7)
    expect(await b.complaints.count()).toBe(7)
  })
})

describe('sync engine', () => {
  it('makes two tablets converge on the same complaint book', async () => {
    const server = memoryServer()
    const a = tablet()
    const b = tablet()
    const ea = createSyncEngine({ db: a, transport: server.transport() })
    const eb = createSyncEngine({ db: b, transport: server.transport() })
    const id = await record(a)
    await ea.requestSync()
    await eb.requestSync()
    await commit(b, id, [{ type: 'note.added', payload: { text: 'B 的备注' } }])
    await commit(a, id, [{ type: 'complaint.acknowledged', payload: {} }])
    await eb.requestSync()
    await ea.requestSync()
    await eb.requestSync()
    const sa = fold(await a.events.toArray())
    const sb = fold(await b.events.toArray())
    expect(sa).toEqual(sb)
    expect(sa?.notes).toHaveLength(1)
    expect(sa?.status).toBe('inProgress')
    expect(ea.status()).toMatchObject({ state: 'idle', failures: 0 })
  })

  it('backs off after failures and stops for good when the tablet is revoked', async () => {
    const db = tablet()
    await record(db)
    let calls = 0
    const failing: SyncTransport = {
      push: async () => {
        calls++
        throw new Error('server unreachable')
      },
      pull: async () => ({ protocol: 1, events: [], cursor: 0, hasMore: false }),
    }
    const engine = createSyncEngine({ db, transport: failing })
    await engine.requestSync()
    await engine.requestSync()
    expect(engine.status()).toMatchObject({ state: 'error', failures: 2, lastError: 'server unreachable' })
    expect(await db.outbox.count()).toBe(1)

    const revoked: SyncTransport = {
      ...failing,
      push: async () => {
        throw new SyncHttpError(401, 'revoked', 'This tablet was revoked')
      },
    }
    const e2 = createSyncEngine({ db, transport: revoked })
    await e2.requestSync()
    expect(e2.status().state).toBe('revoked')
    await e2.requestSync()
    expect(calls).toBe(2)
  })

  it('reports its unsent events and build with each pull, and passes on who may unlock the branch’s tablets', async () => {
    const server = memoryServer()
    const db = tablet()
    const reports: unknown[] = []
    const transport: SyncTransport = {
      push: async () => {
        throw new Error('network dropped')
      },
      pull: async (after, limit, report) => {
        reports.push(report)
        return { ...(await server.transport().pull(after, limit)), staffIds: ['li', 'zhao'] }
      },
    }
    const active: string[][] = []
    await record(db)
    await record(db, '李雷')
    // The push fails, so both events are still unsent when the pull reports (push and pull are separate steps here).
    await pullEvents(db, transport, {
      report: async () => ({ pending: await db.outbox.count(), app: '0.1.0+1', wipe: true }),
      onActiveStaff: async (ids) => void active.push(ids),
    })
    expect(reports).toEqual([{ pending: 2, app: '0.1.0+1', wipe: true }])
    expect(active).toEqual([['li', 'zhao']])
    // Through the engine: the report is made from the outbox and the build it was given.
    const engine = createSyncEngine({
      db,
      transport: { ...transport, push: server.transport().push },
      appVersion: '0.1.0+2',
    })
    await engine.requestSync()
    expect(reports.at(-1)).toEqual({ pending: 0, app: '0.1.0+2', wipe: true })
  })

  it('erases the tablet when revoked with a wipe, and only then', async () => {
    const revokedWith = (code: string): SyncTransport => ({
      push: async () => ({ protocol: 1, results: [] }),
      pull: async () => {
        throw new SyncHttpError(401, code, 'revoked')
      },
    })
    const kept = tablet()
    await record(kept)
    let wiped = 0
    await createSyncEngine({
      db: kept,
      transport: revokedWith('device_revoked'),
      onWiped: () => void wiped++,
    }).requestSync()
    expect([wiped, await kept.events.count()]).toEqual([0, 1])
  })

  /** A centre that takes a wiping tablet's pushes until it acknowledges, and nothing after (as the server does). */
  function wipingCentre(options: { failAck?: number } = {}) {
    const log: string[] = []
    const received: string[] = []
    let acknowledged: number | null = null
    let failAck = options.failAck ?? 0
    const order = () =>
      new SyncHttpError(401, 'device_wipe', 'erase', { revokedAt: '2026-12-03T04:00:00.000Z', revokedBy: '管理员' })
    const transport: SyncTransport = {
      push: async (req) => {
        log.push('push')
        if (acknowledged !== null) throw order()
        received.push(...req.events.map((e) => e.id))
        return {
          protocol: 1,
          results: req.events.map((e, i) => ({
            id: e.id,
            status: 'accepted' as const,
            serverSeq: received.length - req.events.length + i + 1,
          })),
        }
      },
      pull: async () => {
        log.push('pull')
        throw order()
      },
      wiped: async (undelivered) => {
        log.push('wiped')
        if (failAck-- > 0) throw new TypeError('Failed to fetch')
        if (acknowledged !== null) throw order()
        acknowledged = undelivered
      },
    }
    return { transport, log, received, acknowledged: () => acknowledged }
  }

  it('revoked with a wipe: pushes what it has not sent, acknowledges, then deletes its database and says why', async () => {
    const lost = tablet()
    await record(lost)
    await record(lost, '李雷')
    const centre = wipingCentre()
    const notices: unknown[] = []
    const local = new Map<string, string>([
      ['complaint-desk.locale', 'en'],
      ['smsTemplates', 'x'],
    ])
    const storage = {
      getItem: (k: string) => local.get(k) ?? null,
      setItem: (k: string, v: string) => void local.set(k, v),
      clear: () => local.clear(),
    }
    globalThis.localStorage = storage as unknown as Storage
    try {
      const engine = createSyncEngine({ db: lost, transport: centre.transport, onWiped: (n) => void notices.push(n) })
      await engine.requestSync()
      expect(engine.status()).toMatchObject({ state: 'revoked', lastErrorCode: 'device_wipe' })
    } finally {
      delete (globalThis as { localStorage?: Storage }).localStorage
    }
    // Both unsent complaints reached the centre before anything was erased.
    const recorded = async () => (await Dexie.getDatabaseNames()).includes(lost.name)
    expect(centre.received.length).toBe(2)
    // The outbox was empty after the first push: the second one (for anything written meanwhile) sent nothing.
    expect(centre.log).toEqual(['push', 'pull', 'wiped'])
    expect(centre.acknowledged()).toBe(0)
    expect(await recorded()).toBe(false)
    expect(notices).toEqual([
      expect.objectContaining({ revokedAt: '2026-12-03T04:00:00.000Z', revokedBy: '管理员', undelivered: 0 }),
    ])
    // Local storage keeps only the language and the notice; and nothing reopens the database behind it.
    expect([...local.keys()].sort()).toEqual(['complaint-desk.locale', 'complaint-desk.wiped'])
    await expect(lost.events.count()).rejects.toThrow()
    expect(await recorded()).toBe(false)
  })

  it('erases nothing while its acknowledgement has not reached the centre, and finishes on the next contact', async () => {
    const lost = tablet()
    await record(lost)
    const centre = wipingCentre({ failAck: 1 })
    let wiped = 0
    const engine = createSyncEngine({
      db: lost,
      transport: centre.transport,
      onWiped: () => void wiped++,
      backoff: { baseMs: 1, maxMs: 1 },
    })
    await engine.requestSync()
    expect([wiped, await lost.events.count(), engine.status().state]).toEqual([0, 1, 'error'])
    await engine.requestSync()
    expect(wiped).toBe(1)
    expect(centre.acknowledged()).toBe(0)
    expect(centre.received).toHaveLength(1)
    expect((await Dexie.getDatabaseNames()).includes(lost.name)).toBe(false)
  })

  it('waits offline without calling the server', async () => {
    const db = tablet()
    const server = memoryServer()
    const engine = createSyncEngine({ db, transport: server.transport(), isOnline: () => false })
    await record(db)
    await engine.requestSync()
    expect(engine.status().state).toBe('offline')
    expect(server.log).toHaveLength(0)
  })
})

describe('backoffDelay', () => {
  it('grows exponentially with full jitter and a cap', () => {
    expect(backoffDelay(0, { baseMs: 1000, random: () => 1 })).toBe(1000)
    expect(backoffDelay(3, { baseMs: 1000, random: () => 1 })).toBe(8000)
    expect(backoffDelay(30, { baseMs: 1000, maxMs: 60_000, random: () => 1 })).toBe(60_000)
    expect(backoffDelay(3, { baseMs: 1000, random: () => 0.25 })).toBe(2000)
  })
})

describe('a locked tablet (issue 17)', () => {
  it('neither pushes nor pulls while locked, loses nothing, and sends it all at the next unlock', async () => {
    const server = memoryServer()
    const db = tablet()
    await record(db)
    let unlocked = false
    const engine = createSyncEngine({
      db,
      transport: server.transport(),
      canSync: () => unlocked,
      isOnline: () => true,
    })
    await engine.requestSync()
    expect(server.log).toHaveLength(0)
    expect(await db.outbox.count()).toBe(1)
    expect(engine.status().state).toBe('idle')
    unlocked = true
    await engine.requestSync()
    expect(server.log).toHaveLength(1)
    expect(await db.outbox.count()).toBe(0)
    engine.stop()
  })

  it('still checks in while locked, storing nothing: it learns it was revoked, and keeps its unsent events sealed rather than erase them', async () => {
    const db = tablet()
    await record(db)
    const pulls: number[] = []
    let answer: 'ok' | 'wipe' = 'ok'
    const transport: SyncTransport = {
      push: async () => {
        throw new Error('a locked tablet pushes nothing')
      },
      pull: async (after, limit) => {
        pulls.push(limit)
        if (answer === 'wipe') throw new SyncHttpError(401, 'device_wipe', 'revoked with wipe')
        return { protocol: 1, events: [], cursor: after + 5, hasMore: true, staffIds: ['s1'] }
      },
    }
    const active: string[][] = []
    const engine = createSyncEngine({
      db,
      transport,
      canSync: () => false,
      isOnline: () => true,
      onActiveStaff: async (ids) => void active.push(ids),
    })
    await engine.requestSync()
    expect(pulls).toEqual([1])
    expect(active).toEqual([['s1']])
    expect(await db.meta.get('cursor')).toBeUndefined()
    answer = 'wipe'
    await engine.requestSync()
    expect(engine.status().state).toBe('revoked')
    expect(await db.outbox.count()).toBe(1)
    engine.stop()
  })
})

describe('retention', () => {
  it('removes an old finished complaint after a sync, and brings its whole history back when a new event of it comes', async () => {
    const server = memoryServer()
    const DAY = 86_400_000
    const f = eventFactory({ branchId: 'local', start: Date.now() - 200 * DAY })
    const old = [
      f.make({ type: 'complaint.recorded', payload: RECORDED }),
      f.make({ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }),
    ]
    expect((await server.transport().push({ protocol: 1, events: old })).results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ])
    const db = tablet()
    const kept = await record(db, '李雷')
    const engine = createSyncEngine({ db, transport: server.transport() })
    await engine.requestSync()
    expect(engine.status().state).toBe('idle')
    expect(await db.complaints.get(f.complaintId)).toBeUndefined()
    expect(await db.events.where('complaintId').equals(f.complaintId).count()).toBe(0)
    expect(await db.getMeta('pruned')).toEqual([f.complaintId])
    expect(await db.complaints.get(kept)).toBeDefined()

    // Another tablet adds a note today: the next pull brings the note, and with it the complaint's whole history.
    const note = f.make({ type: 'note.added', payload: { text: '客户来电询问' } }, { wall: Date.now() })
    expect((await server.transport().push({ protocol: 1, events: [note] })).results[0]!.status).toBe('accepted')
    await engine.requestSync()
    const events = await db.events.where('complaintId').equals(f.complaintId).toArray()
    expect(events.map((e) => e.id).sort()).toEqual([...old, note].map((e) => e.id).sort())
    expect((await db.complaints.get(f.complaintId))?.status).toBe('withdrawn')
    expect(fold(events)?.customer.name).toBe(RECORDED.customer.name)
    // Recently active, it stays; and it is no longer counted as removed.
    expect(await db.getMeta('pruned')).toEqual([])
    engine.stop()
  })
})
