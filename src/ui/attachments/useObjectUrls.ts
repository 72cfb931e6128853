import { onScopeDispose, ref, watch } from 'vue'

export type ObjectUrlState = 'loading' | 'ready' | 'absent' | 'failed'

export interface ObjectUrlOptions {
  /** The bytes of one attachment, or null when they are not to be had (not on this tablet, and offline). */
  load: (id: string) => Promise<Blob | null>
  /** Loaded as soon as they are listed (thumbnails); the rest only when asked for (`ensure`). */
  eager?: () => readonly string[]
}

/**
 * Object URLs for attachments' bytes, made once per id and revoked when the component goes (or the id leaves the
 * eager list): an unrevoked URL keeps its decrypted bytes in memory for as long as the page lives. Bytes are only
 * ever shown through these URLs, never through a server address (which would need the bearer token, and would show
 * whatever type the server said).
 */
export function useObjectUrls(options: ObjectUrlOptions) {
  const urls = ref<Record<string, string>>({})
  const states = ref<Record<string, ObjectUrlState>>({})
  const pending = new Map<string, Promise<string | null>>()
  let disposed = false

  function revoke(id: string): void {
    const url = urls.value[id]
    if (url) URL.revokeObjectURL(url)
    delete urls.value[id]
    delete states.value[id]
    pending.delete(id)
  }

  /** The URL of `id`'s bytes, loading them first; null when they cannot be had now. */
  function ensure(id: string): Promise<string | null> {
    const ready = urls.value[id]
    if (ready) return Promise.resolve(ready)
    const running = pending.get(id)
    if (running) return running
    states.value[id] = 'loading'
    const loading = options
      .load(id)
      .then(
        (blob) => {
          if (disposed || pending.get(id) !== loading) return null
          if (!blob) {
            states.value[id] = 'absent'
            return null
          }
          const url = URL.createObjectURL(blob)
          urls.value[id] = url
          states.value[id] = 'ready'
          return url
        },
        () => {
          if (!disposed && pending.get(id) === loading) states.value[id] = 'failed'
          return null
        },
      )
      .finally(() => {
        // A failed or absent load may be tried again (the tablet came online, the other tablet uploaded).
        if (pending.get(id) === loading && !urls.value[id]) pending.delete(id)
      })
    pending.set(id, loading)
    return loading
  }

  if (options.eager) {
    watch(
      options.eager,
      (ids, before) => {
        const keep = new Set(ids)
        for (const id of before ?? []) if (!keep.has(id)) revoke(id)
        for (const id of ids) void ensure(id)
      },
      { immediate: true },
    )
  }

  onScopeDispose(() => {
    disposed = true
    for (const url of Object.values(urls.value)) URL.revokeObjectURL(url)
    urls.value = {}
    pending.clear()
  })

  return { urls, states, ensure }
}
