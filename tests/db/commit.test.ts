import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fold, newId } from '@/domain'
import { AlreadySaved, applyRemote, CommandRejected, commit, ComplaintDb, complaintState, project } from '@/db'
import { eventFactory, RECORDED } from '../support/eventFactory'

let db: ComplaintDb

beforeEach(() => {
  db = new ComplaintDb(`test-${newId()}`)
})
afterEach(async () => {
  await db.delete()
})

async function counts() {
  return { events: await db.events.count(), complaints: await db.complaints.count(), outbox: await db.outbox.count() }
}

describe('commit: the one write path', () => {
  it('refuses a second recording of the same draft (its event id is stored), however close the two saves come', async () => {
    const id = newId()
    const eventId = newId()
    const draft = { id: eventId, type: 'complaint.recorded' as const, payload: RECORDED }
    // A double tap: both saves start before either has finished.
    const [first, second] = await Promise.allSettled([commit(db, id, [draft]), commit(db, id, [draft])])
    expect(first.status).toBe('fulfilled')
    expect(second.status === 'rejected' && second.reason).toBeInstanceOf(AlreadySaved)
    expect(await counts()).toEqual({ events: 1, complaints: 1, outbox: 1 })
    expect((await db.events.toArray())[0]!.id).toBe(eventId)

    // A note saved twice from one sheet: once.
    const noteId = newId()
    await commit(db, id, [{ id: noteId, type: 'note.added', payload: { text: '已安抚' } }])
    await expect(
      commit(db, id, [{ id: noteId, type: 'note.added', payload: { text: '已安抚' } }]),
    ).rejects.toBeInstanceOf(AlreadySaved)
    expect(await counts()).toEqual({ events: 2, complaints: 1, outbox: 2 })
  })

  it('appends the event, queues it and writes the projection together', async () => {
    const id = newId()
    const { state, events } = await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    expect(state.customer.name).toBe('王芳')
    expect(await counts()).toEqual({ events: 1, complaints: 1, outbox: 1 })
    expect((await db.outbox.get(events[0]!.id))?.complaintId).toBe(id)
    expect((await db.complaints.get(id))?.status).toBe('new')
  })

  it('keeps the projection equal to the fold of the stored events', async () => {
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    await commit(db, id, [
      { type: 'complaint.acknowledged', payload: {} },
      { type: 'note.added', payload: { text: '已安抚' } },
    ])
    await commit(db, id, [
      { type: 'field.corrected', payload: { field: 'customer.phone', value: '021-61234567', reason: '客户更正' } },
    ])
    const stored = await db.events.where('complaintId').equals(id).toArray()
    const row = await db.complaints.get(id)
    expect(row).toEqual(project(fold(stored)!))
    expect(row?.phone).toBe('02161234567')
  })

  it('writes nothing when a later change in the same command is refused', async () => {
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    const before = await counts()
    const err = await commit(db, id, [
      { type: 'note.added', payload: { text: '记录' } },
      { type: 'complaint.closed', payload: {} },
    ]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CommandRejected)
    expect((err as CommandRejected).refusal).toBe('closeNeedsVerdict')
    expect(await counts()).toEqual(before)
  })

  it('leaves no event, projection or outbox row when the storage write fails', async () => {
    db.outbox.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    await expect(commit(db, newId(), [{ type: 'complaint.recorded', payload: RECORDED }])).rejects.toThrow(/quota/i)
    expect(await counts()).toEqual({ events: 0, complaints: 0, outbox: 0 })
  })

  it('rejects an invalid form with the field that is wrong and stores nothing', async () => {
    const err = await commit(db, newId(), [
      { type: 'complaint.recorded', payload: { ...RECORDED, customer: { name: '' } } },
    ]).catch((e: unknown) => e)
    expect((err as CommandRejected).issues).toEqual([{ path: 'customer.name', message: 'required' }])
    expect(await counts()).toEqual({ events: 0, complaints: 0, outbox: 0 })
  })

  it('orders this tablet’s events after those it has received, even with a slow wall clock', async () => {
    const f = eventFactory({ start: Date.parse('2026-03-02T05:00:00Z') })
    const rec = f.make({ type: 'complaint.recorded', payload: RECORDED })
    await applyRemote(db, [{ ...rec, serverSeq: 1 }])
    const slowClock = () => Date.parse('2026-03-02T04:00:00Z')
    const { events } = await commit(db, f.complaintId, [{ type: 'note.added', payload: { text: '后续' } }], slowClock)
    expect(events[0]!.hlc > rec.hlc).toBe(true)
    expect((await complaintState(db, f.complaintId))?.notes).toHaveLength(1)
  })
})
