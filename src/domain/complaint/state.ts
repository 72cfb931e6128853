import type { Codes } from '../taxonomy/codes'
import type { Signature } from './signature'
import type { SmsPurpose, SmsStatus } from './sms'
import type { AttachmentContentType } from './attachments'
import type { Actor, EventPayload } from './events'
import type {
  ApprovalLevel,
  ComplaintKind,
  ComplaintStatus,
  ContactChannel,
  ContactPurpose,
  IntakeChannel,
  Opinion,
  ScriptStep,
  Verdict,
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

/**
 * The handling round an event belongs to: 0 is the complaint as received; each reopening on new facts and each
 * review request starts the next one, with its own clocks (see clocks.ts).
 */
export interface InRound {
  round: number
}

export interface ContactRecord extends Stamp, InRound {
  channel: ContactChannel
  purpose: ContactPurpose
  content: string
  contactedAt: string
}

/** `legacy`: a stored contact of the retired purpose `reply`, read as the decision notice it was meant as. */
export type NoticeRecord = Stamp & InRound & EventPayload<'decision.notified'> & { legacy?: true }

/**
 * An SMS sent through the centre's gateway, as the gateway last answered. Personal: `recipientPhone`, `messageText`.
 * A failed one that carried a decision notice has taken that notice out of `notices` (it was not given).
 */
export interface SmsRecord extends Stamp {
  recipientPhone: string
  messageText: string
  purpose: SmsPurpose
  aboutEventId?: string
  status: SmsStatus
  messageId?: string
  /** When the gateway says it reached the phone. */
  deliveredAt?: string
  /** Why it failed, as the gateway said (no number). */
  reason?: string
}

/** A photo or file of the complaint, as its event described it (the bytes live apart). Personal: `fileName`, `caption`. */
export interface AttachmentRecord extends Stamp {
  attachmentId: string
  contentType: AttachmentContentType
  byteSize: number
  sha256: string
  fileName?: string
  caption?: string
}

export interface ExtensionRequest extends Stamp, InRound {
  reason: string
  newDueDate: string
  decision?: Stamp & { approved: boolean; comment: string; supervisor: StaffRef; level: ApprovalLevel }
}

/** A round after the first: new facts (Art. 18) or the customer's request for a review (Art. 20). */
export interface RoundStart extends Stamp, InRound {
  kind: 'newFacts' | 'review'
  reason: string
  /** When the new facts or the request reached the bank: the round's clocks count from here. */
  startAt: string
  /** When the round before it stopped: its first closure or withdrawal, else this event. */
  previousStoppedAt?: string
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
  /** The number the customer reads aloud (caseNumber.ts); complaints recorded before it have none. */
  caseNumber?: string
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
  /** Decision notices (处理决定告知); a stored contact of the retired purpose `reply` is read as one too. */
  notices: NoticeRecord[]
  /** SMS sent through the centre's gateway (absent in states folded before it existed). */
  sms?: SmsRecord[]
  /** Photos and files kept with the complaint, oldest first, removed ones left out (absent in states folded before). */
  attachments?: AttachmentRecord[]
  /** Ids of attachments removed (their bytes are deleted; the ids stay refused for a new attachment). */
  removedAttachments?: string[]
  /** Why the decision could not be told to the customer. */
  unreachable: (Stamp & InRound & { reason: string })[]
  escalations: (Stamp & {
    reason: string
    supervisor?: StaffRef
    plan?: { text: string; supervisor: StaffRef; at: string }
  })[]
  extensions: (Stamp & InRound & EventPayload<'complaint.extended'>)[]
  extensionRequests: ExtensionRequest[]
  pauses: (Stamp & InRound & { reason: string; resumedAt?: string })[]
  resolution?: Stamp & { summary: string }
  opinion?: Stamp & { opinion: Opinion; words?: string; signature?: Signature }
  /** The customer's signature on the acceptance slip (受理回执). */
  slipSigned?: Stamp & { signature: Signature }
  closed?: Stamp
  followUp?: { dueDate: string; note?: string }
  followUpsDone: (Stamp & { channel: ContactChannel; content: string; satisfaction?: Opinion })[]
  reopenings: (Stamp & { reason: string; receivedAt?: string })[]
  /** Rounds after the first, in order: `rounds[i]` starts round i + 1. */
  rounds: RoundStart[]
  /** Each correction of the receipt time, from what to what and when it was made (the clocks need the order). */
  receiptCorrections: { from: string; to: string; at: string }[]
  withdrawn?: Stamp & { reason: string }
  /** When the current round was first closed or withdrawn (its clocks stop then); cleared when it is reopened. */
  finishedAt?: string
  /** `previous`: the value before (as the correction form shows it; an instant for receivedAt); absent in states folded before it was kept. */
  corrections: (Stamp & EventPayload<'field.corrected'> & { previous?: string })[]
  /** Clock of the newest event folded in. */
  lastHlc: string
  eventCount: number
}
