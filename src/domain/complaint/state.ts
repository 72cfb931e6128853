import type { Codes } from '../taxonomy/codes'
import type { Actor, EventPayload } from './events'
import type {
  ComplaintKind, ComplaintStatus, ContactChannel, ContactPurpose, IntakeChannel, Opinion, ScriptStep, Verdict,
} from './vocabulary'

export interface StaffRef {
  staffId: string
  staffName: string
}

/** Who did something, and when (the event's clock wall time, ISO). */
export interface Stamp {
  eventId: string
  at: string
  by: Actor
}

export interface ScriptStepRecord extends Stamp {
  status: 'done' | 'skipped'
  checked: string[]
  notes?: string
  skippedReason?: string
}

export interface ContactRecord extends Stamp {
  channel: ContactChannel
  purpose: ContactPurpose
  content: string
  contactedAt: string
}

export interface ExtensionRequest extends Stamp {
  reason: string
  newDueDate: string
  decision?: Stamp & { approved: boolean; comment: string; supervisor: StaffRef }
}

export interface ComplaintState {
  id: string
  branchId: string
  status: ComplaintStatus
  kind: ComplaintKind
  channel: IntakeChannel
  customer: { name: string; phone?: string; consentSms: boolean; consentPhone: boolean }
  /** The app's earlier category and cause (see Classifiable in taxonomy/taxonomy.ts). */
  category?: string
  cause?: string
  /** JR/T 0169-2018 codes chosen at intake or by a correction. */
  codes: Codes
  /** Recorded before the app classified by the standard: dimensions not chosen since come from the upgrade mapping. */
  preStandard: boolean
  description: string
  demand?: string
  customerPresent: boolean
  group?: { size: number; representatives: string[] }
  recordingRef?: string
  receivedAt: string
  recorded: Stamp
  /** First-responder ownership: the recorder owns it until a hand-off names someone else. */
  owner: StaffRef
  acknowledged?: Stamp
  validity?: Stamp & { verdict: Verdict; reason: string }
  plan?: Stamp & EventPayload<'plan.proposed'>
  script: {
    steps: Partial<Record<ScriptStep, ScriptStepRecord>>
    history: (Stamp & { step: ScriptStep; status: 'done' | 'skipped' })[]
    moodStart?: number
    moodEnd?: number
    realDemand?: string
    rootCause?: string
    plan?: string
    promisedDate?: string
  }
  notes: (Stamp & { text: string })[]
  handoffs: (Stamp & { from: StaffRef; to: StaffRef; reason: string })[]
  contacts: ContactRecord[]
  escalations: (Stamp & { reason: string; supervisor?: StaffRef; plan?: { text: string; supervisor: StaffRef; at: string } })[]
  extensions: (Stamp & EventPayload<'complaint.extended'>)[]
  extensionRequests: ExtensionRequest[]
  pauses: (Stamp & { reason: string; resumedAt?: string })[]
  resolution?: Stamp & { summary: string }
  opinion?: Stamp & { opinion: Opinion; words?: string }
  closed?: Stamp
  followUp?: { dueDate: string; note?: string }
  followUpsDone: (Stamp & { channel: ContactChannel; content: string })[]
  reopenings: (Stamp & { reason: string })[]
  withdrawn?: Stamp & { reason: string }
  corrections: (Stamp & EventPayload<'field.corrected'>)[]
  /** Clock of the newest event folded in. */
  lastHlc: string
  eventCount: number
}
