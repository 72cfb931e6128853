import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { computeClocks, dueSoonUntil, newId } from '@/domain'
import type { EventDraft } from '@/domain'
import { applyRemote, CommandRejected, commit, ComplaintDb, complaintState, needsAction } from '@/db'
import { ensureProjection, PROJECTION_VERSION } from '@/db/projectionVersion'
import { eventFactory, RECORDED } from '../support/eventFactory'

/** Received Monday 2 March 2026 09:30: 15 days end 3/17, 30 days 4/1, 60 days 5/6 (5/1 is Labour Day). */
const at = (iso: string) => () => Date.parse(iso)
let db: ComplaintDb

beforeEach(async () => {
  db = new ComplaintDb(`clocks-${newId()}`)
  // The tablet's users, as the centre described them when they were added (role, approval level).
  const pin = { salt: '', hash: '', iterations: 1 }
  await db.meta.put({
    key: 'users',
    value: [
      { staffId: 'li', name: '李娜', role: 'manager', pin, failedAttempts: 0, lockedUntil: 0 },
      {
        staffId: 'zhao',
        name: '赵敏',
        role: 'supervisor',
        approvalLevel: null,
        pin,
        failedAttempts: 0,
        lockedUntil: 0,
      },
      {
        staffId: 'qian',
        name: '钱立',
        role: 'supervisor',
        approvalLevel: 'superior',
        pin,
        failedAttempts: 0,
        lockedUntil: 0,
      },
    ],
  })
})
afterEach(() => db.delete())

async function actAs(staffId: string, staffName: string) {
  const identity = (await db.meta.get('identity'))?.value as Record<string, string> | undefined
  await db.meta.put({ key: 'identity', value: { deviceId: 'tab-1', branchId: 'b1', ...identity, staffId, staffName } })
}

async function refusal(id: string, draft: EventDraft, now: () => number): Promise<unknown> {
  const e = await commit(db, id, [draft], now).catch((err: unknown) => err)
  return e instanceof CommandRejected ? e.refusal : e
}

