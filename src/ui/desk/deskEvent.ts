import { decodeHlc, encodeHlc, EVENT_SCHEMA_VERSION, newId, receiveHlc } from '@/domain'
import type { ComplaintEvent, ComplaintState, EventDraft } from '@/domain'
import type { ComplaintDb } from '@/db'
import { loadIdentity, readClock, writeClock } from '@/db/meta'

/**
 * An event made at the desk for another branch's complaint, sent straight to the central endpoint. It is stamped
 * as the tablet stamps its own: a client-made id, and a clock that has seen the complaint's newest event, so the
 * answer is always folded after what it answers.
 */
export async function deskEvent(
  db: ComplaintDb,
  complaint: ComplaintState,
  draft: EventDraft,
  staff: { id: string; name: string },
): Promise<ComplaintEvent> {
  const { deviceId } = await loadIdentity(db)
  const hlc = receiveHlc(await readClock(db), decodeHlc(complaint.lastHlc), Date.now(), deviceId)
  await writeClock(db, hlc)
  return {
    id: newId(),
    complaintId: complaint.id,
    branchId: complaint.branchId,
    v: EVENT_SCHEMA_VERSION,
    hlc: encodeHlc(hlc),
    actor: { staffId: staff.id, staffName: staff.name, deviceId },
    ...draft,
  } as ComplaintEvent
}
