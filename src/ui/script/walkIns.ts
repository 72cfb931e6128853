import { decide, newId } from '@/domain'
import type { EventDraft } from '@/domain'
import { walkInState, WALK_IN_TYPES } from '@/domain/script/walkIn'
import type { WalkIn, WalkInStep } from '@/domain/script/walkIn'
import type { ComplaintDb } from '@/db'
import type { CommandOutcome } from '@/ui/stores/useComplaintStore'

/** A walk-in's steps live with the tablet's other unsaved forms (the drafts store), until the intake records them. */
export const walkInKey = (id: string) => `walk-in-${id}`

export async function startWalkIn(db: ComplaintDb, name: string, now = new Date()): Promise<string> {
  const w: WalkIn = { id: newId(), name: name.trim(), startedAt: now.toISOString(), steps: [] }
  await db.drafts.put({ key: walkInKey(w.id), value: w, savedAt: now.getTime() })
  return w.id
}

export async function readWalkIn(db: ComplaintDb, id: string): Promise<WalkIn | undefined> {
  return (await db.drafts.get(walkInKey(id)))?.value as WalkIn | undefined
}

/**
 * A step, skip or mood of a walk-in's script, checked by the domain's `decide` as the write path would check it on
 * the recorded complaint, and kept with the walk-in. Answers as the write path does, so the script page treats both alike.
 */
export async function recordWalkInStep(
  db: ComplaintDb,
  id: string,
  drafts: EventDraft[],
  now = Date.now(),
): Promise<CommandOutcome> {
  return db.transaction('rw', db.drafts, async () => {
    const w = await readWalkIn(db, id)
    if (!w) return { ok: false, kind: 'refused', refusal: 'notRecorded' }
    let state = walkInState(w)
    for (const draft of drafts) {
      if (!WALK_IN_TYPES.has(draft.type)) return { ok: false, kind: 'refused', refusal: 'notRecorded' }
      const decision = decide(state, draft, { now: new Date(now) })
      if (!decision.ok)
        return 'refusal' in decision
          ? { ok: false, kind: 'refused', refusal: decision.refusal }
          : { ok: false, kind: 'invalid', issues: decision.issues }
      w.steps.push({ ...draft, at: now } as WalkInStep)
      state = walkInState(w)
    }
    await db.drafts.put({ key: walkInKey(id), value: w, savedAt: now })
    return { ok: true, result: { events: [], state } }
  })
}

export async function discardWalkIn(db: ComplaintDb, id: string): Promise<void> {
  await db.drafts.delete(walkInKey(id))
}
