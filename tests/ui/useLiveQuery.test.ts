import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'

interface Row { id: string; n: number }
class Db extends Dexie {
  rows!: EntityTable<Row, 'id'>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ rows: 'id' })
  }
}

let db: Db | null = null
afterEach(async () => {
  db?.close()
  if (db) await Dexie.delete(db.name)
  db = null
})

describe('useLiveQuery, eager', () => {
  it('shows the eager read, keeps it when the live query reads the same, and follows later writes', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 1 }])
    const scope = effectScope()
    const { data, loading } = scope.run(() => useLiveQuery({ query: () => db!.rows.toArray(), initial: [] as Row[], eager: true }))!
    await vi.waitFor(() => expect(data.value).toEqual([{ id: 'a', n: 1 }]))
    expect(loading.value).toBe(false)
    const eager = data.value
    // The live query's first result is the same rows: not handed over again (the page is not rendered twice).
    await new Promise((r) => setTimeout(r, 50))
    expect(data.value).toBe(eager)
    await db.rows.put({ id: 'b', n: 2 })
    await vi.waitFor(() => expect(data.value).toHaveLength(2))
    scope.stop()
  })

  it('uses a read already under way when the eager function returns one', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 1 }])
    const query = vi.fn(() => db!.rows.toArray())
    const scope = effectScope()
    const { data } = scope.run(() => useLiveQuery({ query, initial: [] as Row[], eager: () => Promise.resolve([{ id: 'a', n: 1 }]) }))!
    await vi.waitFor(() => expect(data.value).toEqual([{ id: 'a', n: 1 }]))
    // Only the live query read: the eager read was the one handed in.
    await vi.waitFor(() => expect(query).toHaveBeenCalledTimes(1))
    scope.stop()
  })

  it('lets the live query win when the eager read was stale', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 2 }])
    const scope = effectScope()
    const { data } = scope.run(() => useLiveQuery({ query: () => db!.rows.toArray(), initial: [] as Row[], eager: () => Promise.resolve([{ id: 'a', n: 1 }]) }))!
    await vi.waitFor(() => expect(data.value).toEqual([{ id: 'a', n: 2 }]))
    scope.stop()
  })
})
