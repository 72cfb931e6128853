import { describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb, localDeskQueue, SCHEMA_VERSIONS } from '@/db'
import { RECORDED } from '../support/eventFactory'

describe('IndexedDB schema upgrades', () => {
  it('has append-only, increasing versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
  })

  it('v1 → v2 keeps every complaint, event, queued event and the identity, and adds drafts', async () => {
    const name = `upgrade-${newId()}`
    const v1 = new ComplaintDb(name, { upTo: 1 })
    const id = newId()
    await commit(v1, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    const before = { events: await v1.events.toArray(), complaints: await v1.complaints.toArray(), outbox: await v1.outbox.toArray(), meta: await v1.meta.toArray() }
    v1.close()

    const current = new ComplaintDb(name)
    await current.open()
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
    expect(await current.events.toArray()).toEqual(before.events)
    expect(await current.complaints.toArray()).toEqual(before.complaints)
    expect(await current.outbox.toArray()).toEqual(before.outbox)
    expect(await current.meta.toArray()).toEqual(before.meta)
    await current.drafts.put({ key: 'new-complaint', value: { name: '王' }, savedAt: 1 })
    expect(await current.drafts.count()).toBe(1)
    await current.delete()
  })

  it('v2 → v3 indexes what waits for a supervisor and gives old states an empty list of extension requests', async () => {
    const name = `upgrade-${newId()}`
    const v2 = new ComplaintDb(name, { upTo: 2 })
    const escalated = newId()
    const quiet = newId()
    await commit(v2, escalated, [{ type: 'complaint.recorded', payload: RECORDED }, { type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } }])
    await commit(v2, quiet, [{ type: 'complaint.recorded', payload: RECORDED }])
    // A row as version 2 stored it: no `awaiting`, and a state from before extension requests existed.
    await v2.complaints.toCollection().modify((row) => {
      delete (row as Partial<typeof row>).awaiting
      delete (row.state as Partial<typeof row.state>).extensionRequests
    })
    v2.close()

    const current = new ComplaintDb(name)
    await current.open()
    expect((await current.complaints.get(quiet))?.state.extensionRequests).toEqual([])
    expect((await localDeskQueue(current)).map((i) => [i.complaintId, i.kind])).toEqual([[escalated, 'escalation']])
    expect(await current.events.count()).toBe(3)
    await current.delete()
  })
})

