import { describe, expect, it, vi } from 'vitest'
import { fold, newId } from '@/domain'
import type { ComplaintEvent } from '@/domain'
import { applyRemote, bookPage, ComplaintDb, complaintState, searchComplaints } from '@/db'
import { changesRow, project } from '@/db/project'
import { textRow } from '@/db/textRow'
import { eventFactory, RECORDED } from '../support/eventFactory'

/** Complaints at several points of their life: new, acknowledged, escalated, extended, with an attachment. */
function histories(): ComplaintEvent[][] {
  const out: ComplaintEvent[][] = []
  const f = eventFactory()
  const h = [f.make({ type: 'complaint.recorded', payload: RECORDED })]
  out.push([...h])
  h.push(f.make({ type: 'complaint.acknowledged', payload: {} }))
  out.push([...h])
  h.push(f.make({ type: 'complaint.escalated', payload: { reason: '客户要求主管处理' } }))
  out.push([...h])
  h.push(f.make({ type: 'extension.requested', payload: { reason: '需核查流水', newDueDate: '2026-03-30' } }))
  out.push([...h])
  return out
}

const inert = (f: ReturnType<typeof eventFactory>): ComplaintEvent[] => {
  const attachmentId = newId()
  return [
    f.make({ type: 'note.added', payload: { text: '客户来电询问进度' } }),
    f.make({
      type: 'attachment.added',
      payload: {
        attachmentId,
        fileName: '凭条.jpg',
        contentType: 'image/jpeg',
        byteSize: 1000,
        sha256: 'a'.repeat(64),
      },
    } as never),
    f.make({ type: 'attachment.removed', payload: { attachmentId, reason: '拍错了' } }),
  ]
}

describe('a pulled page refolds only the complaints whose book row can change (issue 19)', () => {
  it('a note or a photo changes nothing the book row or the search text is made of', () => {
    const ctx = { now: new Date('2026-03-03T02:00:00Z') }
    for (const h of histories()) {
      const f = eventFactory({ complaintId: h[0]!.complaintId, start: Date.parse('2026-03-02T05:00:00Z') })
      for (const e of inert(f)) {
        expect(changesRow(e)).toBe(false)
        const before = fold(h)!
        const after = fold([...h, e])!
        expect(project(after, ctx)).toEqual(project(before, ctx))
        expect(textRow(after)).toEqual(textRow(before))
      }
    }
    expect(changesRow(histories()[1]!.at(-1)!)).toBe(true)
  })

  it('stores a pulled note without refolding, and the complaint shows it with the row as it was', async () => {
    const local = new ComplaintDb(`pulled-notes-${newId()}`)
    const f = eventFactory()
    await applyRemote(local, [{ ...f.make({ type: 'complaint.recorded', payload: RECORDED }), serverSeq: 1 }])
    const row = await local.complaints.get(f.complaintId)
    // A page mixing a note on the held complaint and another complaint recorded on another tablet.
    const g = eventFactory()
    // The held complaint's events are not read (nor opened) for a note: only the new complaint's history is asked for.
    const reads = vi.spyOn(local.events, 'where')
    await applyRemote(local, [
      { ...f.make({ type: 'note.added', payload: { text: '客户来电询问进度' } }), serverSeq: 2 },
      {
        ...g.make({ type: 'complaint.recorded', payload: { ...RECORDED, description: '网银转账失败资金未到账' } }),
        serverSeq: 3,
      },
    ])
    expect(reads).toHaveBeenCalledTimes(1)
    reads.mockRestore()
    expect(await local.complaints.get(f.complaintId)).toEqual(row)
    expect((await complaintState(local, f.complaintId))!.notes.map((n) => n.text)).toEqual(['客户来电询问进度'])
    expect((await searchComplaints(local, '资金未到')).map((r) => r.id)).toEqual([g.complaintId])
    expect(await bookPage(local)).toHaveLength(2)
    expect(await local.getMeta('cursor')).toBeUndefined()
    await local.delete()
  })
})
