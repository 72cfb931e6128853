import { ComplaintDb } from '@/db/ComplaintDb'
import { flushDrafts } from '@/ui/drafts/draftRegistry'

let instance: ComplaintDb | null = null

/** The tablet's one database connection. */
export function useDatabase(): ComplaintDb {
  if (!instance) instance = open()
  return instance
}

/** Tests give each run its own database. */
export function setDatabase(db: ComplaintDb | null): void {
  instance = db
}

function open(): ComplaintDb {
  const db = new ComplaintDb()
  // Another window is upgrading the schema: save what is being typed, let go of the database, reload.
  db.on('versionchange', () => {
    void flushDrafts().finally(() => {
      db.close()
      location.reload()
    })
    return false
  })
  return db
}
