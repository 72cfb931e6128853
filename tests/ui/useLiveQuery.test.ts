import { Dexie } from 'dexie'
import type * as DexieModule from 'dexie'
import type { EntityTable } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'

/**
 * Every result Dexie's live query hands to useLiveQuery, counted as it is handed over: "the live query's first
 * result changed nothing" is asserted once that result has demonstrably arrived, not after a guessed pause.
 */
const delivered = vi.hoisted(() => ({ results: [] as unknown[] }))
vi.mock('dexie', async (importOriginal) => {
  const dexie = await importOriginal<typeof DexieModule>()
  return {
    ...dexie,
    liveQuery: <T>(query: () => T | Promise<T>) => {
      const observable = dexie.liveQuery(query)
      return {
        subscribe: (observer: { next: (value: T) => void; error: (e: unknown) => void }) =>
          observable.subscribe({
            next: (value) => {
              observer.next(value)
              delivered.results.push(value)
            },
            error: (e) => observer.error(e),
          }),
      }
    },
  }
})

interface Row {
  id: string
  n: number
}
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
  delivered.results = []
})

describe('useLiveQuery, eager', () => {
  it('shows the eager read, keeps it when the live query reads the same, and follows later writes', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 1 }])
    const scope = effectScope()
    const shown: Row[][] = []
    const { data, loading } = scope.run(() => {
      const live = useLiveQuery({ query: () => db!.rows.toArray(), initial: [] as Row[], eager: true })
      watch(live.data, (rows) => shown.push(rows), { flush: 'sync' })
      return live
    })!
    // The live query's first result has arrived …
    await vi.waitFor(() => expect(delivered.results).toHaveLength(1))
    expect(loading.value).toBe(false)
    // … and it was the same rows as the eager read: shown once, not handed over again (the page is not rendered twice).
    expect(shown).toEqual([[{ id: 'a', n: 1 }]])
    expect(data.value).toBe(shown[0])
    await db.rows.put({ id: 'b', n: 2 })
    await vi.waitFor(() => expect(delivered.results).toHaveLength(2))
    expect(shown.map((rows) => rows.length)).toEqual([1, 2])
    scope.stop()
  })

  it('uses a read already under way when the eager function returns one', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 1 }])
    const query = vi.fn(() => db!.rows.toArray())
    const scope = effectScope()
    const { data } = scope.run(() =>
      useLiveQuery({ query, initial: [] as Row[], eager: () => Promise.resolve([{ id: 'a', n: 1 }]) }),
    )!
    await vi.waitFor(() => expect(delivered.results).toHaveLength(1))
    expect(data.value).toEqual([{ id: 'a', n: 1 }])
    // Only the live query read: the eager read was the one handed in (counted after the live query answered).
    expect(query).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('lets the live query win when the eager read was stale', async () => {
    db = new Db(`lq-${Math.random()}`)
    await db.rows.bulkPut([{ id: 'a', n: 2 }])
    const scope = effectScope()
    const { data } = scope.run(() =>
      useLiveQuery({
        query: () => db!.rows.toArray(),
        initial: [] as Row[],
        eager: () => Promise.resolve([{ id: 'a', n: 1 }]),
      }),
    )!
    await vi.waitFor(() => expect(data.value).toEqual([{ id: 'a', n: 2 }]))
    scope.stop()
  })
})