describe('the clocks on a tablet offline', () => {
  it('refuses an extension after the deadline it would extend, with the reason, and stores nothing', async () => {
    await actAs('li', '李娜')
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }], at('2026-03-02T01:30:00Z'))
    const extension: EventDraft = {
      type: 'complaint.extended',
      payload: {
        reason: '需调取监控',
        newDueDate: '2026-04-01',
        noticeChannel: 'sms',
        noticeAt: '2026-03-20T10:00:00+08:00',
      },
    }
    expect(await refusal(id, extension, at('2026-03-20T02:00:00Z'))).toBe('extensionLate')
    expect(await db.events.count()).toBe(1)
    // The same extension on 3/16 was in time.
    await commit(
      db,
      id,
      [{ ...extension, payload: { ...extension.payload, noticeAt: '2026-03-16T10:00:00+08:00' } } as EventDraft],
      at('2026-03-16T02:00:00Z'),
    )
    expect((await db.complaints.get(id))?.extendedUntil).toBe('2026-04-01')
  })

  it('lets only the holder of a superior’s approval approve past 30 days, in their own name', async () => {
    await actAs('li', '李娜')
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }], at('2026-03-02T01:30:00Z'))
    const { events } = await commit(
      db,
      id,
      [{ type: 'extension.requested', payload: { reason: '境外代理行查询', newDueDate: '2026-04-30' } }],
      at('2026-03-03T02:00:00Z'),
    )
    const decision = (
      supervisor: { staffId: string; staffName: string },
      level: 'supervisor' | 'superior',
    ): EventDraft => ({
      type: 'extension.decided',
      payload: { requestId: events[0]!.id, approved: true, comment: '同意', supervisor, level },
    })
    expect(
      await refusal(id, decision({ staffId: 'li', staffName: '李娜' }, 'supervisor'), at('2026-03-03T03:00:00Z')),
    ).toBe('notAnApprover')
    await actAs('zhao', '赵敏')
    expect(
      await refusal(id, decision({ staffId: 'zhao', staffName: '赵敏' }, 'supervisor'), at('2026-03-03T03:00:00Z')),
    ).toBe('approvalNeedsSuperior')
    expect(
      await refusal(id, decision({ staffId: 'zhao', staffName: '赵敏' }, 'superior'), at('2026-03-03T03:00:00Z')),
    ).toBe('approvalNeedsSuperior')
    // The head-office senior manager unlocks the tablet with their own PIN and decides.
    await actAs('qian', '钱立')
    await commit(db, id, [decision({ staffId: 'qian', staffName: '钱立' }, 'superior')], at('2026-03-03T03:00:00Z'))
    await actAs('li', '李娜')
    await commit(
      db,
      id,
      [
        {
          type: 'complaint.extended',
          payload: {
            reason: '境外代理行查询',
            newDueDate: '2026-04-30',
            noticeChannel: 'sms',
            noticeAt: '2026-03-03T12:00:00+08:00',
          },
        },
      ],
      at('2026-03-03T04:00:00Z'),
    )
    const s = (await complaintState(db, id))!
    const clocks = computeClocks(s, { now: new Date('2026-04-10T02:00:00Z') })
    expect(clocks.clocks.find((c) => c.name === 'regulatory')).toMatchObject({
      dueDate: '2026-05-06',
      limitDays: 60,
      approval: { by: { staffId: 'qian', staffName: '钱立' } },
    })
  })

  it('keeps a breach when a late extension arrives from a tablet that was offline', async () => {
    const f = eventFactory({ start: Date.parse('2026-03-02T01:30:00Z') })
    const recorded = f.make({ type: 'complaint.recorded', payload: RECORDED })
    const late = f.make(
      {
        type: 'complaint.extended',
        payload: {
          reason: '补办',
          newDueDate: '2026-04-01',
          noticeChannel: 'phone',
          noticeAt: '2026-03-20T10:00:00+08:00',
        },
      },
      { wall: Date.parse('2026-03-20T02:00:00Z') },
    )
    await applyRemote(
      db,
      [
        { ...recorded, serverSeq: 1 },
        { ...late, serverSeq: 2 },
      ],
      { now: at('2026-03-20T03:00:00Z') },
    )
    // The book's deadline stays the regulatory 17 March, labelled as such: overdue, not moved to April.
    expect(await db.complaints.get(f.complaintId)).toMatchObject({
      dueAt: '2026-03-17T15:59:59.999Z',
      dueClock: 'regulatory',
    })
  })

  it('lists in 待办 on 30 September a deadline of 8 October, the next working day after National Day', async () => {
    await actAs('li', '李娜')
    const id = newId()
    const told = {
      channel: 'phone',
      purpose: 'extensionNotice',
      content: '需核查',
      contactedAt: '2026-09-23T11:00:00+08:00',
    } as const
    await commit(
      db,
      id,
      [
        { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-09-23T10:00:00+08:00' } },
        { type: 'customer.contacted', payload: told },
      ],
      at('2026-09-23T03:00:00Z'),
    )
    const onThirtieth = dueSoonUntil(new Date('2026-09-30T02:00:00Z'))
    expect((await needsAction(db, onThirtieth)).map((r) => [r.id, r.dueClock])).toEqual([[id, 'regulatory']])
    // The old rule, the end of today, hid it.
    expect(await needsAction(db, Date.parse('2026-09-30T15:59:59.999Z'))).toEqual([])
  })

  it('recomputes rows an older app projected, once', async () => {
    await actAs('li', '李娜')
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }], at('2026-03-02T01:30:00Z'))
    const row = (await db.complaints.get(id))!
    const { dueClock: _, ...older } = row
    await db.complaints.put({ ...older, dueAt: '2026-03-23T15:59:59.999Z' })
    expect(await ensureProjection(db)).toBe(true)
    expect((await db.complaints.get(id))?.dueClock).toBe(row.dueClock)
    expect((await db.meta.get('projectionVersion'))?.value).toBe(PROJECTION_VERSION)
    expect(await ensureProjection(db)).toBe(false)
  })
})
