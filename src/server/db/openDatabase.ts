import type { Config } from '../config'
import type { Database } from './Database'
import { openPglite } from './openPglite'
import { openPostgres } from './openPostgres'

export function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR)
}
