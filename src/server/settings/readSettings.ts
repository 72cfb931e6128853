import { SETTINGS_KEYS } from '../../domain'
import type { SettingsKey } from '../../domain'
import type { Queryable } from '../db/Database'

/** The central settings every tablet follows; absent keys mean the built-in defaults. */
export type SyncSettings = { [K in SettingsKey]?: unknown } & { version: number }

export async function readSettings(db: Queryable): Promise<SyncSettings> {
  const { rows } = await db.query<{ key: string; value: unknown; version: number }>(
    'select key, value, version from settings',
  )
  return settingsFrom(rows)
}

/** The settings out of the table's rows (read by a caller that fetches them with other things in one query). */
export function settingsFrom(rows: readonly { key: string; value: unknown; version: number }[]): SyncSettings {
  const out: SyncSettings = { version: 0 }
  for (const r of rows) {
    if ((SETTINGS_KEYS as readonly string[]).includes(r.key)) out[r.key as SettingsKey] = r.value
    out.version += Number(r.version)
  }
  return out
}
