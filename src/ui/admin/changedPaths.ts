/**
 * Where two versions of a setting differ, as short paths (`categories.3.zh`, `replyWorkingDays`), for the history's
 * one-line summary. Arrays of objects with an `id` (or a `code`: the JR/T 0169 tables) are compared entry by entry by
 * it, so inserting one entry names that entry, not every entry after it.
 */
export function changedPaths(before: unknown, after: unknown, path = '', out: string[] = [], limit = 12): string[] {
  if (out.length >= limit || JSON.stringify(before) === JSON.stringify(after)) return out
  const keyOf = (x: unknown) => {
    const r = x as { id?: unknown; code?: unknown } | null
    return r && typeof r === 'object'
      ? typeof r.id === 'string'
        ? r.id
        : typeof r.code === 'string'
          ? r.code
          : null
      : null
  }
  const keyed = (v: unknown): Map<string, unknown> | null =>
    Array.isArray(v) && v.every((x) => keyOf(x) !== null) ? new Map(v.map((x) => [keyOf(x)!, x])) : null
  const a = keyed(before)
  const b = keyed(after)
  if (a && b) {
    for (const id of new Set([...a.keys(), ...b.keys()])) changedPaths(a.get(id), b.get(id), join(path, id), out, limit)
    return out
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)]))
      changedPaths(before[k], after[k], join(path, k), out, limit)
    return out
  }
  out.push(path || '·')
  return out
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
