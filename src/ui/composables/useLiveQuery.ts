import { liveQuery } from 'dexie'
import type { Subscription } from 'dexie'
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef, WatchSource } from 'vue'

export interface LiveQueryOptions<T> {
  /** Reads IndexedDB; re-run by Dexie whenever the tables it read change, and when `deps` change. */
  query: () => T | Promise<T>
  initial: T
  deps?: WatchSource[]
  /**
   * Also read once at once, outside the live query: Dexie starts a live query's first read from a `setTimeout` and
   * may hand its result over through another, so while the first frame is being rendered the result lands tens of
   * ms after a plain read would (measured on the complaint book: docs/benchmarks.md, cold start). A function
   * returns a read of the same query already under way, if there is one.
   */
  eager?: boolean | (() => Promise<T> | undefined)
}

/** A Dexie live query as a Vue ref; unsubscribes when the component (or effect scope) ends. */
export function useLiveQuery<T>(options: LiveQueryOptions<T>): {
  data: ShallowRef<T>
  error: Ref<unknown>
  loading: Ref<boolean>
} {
  const data = shallowRef<T>(options.initial)
  const error = ref<unknown>(null)
  const loading = ref(true)
  let sub: Subscription | null = null
  let generation = 0

  function show(value: T) {
    data.value = value
    error.value = null
    loading.value = false
  }

  function subscribe() {
    sub?.unsubscribe()
    loading.value = true
    const run = ++generation
    let first = true
    // What the eager read showed, serialised: the live query's first result is most often the same rows, and
    // rendering them twice would cost the first screen as much again.
    let shown: string | null = null
    if (options.eager) {
      const read = (typeof options.eager === 'function' && options.eager()) || Promise.resolve().then(options.query)
      read.then(
        (value) => {
          if (run !== generation || !first) return
          shown = JSON.stringify(value)
          show(value)
        },
        // The live query reads the same and reports the error.
        () => undefined,
      )
    }
    sub = liveQuery(options.query).subscribe({
      next: (value) => {
        const same = first && shown !== null && JSON.stringify(value) === shown
        first = false
        if (!same) show(value)
      },
      error: (e: unknown) => {
        error.value = e
        loading.value = false
      },
    })
  }

  if (options.deps?.length) watch(options.deps, subscribe, { immediate: true })
  else subscribe()
  onScopeDispose(() => sub?.unsubscribe())
  return { data, error, loading }
}
