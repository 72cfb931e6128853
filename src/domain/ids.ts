import { v7 as uuidv7 } from 'uuid'

/**
 * Client-made, time-sortable ids (UUIDv7): a tablet can name an event or a complaint offline,
 * and ids sort roughly by creation time, which keeps IndexedDB and PostgreSQL indexes append-friendly.
 */
export function newId(): string {
  return uuidv7()
}
