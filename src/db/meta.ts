import { decodeHlc, encodeHlc } from '@/domain/hlc'
import type { Hlc } from '@/domain/hlc'
import type { ComplaintDb } from './ComplaintDb'
import type { LocalIdentity, MetaKey } from './metaValues'

export type { ClockOffsetRow, LocalIdentity, MetaKey, MetaValues } from './metaValues'

const DEFAULT_BRANCH = 'local'

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `tab-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The tablet's identity, created on first use (inside the caller's transaction when there is one). */
export async function loadIdentity(db: ComplaintDb): Promise<LocalIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await db.getMeta('identity')
    if (stored) return stored
    const deviceId = randomDeviceId()
    const identity: LocalIdentity = {
      deviceId,
      branchId: DEFAULT_BRANCH,
      staffId: `staff-${deviceId}`,
      staffName: '大堂经理',
    }
    await db.putMeta('identity', identity)
    return identity
  })
}

export async function readClock(db: ComplaintDb): Promise<Hlc | null> {
  const stored = await db.getMeta('hlc')
  return stored ? decodeHlc(stored) : null
}

export async function writeClock(db: ComplaintDb, hlc: Hlc): Promise<void> {
  await db.putMeta('hlc', encodeHlc(hlc))
}

/** Where the last measured difference between the centre's clock and this tablet's is kept (`{ offsetMs, measuredAt }`). */
export const CLOCK_OFFSET_KEY = 'clockOffset' satisfies MetaKey
