import type { Queryable } from '../db/Database'

/** The central settings every tablet follows; absent keys mean the built-in defaults. */
export interface SyncSettings {
  calendar?: unknown
  policy?: unknown
  taxonomy?: unknown
  version: number
}

export async function readSettings(db: Queryable): Promise<SyncSettings> {
  const { rows } = await db.query<{ key: string; value: unknown; version: number }>('select key, value, version from settings')
  const out: SyncSettings = { version: 0 }
  for (const r of rows) {
    if (r.key === 'calendar' || r.key === 'policy' || r.key === 'taxonomy') out[r.key] = r.value
    out.version += Number(r.version)
  }
  return out
}
