import { decodeHlc, encodeHlc } from '@/domain/hlc'
import type { Hlc } from '@/domain/hlc'
import type { ComplaintDb } from './ComplaintDb'
import type { LocalIdentity, MetaKey, MetaValues } from './metaValues'

export type { ClockOffsetRow, LocalIdentity, MetaKey, MetaValues } from './metaValues'

/** The value stored under `key`, typed by key (`MetaValues`); undefined when nothing is. */
export async function getMeta<K extends MetaKey>(db: ComplaintDb, key: K): Promise<MetaValues[K] | undefined> {
  // The one place a row's value meets its key's type: every write goes through `putMeta`, which checks it.
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined
}

/** Several keys in one IndexedDB request (a starting tablet waits for every round trip). */
export async function getMetas<const K extends readonly MetaKey[]>(db: ComplaintDb, keys: K): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }> {
  const rows = await db.meta.bulkGet([...keys])
  return rows.map((r) => r?.value) as { [I in keyof K]: MetaValues[K[I]] | undefined }
}

export async function putMeta<K extends MetaKey>(db: ComplaintDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value } as { [P in MetaKey]: { key: P; value: MetaValues[P] } }[K])
}

const DEFAULT_BRANCH = 'local'

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `tab-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The tablet's identity, created on first use (inside the caller's transaction when there is one). */
export async function loadIdentity(db: ComplaintDb): Promise<LocalIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await getMeta(db, 'identity')
    if (stored) return stored
    const deviceId = randomDeviceId()
    const identity: LocalIdentity = { deviceId, branchId: DEFAULT_BRANCH, staffId: `staff-${deviceId}`, staffName: '大堂经理' }
    await putMeta(db, 'identity', identity)
    return identity
  })
}

export async function readClock(db: ComplaintDb): Promise<Hlc | null> {
  const stored = await getMeta(db, 'hlc')
  return stored ? decodeHlc(stored) : null
}

export async function writeClock(db: ComplaintDb, hlc: Hlc): Promise<void> {
  await putMeta(db, 'hlc', encodeHlc(hlc))
}

/** Where the last measured difference between the centre's clock and this tablet's is kept (`{ offsetMs, measuredAt }`). */
export const CLOCK_OFFSET_KEY = 'clockOffset' satisfies MetaKey
