import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId, SIGNATURE_LIMITS } from '@/domain'
import type { ComplaintEvent, ComplaintState, PushResponse } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { seedBank } from './fixtures'

const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const RECEIVED = '2026-11-20T09:00:00+08:00'
const at = (min: number) => encodeHlc({ wall: Date.parse(RECEIVED) + min * 60_000, counter: 0, node: 'tab-b1' })
const base = (complaintId: string, min: number) => ({
  id: newId(),
  complaintId,
  branchId: 'b1',
  v: 1,
  hlc: at(min),
  actor: LI,
})

describe.each(BACKENDS)('signatures at the centre on $name', (backend) => {
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
  const push = async (events: unknown[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: { protocol: 1, events },
    })
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as PushResponse).results
  }

  it('stores a signed slip with its strokes, and refuses signatures off the pad or past the size limits', async () => {
    const id = newId()
    const record = {
      ...base(id, 1),
      type: 'complaint.recorded',
      payload: { ...RECORDED, receivedAt: RECEIVED },
    } as ComplaintEvent
    const signed = (signature: unknown, min: number) => ({
      ...base(id, min),
      type: 'slip.signed',
      payload: { signature },
    })
    const good = { w: 600, h: 240, strokes: [[10, 10, 200, 120, 400, 30]] }
    const results = await push([
      record,
      signed({ ...good, strokes: [[10, 10, 9000, 10]] }, 2),
      signed({ w: 50_000, h: 240, strokes: [[10, 10]] }, 3),
      signed({ ...good, strokes: Array.from({ length: SIGNATURE_LIMITS.strokes + 1 }, () => [1, 1]) }, 4),
      signed({ ...good, strokes: [Array.from({ length: SIGNATURE_LIMITS.points * 2 + 2 }, () => 1)] }, 5),
      signed(good, 6),
    ])
    expect(results.map((r) => (r.status === 'rejected' ? r.message.replace(/^.*: /, '') : r.status))).toEqual([
      'accepted',
      'signatureBounds',
      'signatureBounds',
      'signatureTooLarge',
      'signatureTooLarge',
      'accepted',
    ])
    const { rows } = await db.query<{ state: ComplaintState }>('select state from complaints where id = $1', [id])
    expect(rows[0]!.state.slipSigned?.signature).toEqual(good)
  })
})
