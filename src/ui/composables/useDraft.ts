import { onScopeDispose, toRaw, toValue, watch } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import type { ComplaintDb } from '@/db'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { registerDraftFlusher } from '@/ui/drafts/draftRegistry'

export interface DraftOptions<T extends object> {
  db: ComplaintDb
  /** One key per form, e.g. `new-complaint`, or a getter for a form that changes (an action sheet); the user's id is added. */
  key: MaybeRefOrGetter<string>
  /** Whose draft it is; by default whoever has unlocked the tablet. */
  owner?: string
  /** The reactive form state to keep. */
  source: T
  /** Whether what is on the form is worth keeping; when not, the stored draft is dropped instead. */
  keep?: () => boolean
  /** Debounce of the autosave; a reload or an update prompt flushes at once. */
  delayMs?: number
}

/**
 * Where a user's draft of a form is kept. Drafts belong to the person typing: when the tablet locks mid-form and a
 * colleague unlocks it, they start from an empty form, not from the half-filled one they would then save as theirs.
 */
export const draftKey = (key: string, owner: string | undefined): string => `${key}@${owner ?? ''}`

/**
 * Keeps a form's input in IndexedDB while it is being typed, so a crash, a reload or an app update never
 * loses it. `restore()` puts a saved draft back; `discard()` forgets it once the form has been saved.
 */
export function useDraft<T extends object>(options: DraftOptions<T>) {
  const { db, source } = options
  const owner = options.owner ?? useSessionStore().current?.staffId
  const keyOf = () => draftKey(toValue(options.key), owner)
  let timer: ReturnType<typeof setTimeout> | null = null
  let dirty = false
  let active = true

  async function save(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    if (!dirty || !active) return
    dirty = false
    if (options.keep && !options.keep()) await db.drafts.delete(keyOf())
    else await db.drafts.put({ key: keyOf(), value: structuredClone(deepRaw(source)), savedAt: Date.now() })
  }

  const stopWatch = watch(
    source,
    () => {
      dirty = true
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void save(), options.delayMs ?? 300)
    },
    { deep: true },
  )
  const unregister = registerDraftFlusher(save)

  const onHide = () => void save()
  globalThis.addEventListener?.('pagehide', onHide)

  /** `unless`: checked once the draft is read — a form typed into meanwhile keeps what was typed. */
  async function restore(unless: () => boolean = () => false): Promise<boolean> {
    const row = await db.drafts.get(keyOf())
    if (!row || unless()) return false
    mergeInto(source as Record<string, unknown>, row.value as Record<string, unknown>)
    dirty = false
    return true
  }

  /** Whether a draft of this form is kept (for asking before it is thrown away). */
  async function exists(): Promise<boolean> {
    return (await db.drafts.get(keyOf())) !== undefined
  }

  /** Forget the draft but keep autosaving what is typed next (a form emptied on purpose). */
  async function clear(): Promise<void> {
    dirty = false
    if (timer) clearTimeout(timer)
    timer = null
    await db.drafts.delete(keyOf())
  }

  /** After a successful save: forget the draft and stop autosaving this form. */
  async function discard(): Promise<void> {
    dirty = false
    active = false
    if (timer) clearTimeout(timer)
    await db.drafts.delete(keyOf())
  }

  onScopeDispose(() => {
    void save()
    stopWatch()
    unregister()
    globalThis.removeEventListener?.('pagehide', onHide)
  })

  return { restore, discard, save, clear, exists, key: keyOf }
}

/** A nested reactive object (an action sheet's values) is cloned as the plain object it wraps. */
function deepRaw<T>(value: T): T {
  const raw = toRaw(value)
  if (Array.isArray(raw)) return raw.map(deepRaw) as T
  if (raw && typeof raw === 'object')
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, deepRaw(v)])) as T
  return raw
}

/**
 * Puts a saved draft back into the form's own objects, one level deep: a form that holds a nested reactive object
 * keeps it (its template is bound to it), with the saved entries in it.
 */
function mergeInto(target: Record<string, unknown>, saved: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(saved)) {
    const here = target[k]
    if (here && v && typeof here === 'object' && typeof v === 'object' && !Array.isArray(here) && !Array.isArray(v)) {
      for (const old of Object.keys(here)) if (!(old in v)) delete (here as Record<string, unknown>)[old]
      Object.assign(here, v)
    } else target[k] = v
  }
}
