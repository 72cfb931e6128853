import type { ComplaintEvent, PayloadInput } from '../complaint/events'
import { fold } from '../complaint/fold'
import type { ComplaintState } from '../complaint/state'
import { encodeHlc } from '../hlc'
import { keyPointLines } from './scriptSession'

/**
 * "The customer is here": the seven-step script started with nothing but the customer's name, before anything is
 * recorded. The steps, ticks and moods are kept on the tablet as drafts, in order; when the manager turns to the
 * intake form, the notes fill its fields for them to confirm, and the record and the script's steps are written
 * together through the one write path.
 */
export interface WalkIn {
  id: string
  name: string
  /** When the customer arrived (the script opened): the complaint's receipt time unless the manager changes it. */
  startedAt: string
  steps: WalkInStep[]
}

export type WalkInStep =
  | { type: 'script.stepDone'; payload: PayloadInput<'script.stepDone'>; at: number }
  | { type: 'script.stepSkipped'; payload: PayloadInput<'script.stepSkipped'>; at: number }
  | { type: 'script.moodRecorded'; payload: PayloadInput<'script.moodRecorded'>; at: number }

export const WALK_IN_TYPES = new Set<string>(['script.stepDone', 'script.stepSkipped', 'script.moodRecorded'])

const ACTOR = { staffId: 'walk-in', staffName: 'walk-in', deviceId: 'walk-in' }

/**
 * The walk-in as events, for the script's screens to fold and show as they do a recorded complaint's: a stand-in
 * record (the name, the arrival) and the steps in the order they were taken. Never stored, never sent.
 */
export function walkInEvents(w: WalkIn): ComplaintEvent[] {
  const base = (i: number, at: number) => ({
    id: `${w.id}-${i}`,
    complaintId: w.id,
    branchId: 'walk-in',
    v: 1 as const,
    hlc: encodeHlc({ wall: at, counter: i, node: 'walk-in' }),
    actor: ACTOR,
  })
  const recorded = {
    ...base(0, Date.parse(w.startedAt)),
    type: 'complaint.recorded',
    payload: {
      customer: { name: w.name, consentSms: false, consentPhone: false },
      channel: 'inPerson',
      kind: 'complaint',
      description: '',
      customerPresent: true,
      receivedAt: w.startedAt,
    },
  }
  return [
    recorded,
    ...w.steps.map((s, i) => ({
      ...base(i + 1, Math.max(s.at, Date.parse(w.startedAt))),
      type: s.type,
      payload: s.payload,
    })),
  ] as ComplaintEvent[]
}

export function walkInState(w: WalkIn): ComplaintState {
  return fold(walkInEvents(w))!
}

/**
 * What the script's notes say for the intake form: the customer's account (the key points noted while calming and
 * apologising, and the notes of the questions) as the description, the real demand as the demand. The manager
 * confirms or rewrites them before anything is recorded.
 */
export function walkInIntake(w: WalkIn): { name: string; description: string; demand: string; receivedAt: string } {
  const s = walkInState(w).script
  const notesOf = (step: 'calm' | 'apologise' | 'gather') => {
    const rec = s.steps[step]
    return rec?.status === 'done' ? keyPointLines(rec.notes ?? '') : []
  }
  const lines = [...new Set([...notesOf('calm'), ...notesOf('apologise'), ...notesOf('gather')])]
  return { name: w.name, description: lines.join('\n'), demand: s.realDemand ?? '', receivedAt: w.startedAt }
}

/** The steps as drafts for the write path, after the record, in the order they were taken. */
export function walkInDrafts(w: WalkIn): { type: WalkInStep['type']; payload: WalkInStep['payload'] }[] {
  return w.steps.map(
    ({ type, payload }) => ({ type, payload }) as { type: WalkInStep['type']; payload: WalkInStep['payload'] },
  )
}
