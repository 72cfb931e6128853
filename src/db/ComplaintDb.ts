import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'
import { sealMiddleware } from './crypto/sealMiddleware'
import { DB_NAME, SCHEMA_VERSIONS } from './schema'
import type { ComplaintRow, DraftRow, MetaRow, OutboxRow, StoredEvent, TextRow } from './schema'

export class ComplaintDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>
  complaints!: EntityTable<ComplaintRow, 'id'>
  texts!: EntityTable<TextRow, 'id'>
  outbox!: EntityTable<OutboxRow, 'eventId'>
  meta!: EntityTable<MetaRow, 'key'>
  drafts!: EntityTable<DraftRow, 'key'>

  /**
   * `upTo` opens an older schema version: only the upgrade tests use it, as the app of that version did (before
   * v7, with nothing sealed), and to read the rows as stored.
   */
  constructor(name = DB_NAME, options: { upTo?: number } = {}) {
    super(name)
    for (const v of SCHEMA_VERSIONS) {
      if (options.upTo !== undefined && v.version > options.upTo) break
      const version = this.version(v.version).stores(v.stores)
      if (v.upgrade) version.upgrade(v.upgrade)
    }
    // Personal fields are sealed with the tablet's key on the way in and opened on the way out (src/db/crypto).
    if (options.upTo === undefined) this.use(sealMiddleware)
  }
}
