import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, fold, newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import type { Database } from '../../src/server/db/Database'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const TABLET = { deviceId: 'tab-b1', branchId: 'b1' }
const at = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'tab-b1' })
const base = (complaintId: string, hlc: string) => ({ id: newId(), complaintId, branchId: 'b1', v: 1, hlc, actor: LI })
const recorded = (complaintId = newId()) =>
  ({
    ...base(complaintId, at('2026-11-20T09:05:00+08:00')),
    type: 'complaint.recorded',
    payload: { ...RECORDED, receivedAt: '2026-11-20T09:00:00+08:00' },
  }) as ComplaintEvent
const note = (complaintId: string, when: string, text: string) =>
  ({ ...base(complaintId, at(when)), type: 'note.added', payload: { text } }) as ComplaintEvent

/**
 * A push stores its events, their complaints' rows, SMS jobs and alerts in one statement (ingestEvents.ts), the rows'
 * last sequence taken from the events inserted with them: what the desk reads must stay the fold of what is stored.
 */
describe.each(BACKENDS)('the statement that stores a push on $name', (backend) => {
  let db: Database
  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
  })
  afterAll(() => db.close())

  async function rowAgreesWithEvents(complaintId: string) {
    const events = (
      await db.query<{ body: ComplaintEvent; server_seq: number }>(
        'select body, server_seq from events where complaint_id = $1 order by server_seq',
        [complaintId],
      )
    ).rows
    const row = (
      await db.query<{ state: unknown; updated_seq: number }>(
        'select state, updated_seq from complaints where id = $1',
        [complaintId],
      )
    ).rows[0]!
    expect(row.state).toEqual(JSON.parse(JSON.stringify(fold(events.map((e) => e.body)))))
    expect(Number(row.updated_seq)).toBe(Math.max(...events.map((e) => Number(e.server_seq))))
    return row
  }

  it('keeps each touched row the fold of its stored events, with their last sequence, through refusals and a retry', async () => {
    const first = recorded()
    const c = first.complaintId
    const other = recorded()
    await ingestEvents(db, TABLET, [first, note(c, '2026-11-21T10:00:00+08:00', '第一次回访')])
    await rowAgreesWithEvents(c)

    // A note made offline earlier than one stored, one dated before the receipt (refused), another complaint.
    const second = [
      note(c, '2026-11-20T11:00:00+08:00', '离线时记下的补充'),
      note(c, '2026-11-19T09:00:00+08:00', '早于受理'),
      other,
      note(other.complaintId, '2026-11-20T10:00:00+08:00', '新投诉的备注'),
    ]
    const answers = await ingestEvents(db, TABLET, second)
    expect(answers.map((a) => (a.status === 'rejected' ? a.reason : a.status))).toEqual([
      'accepted',
      'beforeReceipt',
      'accepted',
      'accepted',
    ])
    const row = await rowAgreesWithEvents(c)
    expect((row.state as { notes: unknown[] }).notes).toHaveLength(2)
    await rowAgreesWithEvents(other.complaintId)

    // Retried: the same answers, nothing stored twice, the rows as they were.
    const count = async () => Number((await db.query<{ n: number }>('select count(*) as n from events')).rows[0]!.n)
    const before = await count()
    expect(await ingestEvents(db, TABLET, second)).toEqual(answers)
    expect(await count()).toBe(before)
    expect(await rowAgreesWithEvents(c)).toEqual(row)
  })
})
