import { centreHlc, CENTRE_ACTOR, EVENT_SCHEMA_VERSION, newId, parseEvent } from '../../domain'
import type { ComplaintEvent, EventOfType } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { insertEvents, loadComplaints } from '../sync/ingestEvents'
import { projectComplaints } from '../sync/projectComplaints'
import { scrubReason } from './smsGateway'
import type { SmsGateway } from './smsGateway'

/** What the sender may log: ids, states and counts, never a number or a text. */
export interface SmsLog {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
}

export interface SmsLimits {
  perMinute: number
  perBranchPerMinute: number
}

/** Tries of a message the gateway could not be reached for, before it is reported failed. */
export const MAX_ATTEMPTS = 5
/** A send that has not come back by then (the process died) is tried again, with the same reference. */
const SENDING_LEASE = "interval '2 minutes'"

/**
 * The SMS jobs of newly stored `sms.requested` events. The intake inserts them (`insertSmsJobsSql`) in the statement
 * that stores the events: the job table is the outbox. Keyed by the event's id: the same event pushed again queues
 * nothing.
 */
export function smsJobRows(events: readonly ComplaintEvent[]) {
  return events.flatMap((e) =>
    e.type === 'sms.requested' ? [{ id: e.id, complaintId: e.complaintId, branchId: e.branchId }] : [],
  )
}

/** Inserts `smsJobRows` given as one JSON array in `param`. */
export const insertSmsJobsSql = (param: string) =>
  `insert into sms_jobs (request_id, complaint_id, branch_id)
   select (j->>'id')::uuid, (j->>'complaintId')::uuid, j->>'branchId' from jsonb_array_elements(${param}::jsonb) j
   on conflict (request_id) do nothing`

type Answer =
  | { type: 'sms.accepted'; payload: { messageId: string } }
  | { type: 'sms.delivered'; payload: { messageId?: string; deliveredAt: string } }
  | { type: 'sms.failed'; payload: { reason: string } }

/**
 * Stores the centre's events answering a request, after the request and any earlier answer by clock, and refolds the
 * complaint's row. The caller holds the branch's lock (the sequence numbers of a branch commit in order).
 */
