import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent, PushResult } from '@/domain'
import type { Database, Queryable } from '../../src/server/db/Database'
import { ingestEvents, INTAKE_GROUP_LIMITS } from '../../src/server/sync/ingestEvents'
import type { DeviceContext } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const at = (iso: string, node: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node })

/** A branch's tablet and the events it makes: the same story is told in b1 (grouped) and b2 (one push at a time). */
function tablet(branchId: 'b1' | 'b2') {
  const actor =
    branchId === 'b1'
      ? { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
      : { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' }
  const code = branchId === 'b1' ? 'RM' : 'ZS'
  const base = (complaintId: string, when: string, by = actor) => ({
    id: newId(),
    complaintId,
    branchId,
    v: 1,
    hlc: at(when, by.deviceId),
    actor: by,
  })
  const recorded = (caseNumber?: string) =>
    ({
      ...base(newId(), '2026-11-20T09:05:00+08:00'),
      type: 'complaint.recorded',
      payload: {
        ...RECORDED,
        receivedAt: '2026-11-20T09:00:00+08:00',
        ...(caseNumber ? { caseNumber: `${code}-${caseNumber}` } : {}),
      },
    }) as ComplaintEvent
  const note = (complaintId: string, when: string, text: string, by = actor) =>
    ({ ...base(complaintId, when, by), type: 'note.added', payload: { text } }) as ComplaintEvent
  const source: DeviceContext = { deviceId: actor.deviceId, branchId }
  return { recorded, note, source, branchId }
}

/**
 * Four pushes of one branch: the first finds the branch idle, the other three arrive while it is stored. Each later
 * push depends on the earlier ones: a note on a complaint recorded a push before, a case number given a push before,
 * the same event sent again (already stored) and an event id reused with another body.
 */
function story(t: ReturnType<typeof tablet>) {
  const first = t.recorded()
  const x = t.recorded('261120-A01')
  const noteOnX = t.note(x.complaintId, '2026-11-20T10:00:00+08:00', '已联系客户')
  return [
    [first],
    [x, t.note(x.complaintId, '2026-11-20T09:30:00+08:00', '客户情绪激动')],
    [noteOnX, t.recorded('261120-A01'), t.note(newId(), '2026-11-20T10:00:00+08:00', '没有这件投诉')],
    [
      x,
      { ...noteOnX, payload: { text: '改过的备注' } } as ComplaintEvent,
      t.note(x.complaintId, '2026-11-20T11:00:00+08:00', '客户接受了解释'),
      t.note(first.complaintId, '2026-11-19T09:00:00+08:00', '早于受理'),
    ],
  ] as ComplaintEvent[][]
}

const outcome = (r: PushResult) => (r.status === 'accepted' ? 'accepted' : `${r.status}:${r.reason}`)

/** Counts the transactions the intake opens and fails the statement that stores a chosen event (a broken push). */
function watched(db: Database) {
  const seen = { transactions: 0, poisoned: new Set<string>() }
  const poisoned = (params: unknown[] | undefined) =>
    params?.some((p) => typeof p === 'string' && [...seen.poisoned].some((id) => p.includes(id)))
  const wrap = (tx: Queryable): Queryable => ({
    query: (sql, params) =>
      sql.includes('insert into events') && poisoned(params)
        ? Promise.reject(new Error('the statement failed'))
        : tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
  })
  const wrapped: Database = {
    ...db,
    transaction: (fn) => {
      seen.transactions++
      return db.transaction((tx) => fn(wrap(tx)))
    },
  }
  return { db: wrapped, seen }
}

/**
 * Group commit (ingestEvents.ts): pushes of a branch that arrive while one is being stored are stored together, in
 * one transaction, and each is answered exactly as if it had been stored alone, in the order they arrived.
 */
describe.each(BACKENDS)('pushes of one branch stored together on $name', (backend) => {
  let db: Database
  const limits = { ...INTAKE_GROUP_LIMITS }
  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
    await db.query(`update branches set code = case id when 'b1' then 'RM' else 'ZS' end`)
    await db.query(`update devices set case_letter = 'A'`)
  })
  afterAll(() => db.close())
  afterEach(() => Object.assign(INTAKE_GROUP_LIMITS, limits))

  const stored = async (ids: string[]) =>
    (
      await db.query<{ event_id: string; server_seq: number; body: ComplaintEvent }>(
        'select event_id, server_seq, body from events where event_id = any($1::uuid[]) order by server_seq',
        [ids],
      )
    ).rows

  it('answers each push of a group as if it had been stored alone, after the pushes before it', async () => {
    const w = watched(db)
    const b1 = tablet('b1')
    const pushes = story(b1)
    const grouped = await Promise.all(pushes.map((events) => ingestEvents(w.db, b1.source, events)))
    // The first push started at once, alone; the three that came while it was stored went together.
    expect(w.seen.transactions).toBe(2)

    const b2 = tablet('b2')
    const alone: PushResult[][] = []
    for (const events of story(b2)) alone.push(await ingestEvents(db, b2.source, events))

    expect(grouped.map((answers) => answers.map(outcome))).toEqual(alone.map((answers) => answers.map(outcome)))
    expect(grouped.map((answers) => answers.map(outcome))).toEqual([
      ['accepted'],
      ['accepted', 'accepted'],
      ['accepted', 'rejected:caseNumber', 'rejected:unknownComplaint'],
      ['accepted', 'rejected:conflictingDuplicate', 'accepted', 'rejected:beforeReceipt'],
    ])
    const seq = (push: number, event: number) => (grouped[push]![event] as { serverSeq: number }).serverSeq
    // The record sent again answers with the sequence it was stored under, a push earlier in the group.
    expect(seq(3, 0)).toBe(seq(1, 0))
    // Sequences follow the order the pushes arrived in.
    expect([seq(0, 0), seq(1, 0), seq(1, 1), seq(2, 0), seq(3, 2)]).toEqual(
      [seq(0, 0), seq(1, 0), seq(1, 1), seq(2, 0), seq(3, 2)].sort((a, b) => a - b),
    )
    const rows = await stored(pushes.flat().map((e) => e.id))
    expect(rows).toHaveLength(5)
    for (const [p, i] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 0],
      [3, 2],
    ] as const)
      expect(Number(rows.find((r) => r.event_id === pushes[p]![i]!.id)!.server_seq)).toBe(seq(p, i))
    expect(rows.find((r) => r.event_id === pushes[2]![0]!.id)!.body.payload).toEqual({ text: '已联系客户' })

    // The complaint's row for the desk is the fold of all of it, with the group's last sequence.
    const row = (
      await db.query<{ state: { notes: unknown[] }; updated_seq: number }>(
        'select state, updated_seq from complaints where id = $1',
        [pushes[1]![0]!.complaintId],
      )
    ).rows[0]!
    expect(row.state.notes).toHaveLength(3)
    expect(Number(row.updated_seq)).toBe(seq(3, 2))

    // Each push retried alone gets the same answers, and nothing is stored twice.
    for (const [i, events] of pushes.entries()) expect(await ingestEvents(db, b1.source, events)).toEqual(grouped[i])
    expect(await stored(pushes.flat().map((e) => e.id))).toHaveLength(5)
  })

  it('answers a push from the desk grouped with a tablet’s by the desk’s own rules', async () => {
    const w = watched(db)
    const b1 = tablet('b1')
    const x = b1.recorded()
    const zhao = { staffId: 'zhao', staffName: '赵主管', deviceId: 'desk-zhao' }
    const li = { staffId: 'li', staffName: '李经理', deviceId: 'desk-zhao' }
    const desk: DeviceContext = { deviceId: 'desk-zhao', branchId: 'b1', actors: { staffId: 'zhao' } }
    const [, tabletAnswers, deskAnswers, deskAgain] = await Promise.all([
      ingestEvents(w.db, b1.source, [b1.recorded()]),
      ingestEvents(w.db, b1.source, [x, b1.note(x.complaintId, '2026-11-20T09:10:00+08:00', '平板上的备注', zhao)]),
      ingestEvents(w.db, desk, [b1.note(x.complaintId, '2026-11-20T09:20:00+08:00', '主管的备注', zhao)]),
      ingestEvents(w.db, desk, [b1.note(x.complaintId, '2026-11-20T09:30:00+08:00', '冒名', li)]),
    ])
    expect(w.seen.transactions).toBe(2)
    // The tablet's note in the supervisor's name is refused (wrong device); the desk's, on the tablet's complaint, stored.
    expect(tabletAnswers.map(outcome)).toEqual(['accepted', 'rejected:wrongDevice'])
    expect(deskAnswers.map(outcome)).toEqual(['accepted'])
    expect(deskAgain.map(outcome)).toEqual(['rejected:forbidden'])
  })

  it('fails only the push whose statement fails, storing and answering the others of its group', async () => {
    const w = watched(db)
    const b1 = tablet('b1')
    const x = b1.recorded()
    const broken = b1.recorded()
    w.seen.poisoned.add(broken.id)
    const settled = await Promise.allSettled([
      ingestEvents(w.db, b1.source, [b1.recorded()]),
      ingestEvents(w.db, b1.source, [x]),
      ingestEvents(w.db, b1.source, [broken, b1.note(broken.complaintId, '2026-11-20T09:30:00+08:00', '随之失败')]),
      ingestEvents(w.db, b1.source, [b1.note(x.complaintId, '2026-11-20T09:30:00+08:00', '依赖上一次推送')]),
    ])
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    const [, ok1, , ok2] = settled as PromiseFulfilledResult<PushResult[]>[]
    expect(ok1!.value.map(outcome)).toEqual(['accepted'])
    expect(ok2!.value.map(outcome)).toEqual(['accepted'])
    // Nothing of the failed push was stored; what was answered stored is, under the sequence answered.
    expect(await stored([broken.id])).toEqual([])
    const rows = await stored([x.id, ok2!.value[0]!.id])
    expect(rows.map((r) => Number(r.server_seq))).toEqual(
      [ok1!.value[0], ok2!.value[0]].map((r) => (r as { serverSeq: number }).serverSeq),
    )
    // Once it can be stored, its retry is answered as if nothing had happened.
    w.seen.poisoned.clear()
    const [retried] = await ingestEvents(w.db, b1.source, [broken])
    expect(retried).toMatchObject({ status: 'accepted' })
  })

  it('bounds a group by events and by bytes, and stores a push larger than the bound alone', async () => {
    const b1 = tablet('b1')
    const push = (n: number) => Array.from({ length: n }, () => b1.recorded())
    const run = async (pushes: ComplaintEvent[][]) => {
      const w = watched(db)
      const answers = await Promise.all(pushes.map((events) => ingestEvents(w.db, b1.source, events)))
      expect(answers.flat().map(outcome)).toEqual(pushes.flat().map(() => 'accepted'))
      return w.seen.transactions
    }
    INTAKE_GROUP_LIMITS.events = 4
    // [1] alone, then [2, 2], then [5] (over the bound: alone), then [1].
    expect(await run([push(1), push(2), push(2), push(5), push(1)])).toBe(4)
    INTAKE_GROUP_LIMITS.events = 1000
    const size = JSON.stringify(push(1)).length
    INTAKE_GROUP_LIMITS.bytes = size * 2.5
    // [1] alone, then [1, 1], then [1].
    expect(await run([push(1), push(1), push(1), push(1)])).toBe(3)
  })
})
