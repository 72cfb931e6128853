import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'
import { complaintRecordRoute } from '@/domain/api/deskApi'
import { answer } from './contract'

let clock = Date.parse('2026-03-02T02:00:00Z')
function event(branchId: string, deviceId: string, over: Partial<ComplaintEvent> = {}): ComplaintEvent {
  return {
    id: newId(),
    complaintId: newId(),
    branchId,
    v: 1,
    hlc: encodeHlc({ wall: clock++, counter: 0, node: deviceId }),
    actor:
      branchId === 'b1'
        ? { staffId: 'li', staffName: '李经理', deviceId }
        : { staffId: 'wang', staffName: '王经理', deviceId },
    type: 'complaint.recorded',
    payload: { ...RECORDED, customer: { name: '王芳', consentSms: false, consentPhone: false }, customerPresent: true },
    ...over,
  } as ComplaintEvent
}

describe.each(BACKENDS)('sync routes on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent' })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const push = (token: string, events: unknown[], protocol = 1) =>
    app.inject({ method: 'POST', url: '/api/sync/push', headers: bank.auth(token), payload: { protocol, events } })
  const pull = (token: string, after = 0, limit = 500) =>
    app.inject({ url: `/api/sync/pull?protocol=1&after=${after}&limit=${limit}`, headers: bank.auth(token) })

  it('accepts a batch once: a duplicated batch returns the same sequences and stores nothing twice', async () => {
    const batch = [event('b1', 'tab-b1'), event('b1', 'tab-b1')]
    const first = (await push(bank.tokens.b1, batch)).json()
    expect(first.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted'])
    const again = (await push(bank.tokens.b1, [...batch, ...batch])).json()
    expect(again.results.map((r: { serverSeq: number }) => r.serverSeq)).toEqual(
      [...first.results, ...first.results].map((r: { serverSeq: number }) => r.serverSeq),
    )
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from events where branch_id = $1', ['b1'])
    expect(rows[0]!.n).toBe(2)
  })

  it('answers per event: a bad one is rejected with its reason and does not block the rest', async () => {
    const good = event('b1', 'tab-b1')
    const bad = { ...event('b1', 'tab-b1'), payload: { ...RECORDED, customer: { name: '' } } }
    const foreign = event('b2', 'tab-b1')
    const orphan = event('b1', 'tab-b1', { type: 'note.added', payload: { text: '备注' } } as Partial<ComplaintEvent>)
    const res = (await push(bank.tokens.b1, [bad, foreign, orphan, good])).json()
    expect(res.results).toEqual([
      expect.objectContaining({
        id: bad.id,
        status: 'rejected',
        reason: 'invalid',
        message: expect.stringContaining('payload.customer.name'),
      }),
      expect.objectContaining({ id: foreign.id, status: 'rejected', reason: 'wrongBranch' }),
      expect.objectContaining({ id: orphan.id, status: 'rejected', reason: 'unknownComplaint' }),
      expect.objectContaining({ id: good.id, status: 'accepted' }),
    ])
  })

  it('isolates branches: a tablet of branch B can neither read nor write branch A', async () => {
    const a = event('b1', 'tab-b1')
    await push(bank.tokens.b1, [a])
    const readB = (await pull(bank.tokens.b2)).json()
    expect(readB.events.every((e: ComplaintEvent) => e.branchId === 'b2')).toBe(true)
    expect(readB.events.map((e: ComplaintEvent) => e.id)).not.toContain(a.id)
    // Writing into A's complaint, even claiming to be branch B's event, is refused.
    const intrusion = event('b2', 'tab-b2', {
      complaintId: a.complaintId,
      type: 'note.added',
      payload: { text: '越权' },
    } as Partial<ComplaintEvent>)
    const res = (await push(bank.tokens.b2, [intrusion])).json()
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'wrongBranch' })
    // And an event made on another tablet cannot be pushed with this tablet's token.
    const spoofed = (await push(bank.tokens.b2, [event('b2', 'tab-b1')])).json()
    expect(spoofed.results[0]).toMatchObject({ status: 'rejected', reason: 'wrongDevice' })
  })

  it('pulls in pages by cursor, with the central settings', async () => {
    const all = (await pull(bank.tokens.b1)).json()
    expect(all.events.length).toBeGreaterThan(3)
    // The centre's time, for the tablet to measure its own clock against.
    expect(Math.abs(Date.parse(all.serverTime) - Date.now())).toBeLessThan(60_000)
    const first = (await pull(bank.tokens.b1, 0, 2)).json()
    expect(first.events).toHaveLength(2)
    expect(first.hasMore).toBe(true)
    const rest = (await pull(bank.tokens.b1, first.cursor, 500)).json()
    expect([...first.events, ...rest.events].map((e: { serverSeq: number }) => e.serverSeq)).toEqual(
      all.events.map((e: { serverSeq: number }) => e.serverSeq),
    )
    expect(rest.hasMore).toBe(false)
    expect(all.settings).toMatchObject({ version: expect.any(Number) })
  })

  it('refuses a wrong protocol version, a malformed batch and an oversized one with 4xx', async () => {
    const old = await push(bank.tokens.b1, [event('b1', 'tab-b1')], 99)
    expect(old.statusCode).toBe(400)
    expect(old.json()).toMatchObject({ error: 'unsupported_protocol' })
    expect(
      (await app.inject({ url: '/api/sync/pull?protocol=2', headers: bank.auth(bank.tokens.b1) })).statusCode,
    ).toBe(400)
    expect((await push(bank.tokens.b1, 'nope' as unknown as unknown[])).statusCode).toBe(400)
    expect((await push(bank.tokens.b1, [])).statusCode).toBe(400)
    const tooMany = Array.from({ length: 501 }, () => ({ id: 'x' }))
    expect((await push(bank.tokens.b1, tooMany)).statusCode).toBe(400)
    expect(
      (await app.inject({ url: '/api/sync/pull?protocol=1&after=-5', headers: bank.auth(bank.tokens.b1) })).statusCode,
    ).toBe(400)
  })

  it('serves a complaint with its clocks to staff of its branch only, provisional where the calendar is unpublished', async () => {
    // Received on 2 December 2026 and extended within the 30 days the rule allows, with the customer told, into
    // January 2027: a year without a bundled schedule (day 30 is New Year's Day, so the limit is Monday 4 January).
    const wall = Date.parse('2026-12-02T01:30:00Z')
    const late = event('b1', 'tab-b1', {
      hlc: encodeHlc({ wall, counter: 0, node: 'tab-b1' }),
      payload: { ...RECORDED, receivedAt: '2026-12-02T09:00:00+08:00' },
    } as Partial<ComplaintEvent>)
    const extended = event('b1', 'tab-b1', {
      complaintId: late.complaintId,
      hlc: encodeHlc({ wall: wall + 3600_000, counter: 0, node: 'tab-b1' }),
      type: 'complaint.extended',
      payload: {
        reason: '需调取监控核实',
        newDueDate: '2027-01-04',
        noticeChannel: 'phone',
        noticeAt: '2026-12-02T10:20:00+08:00',
      },
    } as Partial<ComplaintEvent>)
    expect(
      (await push(bank.tokens.b1, [late, extended])).json().results.map((r: { status: string }) => r.status),
    ).toEqual(['accepted', 'accepted'])
    const signIn = async (username: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { username, password: 'correct horse battery' },
          remoteAddress: `10.1.0.${username.length}`,
        })
      ).json().token as string
    const li = await signIn('li')
    const record = await answer(app, complaintRecordRoute, { params: { id: late.complaintId }, headers: bank.auth(li) })
    const reply = record.clocks.clocks.find((c) => c.name === 'reply')
    expect(reply).toMatchObject({ dueDate: '2027-01-04', provisional: true })
    expect(record.clocks.provisional).toBe(true)
    const wang = await signIn('wang')
    expect(
      (await app.inject({ url: `/api/complaints/${late.complaintId}`, headers: bank.auth(wang) })).statusCode,
    ).toBe(404)
  })

  it('gives a tablet a complaint’s whole history for its own branch only (retention refetch)', async () => {
    const recorded = event('b1', 'tab-b1')
    const note = event('b1', 'tab-b1', {
      complaintId: recorded.complaintId,
      type: 'note.added',
      payload: { text: '回访' },
    } as Partial<ComplaintEvent>)
    const other = event('b2', 'tab-b2')
    await push(bank.tokens.b1, [recorded, note])
    await push(bank.tokens.b2, [other])
    const history = (id: string, token: string) =>
      app.inject({ url: `/api/sync/complaints/${id}/events`, headers: bank.auth(token) })
    const res = await history(recorded.complaintId, bank.tokens.b1)
    expect(res.statusCode).toBe(200)
    expect(res.json().events.map((e: { id: string; serverSeq: number }) => [e.id, typeof e.serverSeq])).toEqual([
      [recorded.id, 'number'],
      [note.id, 'number'],
    ])
    // Another branch's complaint is as one that does not exist; so is an unknown id. A malformed id is refused.
    expect((await history(other.complaintId, bank.tokens.b1)).statusCode).toBe(404)
    expect((await history(recorded.complaintId, bank.tokens.b2)).statusCode).toBe(404)
    expect((await history(newId(), bank.tokens.b1)).statusCode).toBe(404)
    expect((await history('not-an-id', bank.tokens.b1)).statusCode).toBe(400)
    // Only a device asks: no token, no history.
    expect((await app.inject({ url: `/api/sync/complaints/${recorded.complaintId}/events` })).statusCode).toBe(401)
  })
})
