import { liveQuery } from 'dexie'
import type { Subscription } from 'dexie'
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef, WatchSource } from 'vue'

export interface LiveQueryOptions<T> {
  /** Reads IndexedDB; re-run by Dexie whenever the tables it read change, and when `deps` change. */
  query: () => T | Promise<T>
  initial: T
  deps?: WatchSource[]
}

/** A Dexie live query as a Vue ref; unsubscribes when the component (or effect scope) ends. */
export function useLiveQuery<T>(options: LiveQueryOptions<T>): { data: ShallowRef<T>; error: Ref<unknown>; loading: Ref<boolean> } {
  const data = shallowRef<T>(options.initial)
  const error = ref<unknown>(null)
  const loading = ref(true)
  let sub: Subscription | null = null

  function subscribe() {
    sub?.unsubscribe()
    loading.value = true
    sub = liveQuery(options.query).subscribe({
      next: (value) => {
        data.value = value
        error.value = null
        loading.value = false
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
