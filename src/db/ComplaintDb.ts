import { Dexie } from 'dexie'
import type { EntityTable } from 'dexie'
import { sealMiddleware } from './crypto/sealMiddleware'
import { DB_NAME, SCHEMA_VERSIONS } from './schema'
import type { MetaKey, MetaValues } from './metaValues'
import type { AttachmentRow, ComplaintRow, DraftRow, MetaRow, OutboxRow, StoredEvent, TextRow } from './schema'

export class ComplaintDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>
  complaints!: EntityTable<ComplaintRow, 'id'>
  texts!: EntityTable<TextRow, 'id'>
  outbox!: EntityTable<OutboxRow, 'eventId'>
  meta!: EntityTable<MetaRow, 'key'>
  drafts!: EntityTable<DraftRow, 'key'>
  attachments!: EntityTable<AttachmentRow, 'attachmentId'>

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

  /** The value stored in `meta` under `key`, typed by key (`MetaValues`); undefined when nothing is. */
  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    // The one place a row's value meets its key's type: every write goes through `putMeta`, which checks it.
    return (await this.meta.get(key))?.value as MetaValues[K] | undefined
  }

  /** Several keys of `meta` in one IndexedDB request (a starting tablet waits for every round trip). */
  async getMetas<const K extends readonly MetaKey[]>(
    keys: K,
  ): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }> {
    const rows = await this.meta.bulkGet([...keys])
    return rows.map((r) => r?.value) as { [I in keyof K]: MetaValues[K[I]] | undefined }
  }

  async putMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.meta.put({ key, value } as { [P in MetaKey]: { key: P; value: MetaValues[P] } }[K])
  }
}
