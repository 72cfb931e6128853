import {
  caseNumberPrefix,
  decide,
  encodeHlc,
  EVENT_SCHEMA_VERSION,
  fold,
  newId,
  nextCaseNumber,
  parseEvent,
  tickHlc,
} from '@/domain'
import type {
  Authority,
  CaseNumbering,
  ComplaintEvent,
  ComplaintState,
  EventDraft,
  EventIssue,
  Refusal,
} from '@/domain'
import type { ComplaintDb } from './ComplaintDb'
import { loadClockContext } from './clockContext'
import { loadIdentity, readClock, writeClock } from './meta'
import type { TabletUser } from './metaValues'
import { changedProjections, changesText, putProjections } from './project'

/** A change the domain refused or a payload it found invalid: shown to the user, nothing is written. */
export class CommandRejected extends Error {
  constructor(
    readonly refusal: Refusal | null,
    readonly issues: EventIssue[] = [],
  ) {
    super(refusal ?? issues.map((i) => `${i.path}: ${i.message}`).join('; '))
    this.name = 'CommandRejected'
  }
}

/**
 * The draft was recorded already (a second tap, a retry after a slow save): its event id, made when the form
 * opened, is stored. Nothing is written a second time; the UI treats it as saved.
 */
export class AlreadySaved extends Error {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already recorded`)
    this.name = 'AlreadySaved'
  }
}

/** A change to record; `id`, when the form made one as it opened, makes a second recording of it impossible. */
export type CommitDraft = EventDraft & { id?: string }

export interface CommitOptions {
  /**
   * What else is written in the same transaction, once the events are made (an attachment's sealed bytes): it is
   * stored with them or not at all. It may write only `attachments` besides the stores commit writes.
   */
  alsoWrite?: (made: ComplaintEvent[]) => Promise<unknown>
}

export interface CommitResult {
  events: ComplaintEvent[]
  state: ComplaintState
}

/**
 * The one write path. In ONE read-write transaction: decide each draft against the complaint's current state,
 * stamp it (id, hybrid clock, actor), append it to the event log, queue it in the outbox and update the
 * complaint's book row and search text where they changed. Any failure — a refusal, a quota error, a crash —
 * rolls all of it back.
 */
export async function commit(
  db: ComplaintDb,
  complaintId: string,
  drafts: CommitDraft[],
  now: () => number = Date.now,
  options: CommitOptions = {},
): Promise<CommitResult> {
  return db.transaction('rw', [db.events, db.complaints, db.texts, db.outbox, db.meta, db.attachments], async () => {
    const queuedAt = now()
    const textMayChange = drafts.some(changesText)
    const recording = drafts.some((d) => d.type === 'complaint.recorded')
    // The reads do not depend on each other: asked for together, one round trip instead of six.
    const givenIds = drafts.flatMap((d) => (d.id ? [d.id] : []))
    const [me, existing, storedClock, ctx, row, text, users, stored, numbering] = await Promise.all([
      loadIdentity(db),
      db.events.where('complaintId').equals(complaintId).toArray(),
      readClock(db),
      loadClockContext(db, new Date(queuedAt)),
      db.complaints.get(complaintId),
      textMayChange ? db.texts.get(complaintId) : undefined,
      db.getMeta('users'),
      givenIds.length ? db.events.bulkGet(givenIds) : [],
      recording ? readCaseNumbering(db) : undefined,
    ])
    const again = stored.find((e) => e !== undefined)
    if (again) throw new AlreadySaved(again.id)
    if (new Set(givenIds).size !== givenIds.length)
      throw new AlreadySaved(givenIds.find((id, i) => givenIds.indexOf(id) !== i)!)
    let state = fold(existing)
    let clock = storedClock
    const branchId = state?.branchId ?? me.branchId
    const made: ComplaintEvent[] = []
    const actor = authorityOf(users, me.staffId)
    for (const draft of drafts) {
      const { id: draftId, ...eventDraft } = draft
      const decision = decide(state, eventDraft as EventDraft, { ...ctx, now: new Date(now()), actor })
      if (!decision.ok)
        throw 'refusal' in decision ? new CommandRejected(decision.refusal) : new CommandRejected(null, decision.issues)
      clock = tickHlc(clock, now(), me.deviceId)
      if (decision.draft.type === 'complaint.recorded' && numbering) {
        const caseNumber = await nextNumber(db, numbering, now())
        if (caseNumber) decision.draft.payload = { ...decision.draft.payload, caseNumber }
      }
      const parsed = parseEvent({
        id: draftId ?? newId(),
        complaintId,
        branchId,
        v: EVENT_SCHEMA_VERSION,
        hlc: encodeHlc(clock),
        actor: { staffId: me.staffId, staffName: me.staffName, deviceId: me.deviceId },
        ...decision.draft,
      })
      if (!parsed.ok) throw new CommandRejected(null, parsed.issues)
      made.push(parsed.value)
      state = fold([...existing, ...made])
    }
    if (!state) throw new CommandRejected('notRecorded')
    await Promise.all([
      db.events.bulkAdd(made),
      db.outbox.bulkAdd(
        made.map((e, i) => ({ eventId: e.id, complaintId, queuedAt: queuedAt + i / 1000, attempts: 0 })),
      ),
      putProjections(
        db,
        changedProjections([state], ctx, { rows: [row], texts: new Map(textMayChange ? [[complaintId, text]] : []) }),
      ),
      clock ? writeClock(db, clock) : undefined,
      // An attachment removed by mistake leaves the tablet with its event: its bytes go at once.
      removedAttachments(made).length ? db.attachments.bulkDelete(removedAttachments(made)) : undefined,
    ])
    if (options.alsoWrite) await options.alsoWrite(made)
    return { events: made, state }
  })
}

/** The attachments a list of events removes. */
export function removedAttachments(events: readonly ComplaintEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'attachment.removed' ? [e.payload.attachmentId] : []))
}

/** The branch code and letter the centre gave this tablet (with its pulls), or undefined before it has. */
export async function readCaseNumbering(db: ComplaintDb): Promise<CaseNumbering | undefined> {
  return db.getMeta('caseNumbering')
}

/**
 * One after the tablet's highest number of the day, read off the book's index inside the write transaction: two
 * complaints recorded on this tablet never get the same number, and other tablets of the branch have other letters.
 */
async function nextNumber(db: ComplaintDb, numbering: CaseNumbering, at: number): Promise<string | null> {
  const given = await db.complaints.where('caseNumber').startsWith(caseNumberPrefix(numbering, at)).keys()
  return nextCaseNumber(numbering, at, given.map(String))
}

/**
 * What the acting staff member may approve, from the tablet's users (their role and approval level as the centre
 * said when they were added). Someone not among them is a lobby manager; a tablet with no users yet (never
 * enrolled, tests of the write path alone) names no one.
 */
function authorityOf(users: TabletUser[] | undefined, staffId: string): Authority | undefined {
  if (!users) return undefined
  const user = users.find((u) => u.staffId === staffId)
  return user ? { role: user.role, approvalLevel: user.approvalLevel ?? null } : { role: 'manager' }
}
