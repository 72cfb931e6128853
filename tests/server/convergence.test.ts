import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fold, newId, sortEvents } from '@/domain'
import type { EventDraft } from '@/domain'
import { commit, ComplaintDb, loadClockContext, project } from '@/db'
import type { LocalIdentity } from '@/db'
import { createSyncEngine } from '@/sync'
import type { SyncTransport } from '@/sync'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { openPglite } from '../../src/server/db/openPglite'
import { RECORDED } from '../support/eventFactory'
import { seedBank } from './fixtures'

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed exactly. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SEEDS = Number(process.env.CONVERGENCE_SEEDS ?? 5)
const STEPS = Number(process.env.CONVERGENCE_STEPS ?? 60)
const TABLETS = 3

/**
 * Yjs-style convergence test: tablets make random edits offline and sync through a faulty network to the real
 * server (Fastify + PGlite on disk), which is restarted now and then. At the end every tablet and the server
 * hold the same events, once each, and the same folded state. CONVERGENCE_SEEDS runs more schedules.
 */
describe('convergence through a faulty network', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it.each(Array.from({ length: SEEDS }, (_, i) => 1000 + i))('seed %i', async (seed) => {
    const random = rng(seed)
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
    const dir = mkdtempSync(join(tmpdir(), 'converge-'))
    dirs.push(dir)

    let db: Database = await openPglite(dir)
    await migrate(db)
    await seedBank(db)
    const tokens: string[] = []
    // Enrol the tablets through the API, as a real one would.
    let app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
    const signIn = (await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'li', password: 'correct horse battery' } })).json()
    for (let i = 0; i < TABLETS; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/devices/enrol', headers: { authorization: `Bearer ${signIn.token}` }, payload: { deviceId: `tab-${seed}-${i}`, name: `T${i}` } })
      tokens.push(r.json().deviceToken)
    }

    const faults = { dropped: 0, lostAnswers: 0, duplicated: 0, partial: 0, restarts: 0 }
    async function restart() {
      await app.close()
      await db.close()
      db = await openPglite(dir)
      await migrate(db)
      app = await buildApp({ db, distDir: '/nonexistent' })
      faults.restarts++
    }

    function faultyTransport(token: string): SyncTransport {
      const send = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
        const res = await app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } })
        if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}: ${res.body}`)
        return res.json()
      }
      return {
        async push(request) {
          const r = random()
          if (r < 0.1) { faults.dropped++; throw new Error('request dropped') }
          if (r < 0.2) { faults.lostAnswers++; await send('POST', '/api/sync/push', request); throw new Error('answer lost') }
          if (r < 0.3) { faults.duplicated++; await send('POST', '/api/sync/push', request) }
          if (r < 0.4 && request.events.length > 1) {
            // A proxy that forwards half the batch, then the connection fails.
            faults.partial++
            await send('POST', '/api/sync/push', { ...request, events: request.events.slice(0, Math.ceil(request.events.length / 2)) })
            throw new Error('connection reset midway')
          }
          return send('POST', '/api/sync/push', request)
        },
        async pull(after, limit) {
          if (random() < 0.1) { faults.dropped++; throw new Error('request dropped') }
          return send('GET', `/api/sync/pull?protocol=1&after=${after}&limit=${Math.max(1, Math.floor(limit / 100))}`)
        },
      }
    }

    const tablets = await Promise.all(Array.from({ length: TABLETS }, async (_, i) => {
      const local = new ComplaintDb(`converge-${seed}-${i}-${newId()}`)
      const identity: LocalIdentity = { deviceId: `tab-${seed}-${i}`, branchId: 'b1', staffId: 'li', staffName: '李经理' }
      await local.meta.put({ key: 'identity', value: identity })
      const engine = createSyncEngine({ db: local, transport: faultyTransport(tokens[i]!), backoff: { random: () => 0 } })
      return { db: local, engine, online: random() < 0.5 }
    }))

    const known: string[] = []
    for (let step = 0; step < STEPS; step++) {
      const t = pick(tablets)
      const r = random()
      if (r < 0.04) await restart()
      else if (r < 0.15) t.online = !t.online
      else if (r < 0.35 && t.online) await t.engine.requestSync()
      else {
        const existing = await t.db.complaints.toCollection().primaryKeys()
        if (existing.length === 0 || random() < 0.25) {
          const id = newId()
          await commit(t.db, id, [{ type: 'complaint.recorded', payload: { ...RECORDED, customer: { name: `客户${step}` } } }])
          known.push(id)
        } else {
          const id = pick(existing)
          const drafts: EventDraft[] = [
            { type: 'note.added', payload: { text: `备注 ${seed}/${step}` } },
            { type: 'complaint.acknowledged', payload: {} },
            { type: 'field.corrected', payload: { field: 'demand', value: `诉求 ${step}`, reason: '更正' } },
            { type: 'customer.contacted', payload: { channel: 'phone', purpose: 'progress', content: `进展 ${step}`, contactedAt: '2026-03-02T10:00:00+08:00' } },
            { type: 'validity.judged', payload: { verdict: pick(['valid', 'invalid'] as const), reason: '核实' } },
          ]
          // A refused move (e.g. a second first response) is simply not made, as on a real tablet.
          await commit(t.db, id, [pick(drafts)]).catch(() => undefined)
        }
      }
    }

    // Heal the network and sync until quiet: twice round, so every tablet sees everyone's last events.
    for (let round = 0; round < 3; round++) {
      for (const t of tablets) {
        t.online = true
        const steady = createSyncEngine({ db: t.db, transport: { push: (r) => app.inject({ method: 'POST', url: '/api/sync/push', payload: r, headers: { authorization: `Bearer ${tokens[tablets.indexOf(t)]}` } }).then((x) => x.json()), pull: (a, l) => app.inject({ url: `/api/sync/pull?protocol=1&after=${a}&limit=${l}`, headers: { authorization: `Bearer ${tokens[tablets.indexOf(t)]}` } }).then((x) => x.json()) } })
        await steady.requestSync()
        expect(steady.status().state).toBe('idle')
      }
    }

    const server = (await db.query<{ body: { id: string } }>('select body from events where branch_id = $1 order by server_seq', ['b1'])).rows.map((r) => r.body)
    const serverIds = server.map((e) => e.id)
    expect(new Set(serverIds).size).toBe(serverIds.length)
    for (const t of tablets) {
      expect(await t.db.outbox.count()).toBe(0)
      const local = await t.db.events.toArray()
      expect(local.map((e) => e.id).sort()).toEqual([...serverIds].sort())
      for (const id of known) {
        const mine = sortEvents(local.filter((e) => e.complaintId === id).map(({ serverSeq: _, ...e }) => e))
        expect(fold(mine)).toEqual(fold(server.filter((e) => (e as unknown as { complaintId: string }).complaintId === id) as never))
        // The book row every tablet shows is the projection of that same state.
        expect(await t.db.complaints.get(id)).toEqual(project(fold(mine)!, await loadClockContext(t.db)))
      }
    }
    expect(known.length).toBeGreaterThan(0)
    // The schedule really was faulty: something was dropped, lost, duplicated, cut or restarted.
    expect(Object.values(faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    console.info(`seed ${seed}: ${known.length} complaints, ${serverIds.length} events, faults ${JSON.stringify(faults)}`)
    await Promise.all(tablets.map((t) => t.db.delete()))
    await app.close()
    await db.close()
  }, 120_000)
})