async function appendAnswers(
  tx: Queryable,
  request: { id: string; complaintId: string },
  answers: Answer[],
  now: Date,
): Promise<void> {
  const complaint = (await loadComplaints(tx, [request.complaintId])).get(request.complaintId)
  if (!complaint) return
  const related = complaint.events.filter(
    (e) => e.id === request.id || (e.payload as { requestId?: string }).requestId === request.id,
  )
  const made: ComplaintEvent[] = []
  for (const a of answers) {
    const hlc = centreHlc(
      [...related, ...made].map((e) => e.hlc),
      now.getTime(),
    )
    const parsed = parseEvent({
      id: newId(),
      complaintId: request.complaintId,
      branchId: complaint.branchId,
      v: EVENT_SCHEMA_VERSION,
      hlc,
      actor: CENTRE_ACTOR,
      type: a.type,
      payload: { requestId: request.id, ...a.payload },
    })
    if (!parsed.ok)
      throw new Error(`Centre SMS event invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
    made.push(parsed.value)
  }
  const seqs = await insertEvents(tx, made)
  await projectComplaints(
    tx,
    new Map([[request.complaintId, { events: [...complaint.events, ...made], seq: Math.max(...seqs.values()) }]]),
    now,
  )
}

const lockBranch = (tx: Queryable, branchId: string) =>
  tx.query('select pg_advisory_xact_lock(hashtext($1))', [`branch:${branchId}`])

interface Claimed {
  request_id: string
  complaint_id: string
  branch_id: string
  attempts: number
}

/**
 * Takes the jobs that may be sent now: due ones, and sends that never came back (a process that died mid-send),
 * within the per-minute limits overall and per branch. Each try counts against the limits.
 */
async function claim(db: Database, limits: SmsLimits): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const recent = (
      await tx.query<{ branch_id: string; n: number }>(
        "select branch_id, count(*)::int as n from sms_jobs where sent_at > now() - interval '1 minute' group by branch_id",
      )
    ).rows
    const perBranch = new Map(recent.map((r) => [r.branch_id, r.n]))
    let room = limits.perMinute - recent.reduce((sum, r) => sum + r.n, 0)
    if (room <= 0) return []
    const { rows } = await tx.query<Claimed>(
      `select request_id, complaint_id, branch_id, attempts from sms_jobs
       where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and locked_until < now())
       order by created_at limit 500 for update skip locked`,
    )
    const chosen: Claimed[] = []
    for (const r of rows) {
      if (room <= 0) break
      const used = perBranch.get(r.branch_id) ?? 0
      if (used >= limits.perBranchPerMinute) continue
      perBranch.set(r.branch_id, used + 1)
      room--
      chosen.push(r)
    }
    if (chosen.length === 0) return []
    await tx.query(
      `update sms_jobs set status = 'sending', attempts = attempts + 1, sent_at = now(), locked_until = now() + ${SENDING_LEASE}
       where request_id = any($1::uuid[])`,
      [chosen.map((c) => c.request_id)],
    )
    return chosen.map((c) => ({ ...c, attempts: c.attempts + 1 }))
  })
}

/** Seconds before trying again a message the gateway could not take: 30 s, 1, 2, 4 min… */
const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 1800)

/**
 * Sends what may be sent now and records each answer as the centre's event. Returns how many were tried. Safe to run
 * in several processes at once (the claim skips what another holds; an answer is recorded only by the send that holds
 * the job).
 */
export async function runSmsJobs(db: Database, gateway: SmsGateway, limits: SmsLimits, log: SmsLog): Promise<number> {
  const jobs = await claim(db, limits)
  if (jobs.length === 0) return 0
  const { rows } = await db.query<{ event_id: string; body: EventOfType<'sms.requested'> }>(
    'select event_id, body from events where event_id = any($1::uuid[])',
    [jobs.map((j) => j.request_id)],
  )
  const bodies = new Map(rows.map((r) => [r.event_id, r.body]))
  for (const job of jobs) {
    const request = bodies.get(job.request_id)
    if (!request) continue
    const result = await gateway.send({
      reference: job.request_id,
      recipientPhone: request.payload.recipientPhone,
      messageText: request.payload.messageText,
    })
    await db.transaction(async (tx) => {
      await lockBranch(tx, job.branch_id)
      const now = new Date()
      const ref = { id: job.request_id, complaintId: job.complaint_id }
      if (result.kind === 'unavailable' && job.attempts < MAX_ATTEMPTS) {
        await tx.query(
          `update sms_jobs set status = 'queued', locked_until = null, next_attempt_at = now() + make_interval(secs => $2)
           where request_id = $1 and status = 'sending'`,
          [job.request_id, retryDelaySeconds(job.attempts)],
        )
        log.warn(
          { smsRequest: job.request_id, attempts: job.attempts, reason: result.reason },
          'sms gateway unavailable; will retry',
        )
        return
      }
      if (result.kind === 'accepted') {
        const { rows: held } = await tx.query<{ pending_receipt: Receipt | null }>(
          `update sms_jobs set status = 'accepted', message_id = $2, locked_until = null where request_id = $1 and status = 'sending'
           returning pending_receipt`,
          [job.request_id, result.messageId],
        )
        if (held.length === 0) return
        const answers: Answer[] = [{ type: 'sms.accepted', payload: { messageId: result.messageId } }]
        // A receipt that came before this answer was recorded waited on the job.
        const early = held[0]!.pending_receipt
        if (early) {
          answers.push(receiptAnswer(early, result.messageId, now))
          await tx.query('update sms_jobs set status = $2, pending_receipt = null where request_id = $1', [
            job.request_id,
            early.status,
          ])
        }
        await appendAnswers(tx, ref, answers, now)
        log.info(
          { smsRequest: job.request_id, messageId: result.messageId, attempts: job.attempts },
          'sms accepted by the gateway',
        )
        return
      }
      const reason = scrubReason(result.reason)
      const { rows: held } = await tx.query(
        "update sms_jobs set status = 'failed', locked_until = null where request_id = $1 and status = 'sending' returning request_id",
        [job.request_id],
      )
      if (held.length === 0) return
      await appendAnswers(tx, ref, [{ type: 'sms.failed', payload: { reason } }], now)
      log.warn({ smsRequest: job.request_id, attempts: job.attempts, reason }, 'sms failed')
    })
  }
  return jobs.length
}

/** A delivery receipt from the gateway (its callback), by its message id or our reference. */
export interface Receipt {
  messageId?: string
  reference?: string
  status: 'delivered' | 'failed'
  reason?: string
  deliveredAt?: string
}

function receiptAnswer(r: Receipt, messageId: string | undefined, now: Date): Answer {
  if (r.status === 'failed') return { type: 'sms.failed', payload: { reason: scrubReason(r.reason ?? 'undelivered') } }
  const at = r.deliveredAt && !Number.isNaN(Date.parse(r.deliveredAt)) ? new Date(r.deliveredAt) : now
  return { type: 'sms.delivered', payload: { ...(messageId ? { messageId } : {}), deliveredAt: at.toISOString() } }
}

/**
 * Records a delivery receipt once: a second report of the same message changes nothing; one that arrives before the
 * gateway's answer to the send was recorded waits on the job and is recorded with it.
 */
export async function recordReceipt(
  db: Database,
  r: Receipt,
  log: SmsLog,
): Promise<'recorded' | 'duplicate' | 'early' | 'unknown'> {
  const find =
    'select request_id, complaint_id, branch_id, status, message_id from sms_jobs where message_id = $1 or request_id = $2::uuid'
  const reference = r.reference && /^[0-9a-f-]{36}$/i.test(r.reference) ? r.reference : null
  const first = (await db.query<{ branch_id: string }>(find, [r.messageId ?? null, reference])).rows[0]
  if (!first) return 'unknown'
  return db.transaction(async (tx) => {
    await lockBranch(tx, first.branch_id)
    const job = (
      await tx.query<{ request_id: string; complaint_id: string; status: string; message_id: string | null }>(
        `${find} for update`,
        [r.messageId ?? null, reference],
      )
    ).rows[0]!
    if (job.status === 'delivered' || job.status === 'failed') return 'duplicate'
    if (job.status !== 'accepted') {
      await tx.query('update sms_jobs set pending_receipt = $2 where request_id = $1', [
        job.request_id,
        JSON.stringify(r),
      ])
      return 'early'
    }
    await tx.query('update sms_jobs set status = $2 where request_id = $1', [job.request_id, r.status])
    const now = new Date()
    await appendAnswers(
      tx,
      { id: job.request_id, complaintId: job.complaint_id },
      [receiptAnswer(r, job.message_id ?? undefined, now)],
      now,
    )
    log.info({ smsRequest: job.request_id, status: r.status }, 'sms receipt recorded')
    return 'recorded'
  })
}

/** Sends every few seconds while the process runs (the timer never holds the process); `kick` sends at once. */
export function startSmsSender(
  db: Database,
  gateway: SmsGateway,
  limits: SmsLimits,
  log: SmsLog,
  everyMs = 2000,
): { kick(): void; stop(): void } {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      while ((await runSmsJobs(db, gateway, limits, log)) > 0) {
        /* until nothing more may be sent now */
      }
    } catch (e) {
      log.warn({ error: (e as Error).name }, 'sms sending failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void run(), everyMs)
  timer.unref()
  return { kick: () => void run(), stop: () => clearInterval(timer) }
}
