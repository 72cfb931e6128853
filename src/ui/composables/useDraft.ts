import { onScopeDispose, toRaw, watch } from 'vue'
import type { ComplaintDb } from '@/db'
import { registerDraftFlusher } from '@/ui/drafts/draftRegistry'

export interface DraftOptions<T extends object> {
  db: ComplaintDb
  /** One key per form, e.g. `new-complaint`. */
  key: string
  /** The reactive form state to keep. */
  source: T
  /** Debounce of the autosave; a reload or an update prompt flushes at once. */
  delayMs?: number
}

/**
 * Keeps a form's input in IndexedDB while it is being typed, so a crash, a reload or an app update never
 * loses it. `restore()` puts a saved draft back; `discard()` forgets it once the form has been saved.
 */
export function useDraft<T extends object>(options: DraftOptions<T>) {
  const { db, key, source } = options
  let timer: ReturnType<typeof setTimeout> | null = null
  let dirty = false
  let active = true

  async function save(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    if (!dirty || !active) return
    dirty = false
    await db.drafts.put({ key, value: structuredClone(toRaw(source)), savedAt: Date.now() })
  }

  const stopWatch = watch(source, () => {
    dirty = true
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void save(), options.delayMs ?? 300)
  }, { deep: true })
  const unregister = registerDraftFlusher(save)

  const onHide = () => void save()
  globalThis.addEventListener?.('pagehide', onHide)

  async function restore(): Promise<boolean> {
    const row = await db.drafts.get(key)
    if (!row) return false
    Object.assign(source, row.value as Partial<T>)
    dirty = false
    return true
  }

  /** After a successful save: forget the draft and stop autosaving this form. */
  async function discard(): Promise<void> {
    dirty = false
    active = false
    if (timer) clearTimeout(timer)
    await db.drafts.delete(key)
  }

  onScopeDispose(() => {
    void save()
    stopWatch()
    unregister()
    globalThis.removeEventListener?.('pagehide', onHide)
  })

  return { restore, discard, save }
}
