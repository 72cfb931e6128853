/**
 * Where two versions of a setting differ, as short paths (`categories.3.zh`, `replyWorkingDays`), for the history's
 * one-line summary. Arrays of objects with an `id` are compared entry by entry by id, so inserting one entry names
 * that entry, not every entry after it.
 */
export function changedPaths(before: unknown, after: unknown, path = '', out: string[] = [], limit = 12): string[] {
  if (out.length >= limit || JSON.stringify(before) === JSON.stringify(after)) return out
  const keyed = (v: unknown): Map<string, unknown> | null =>
    Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')
      ? new Map(v.map((x) => [(x as { id: string }).id, x])) : null
  const a = keyed(before)
  const b = keyed(after)
  if (a && b) {
    for (const id of new Set([...a.keys(), ...b.keys()])) changedPaths(a.get(id), b.get(id), join(path, id), out, limit)
    return out
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) changedPaths(before[k], after[k], join(path, k), out, limit)
    return out
  }
  out.push(path || '·')
  return out
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
