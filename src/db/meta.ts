import { decodeHlc, encodeHlc } from '@/domain/hlc'
import type { Hlc } from '@/domain/hlc'
import type { ComplaintDb } from './ComplaintDb'

/** Who is working on this tablet, for this tablet's events. Sign-in and PIN unlock replace the default. */
export interface LocalIdentity {
  deviceId: string
  branchId: string
  staffId: string
  staffName: string
}

const DEFAULT_BRANCH = 'local'

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `tab-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The tablet's identity, created on first use (inside the caller's transaction when there is one). */
export async function loadIdentity(db: ComplaintDb): Promise<LocalIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('identity')
    if (row) return row.value as LocalIdentity
    const deviceId = randomDeviceId()
    const identity: LocalIdentity = { deviceId, branchId: DEFAULT_BRANCH, staffId: `staff-${deviceId}`, staffName: '大堂经理' }
    await db.meta.put({ key: 'identity', value: identity })
    return identity
  })
}

export async function readClock(db: ComplaintDb): Promise<Hlc | null> {
  const row = await db.meta.get('hlc')
  return row ? decodeHlc(row.value as string) : null
}

export async function writeClock(db: ComplaintDb, hlc: Hlc): Promise<void> {
  await db.meta.put({ key: 'hlc', value: encodeHlc(hlc) })
}


/** Where the last measured difference between the centre's clock and this tablet's is kept (`{ offsetMs, measuredAt }`). */
export const CLOCK_OFFSET_KEY = 'clockOffset'
export interface ClockOffsetRow { offsetMs: number; measuredAt: string }
