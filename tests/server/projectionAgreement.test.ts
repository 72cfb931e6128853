import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fold, newId, resolveSettings } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { project } from '@/db'
import type { Database } from '../../src/server/db/Database'
import { readSettings } from '../../src/server/settings/readSettings'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { eventFactory, RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }

/** Complaints in several stages, received an hour to forty days ago. */
const HISTORIES: [string, number, EventDraft[]][] = [
  ['fresh', 1 / 24, []],
  [
    'escalated',
    2,
    [
      { type: 'complaint.acknowledged', payload: {} },
      { type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } },
    ],
  ],
  [
    'an extension waiting',
    3,
    [
      { type: 'complaint.acknowledged', payload: {} },
      {
        type: 'extension.requested',
        payload: {
          reason: '需调取录像',
          newDueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        },
      },
    ],
  ],
  ['overdue', 40, []],
  ['withdrawn', 5, [{ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }]],
  // The centre used to keep a withdrawn complaint's unanswered escalation open; the book did not.
  [
    'escalated, then withdrawn',
    3,
    [
      { type: 'complaint.acknowledged', payload: {} },
      { type: 'complaint.escalated', payload: { reason: '复杂' } },
      { type: 'complaint.withdrawn', payload: { reason: '客户撤回' } },
    ],
  ],
]

describe.each(BACKENDS)('the book on a tablet and the centre’s rows agree on $name', (backend) => {
  let db: Database
  beforeAll(async () => {
    db = await backend.open()
    await seedBank(db)
  })
  afterAll(async () => {
    await db.close()
  })

  it.each(HISTORIES)('%s: the same deadline, clock, supervisor question and phone', async (_name, daysAgo, history) => {
    const receivedAt = new Date(Date.now() - daysAgo * 86_400_000)
    const f = eventFactory({ complaintId: newId(), branchId: 'b1', actor: LI, start: receivedAt.getTime() + 60_000 })
    const events: ComplaintEvent[] = [
      f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: receivedAt.toISOString() } }),
      ...history.map((d) => f.make(d)),
    ]
    const results = await ingestEvents(db, { deviceId: 'tab-b1', branchId: 'b1' }, events as never)
    expect(
      results.every((r) => r.status === 'accepted'),
      JSON.stringify(results),
    ).toBe(true)
    const { calendar, policy } = resolveSettings(await readSettings(db))
    const row = project(fold(events)!, { now: new Date(), calendar, policy })
    const central = (
      await db.query<{
        due_at: Date | null
        due_clock: string | null
        escalation_open: boolean
        approval_pending: boolean
        phone: string | null
      }>('select due_at, due_clock, escalation_open, approval_pending, phone from complaints where id = $1', [
        f.complaintId,
      ])
    ).rows[0]!
    expect({
      dueAt: central.due_at ? new Date(central.due_at).toISOString() : '',
      dueClock: central.due_clock ?? '',
      awaiting: [
        ...(central.escalation_open ? ['escalation'] : []),
        ...(central.approval_pending ? ['extension'] : []),
      ],
      phone: central.phone ?? '',
    }).toEqual({
      dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : '',
      dueClock: row.dueClock,
      awaiting: row.awaiting,
      phone: row.phone,
    })
  })
})
