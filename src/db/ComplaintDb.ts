import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'
import { DB_NAME, SCHEMA_VERSIONS } from './schema'
import type { ComplaintRow, DraftRow, MetaRow, OutboxRow, StoredEvent, TextRow } from './schema'

export class ComplaintDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>
  complaints!: EntityTable<ComplaintRow, 'id'>
  texts!: EntityTable<TextRow, 'id'>
  outbox!: EntityTable<OutboxRow, 'eventId'>
  meta!: EntityTable<MetaRow, 'key'>
  drafts!: EntityTable<DraftRow, 'key'>

  /** `upTo` opens an older schema version: only the upgrade tests use it. */
  constructor(name = DB_NAME, options: { upTo?: number } = {}) {
    super(name)
    for (const v of SCHEMA_VERSIONS) {
      if (options.upTo !== undefined && v.version > options.upTo) break
      const version = this.version(v.version).stores(v.stores)
      if (v.upgrade) version.upgrade(v.upgrade)
    }
  }
}
