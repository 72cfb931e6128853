import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { buildApp } from '../../../src/server/app'
import type { Database } from '../../../src/server/db/Database'
import { ingestEvents } from '../../../src/server/sync/ingestEvents'
import { RECORDED } from '../../support/eventFactory'
import { PASSWORD, seedBank } from '../fixtures'
import { fuzzRequests } from './fuzzRequests'
import type { AuthKind, FuzzRequest } from './fuzzRequests'

export interface FuzzOutcome {
  byClass: Record<string, number>
  serverErrors: { request: FuzzRequest; status: number; body: string }[]
  /** Rows stored before the fuzz that differ after it (never expected). */
  changed: string[]
  requests: number
}

/** What the fuzz must never change: what was stored before it, row for row. */
async function snapshot(db: Database): Promise<Map<string, string>> {
  const tables: [string, string][] = [
    ['events', `select event_id::text as k, md5(body::text) as v from events`],
    ['complaints', `select id::text as k, md5(state::text || coalesce(due_at::text, '')) as v from complaints`],
    [
      'staff',
      `select id as k, md5(concat_ws('|', username, name, role, branch_id, password_hash, disabled, must_change_password)) as v from staff`,
    ],
    [
      'devices',
      `select id as k, md5(concat_ws('|', branch_id, name, token_hash, revoked_at, expired_at, needs_confirmation)) as v from devices`,
    ],
    ['branches', `select id as k, name as v from branches`],
    ['staff_branches', `select staff_id || '>' || branch_id as k, '' as v from staff_branches`],
    ['settings', `select key as k, md5(value::text) as v from settings`],
  ]
  const out = new Map<string, string>()
  for (const [table, sql] of tables)
    for (const r of (await db.query<{ k: string; v: string }>(sql)).rows) out.set(`${table}:${r.k}`, r.v)
  return out
}

/**
 * Throws `count` fuzzed requests at the real app over `db` (fresh and migrated) and reports the answers by status
 * class, every 5xx with the request that caused it, and any row stored before the fuzz that changed.
 */
export async function runFuzz(db: Database, count: number, seed: number): Promise<FuzzOutcome> {
  const bank = await seedBank(db)
  // A complaint with a few events already at the centre: the fuzz must never alter them.
  const complaintId = newId()
  const wall = Date.parse('2026-03-02T02:00:00Z')
  const actor = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
  const stored = [
    { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-03-02T09:30:00+08:00' } },
    { type: 'note.added', payload: { text: '已登记' } },
    { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } },
  ].map(
    (d, i) =>
      ({
        id: newId(),
        complaintId,
        branchId: 'b1',
        v: 1,
        hlc: encodeHlc({ wall: wall + i * 60_000, counter: 0, node: 'tab-b1' }),
        actor,
        ...d,
      }) as ComplaintEvent,
  )
  await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, stored as never)

  const app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1_000_000 })
  const session = async (username: string) =>
    (await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } })).json()
      .token as string
  const tokens: Record<AuthKind, string | null> = {
    none: null,
    garbage: 'not-a-real-token-but-long-enough-000000',
    deviceB1: bank.tokens.b1,
    deviceB2: bank.tokens.b2,
    manager: await session('li'),
    supervisor: await session('zhao'),
    admin: await session('root'),
  }
  const before = await snapshot(db)
  const routes = (app as unknown as { routeTable: { method: string; url: string }[] }).routeTable.filter(
    (r) => r.url.startsWith('/api/') && r.method !== 'HEAD',
  )
  const requests = fuzzRequests(routes, count, seed, complaintId)
  const outcome: FuzzOutcome = { byClass: {}, serverErrors: [], changed: [], requests: requests.length }
  for (const r of requests) {
    // Signing out would end the fuzzer's own session and leave the rest of the run unauthenticated.
    const auth = r.url.startsWith('/api/auth/sign-out') ? 'garbage' : r.auth
    const token = tokens[auth]
    const res = await app.inject({
      method: r.method,
      url: r.url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(r.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(r.body ? { payload: 'raw' in r.body ? r.body.raw : JSON.stringify(r.body.json) } : {}),
    })
    const cls = `${Math.floor(res.statusCode / 100)}xx`
    outcome.byClass[cls] = (outcome.byClass[cls] ?? 0) + 1
    if (res.statusCode >= 500)
      outcome.serverErrors.push({ request: r, status: res.statusCode, body: res.body.slice(0, 300) })
  }
  const after = await snapshot(db)
  for (const [k, v] of before) if (after.get(k) !== v) outcome.changed.push(k)
  await app.close()
  return outcome
}
