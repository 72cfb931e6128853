import { describe, expect, it } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb, SCHEMA_VERSIONS } from '@/db'
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
})
